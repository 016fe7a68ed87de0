// The Response checks against responses made by a real IdP (pysaml2 + xmlsec1, written by
// tests/sso/saml_idp.py fixtures) at 2026-12-07T12:34:37Z for SP https://sp.test/saml.
#include "sso/saml_response.hpp"

#include <gtest/gtest.h>

#include "source_file.hpp"

namespace sso::saml {
namespace {

std::string read(const std::string& rel) { return test::source_file("tests/sso/" + rel); }

Expectations expected() {
  Expectations e;
  e.sp_entity_id = "https://sp.test/saml";
  e.acs_url = "https://sp.test/sso/acs";
  e.idp_entity_id = "https://idp.test/idp";
  e.idp_certificates_pem = {read("keys/idp.crt")};
  e.sp_private_key_pem = read("keys/sp.key");
  e.request_id = "_req-1";
  e.now = parse_instant("2026-12-07T12:35:00Z");
  return e;
}

Refusal refusal_of(const std::string& xml, const Expectations& e) {
  try {
    verify_response(xml, e);
  } catch (const Refused& r) {
    return r.reason();
  }
  ADD_FAILURE() << "accepted";
  return Refusal::kReplayed;
}

void replace(std::string& s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  s.replace(at, from.size(), to);
}

TEST(SamlResponse, AcceptsASignedAssertionAndReadsItsAttributes) {
  auto a = verify_response(read("fixtures/ok.xml"), expected());
  EXPECT_EQ(a.issuer, "https://idp.test/idp");
  EXPECT_EQ(a.name_id, "anna-1");
  EXPECT_FALSE(a.id.empty());
  EXPECT_FALSE(a.was_encrypted);
  EXPECT_EQ(a.attributes.at("mail"), std::vector<std::string>{"anna@example.dk"});
  EXPECT_EQ(a.attributes.at("urn:oid:0.9.2342.19200300.100.1.3"),
            std::vector<std::string>{"anna@example.dk"});
  EXPECT_EQ(a.attributes.at("employeeNumber"), std::vector<std::string>{"E-7"});
  EXPECT_EQ(a.attributes.at("groups"), std::vector<std::string>{"ledere"});
  EXPECT_GT(a.not_on_or_after, expected().now);
}

TEST(SamlResponse, AcceptsASignedResponseCoveringTheAssertion) {
  EXPECT_EQ(verify_response(read("fixtures/signed-response.xml"), expected()).name_id, "anna-1");
}

TEST(SamlResponse, DecryptsAes256GcmAndAes128GcmAssertions) {
  for (const char* f : {"fixtures/encrypted.xml", "fixtures/encrypted128.xml"}) {
    auto a = verify_response(read(f), expected());
    EXPECT_TRUE(a.was_encrypted) << f;
    EXPECT_EQ(a.attributes.at("mail"), std::vector<std::string>{"anna@example.dk"}) << f;
  }
}

TEST(SamlResponse, RefusesCbcEncryptionAndEncryptionWithoutOurKey) {
  EXPECT_EQ(refusal_of(read("fixtures/cbc.xml"), expected()), Refusal::kEncryption);
  auto e = expected();
  e.sp_private_key_pem = read("keys/idp.key");  // not the key it was encrypted for
  EXPECT_EQ(refusal_of(read("fixtures/encrypted.xml"), e), Refusal::kEncryption);
}

TEST(SamlResponse, RefusesUnsignedExpiredAndWrongAudience) {
  EXPECT_EQ(refusal_of(read("fixtures/unsigned.xml"), expected()), Refusal::kUnsigned);
  EXPECT_EQ(refusal_of(read("fixtures/expired.xml"), expected()), Refusal::kExpired);
  EXPECT_EQ(refusal_of(read("fixtures/audience.xml"), expected()), Refusal::kAudience);
  auto later = expected();
  later.now = parse_instant("2026-12-07T12:45:00Z");
  EXPECT_EQ(refusal_of(read("fixtures/ok.xml"), later), Refusal::kExpired);
}

TEST(SamlResponse, RefusesATamperedAssertionAndAnotherIdpsKey) {
  auto xml = read("fixtures/ok.xml");
  replace(xml, "anna@example.dk", "boss@example.dk");
  EXPECT_EQ(refusal_of(xml, expected()), Refusal::kBadSignature);
  auto e = expected();
  e.idp_certificates_pem = {read("keys/sp.crt")};
  EXPECT_EQ(refusal_of(read("fixtures/ok.xml"), e), Refusal::kBadSignature);
  e.idp_certificates_pem = {read("keys/sp.crt"), read("keys/idp.crt")};  // rollover: either
  EXPECT_EQ(verify_response(read("fixtures/ok.xml"), e).name_id, "anna-1");
}

TEST(SamlResponse, RefusesAnotherDestinationRecipientRequestOrIssuer) {
  auto e = expected();
  e.acs_url = "https://sp.test/other/acs";
  EXPECT_EQ(refusal_of(read("fixtures/ok.xml"), e), Refusal::kDestination);
  auto xml = read("fixtures/ok.xml");  // the Response itself is not signed here
  replace(xml, " Destination=\"https://sp.test/sso/acs\"", "");
  EXPECT_EQ(refusal_of(xml, e), Refusal::kRecipient);
  e = expected();
  e.request_id = "_req-2";
  EXPECT_EQ(refusal_of(read("fixtures/ok.xml"), e), Refusal::kInResponseTo);
  e = expected();
  e.idp_entity_id = "https://idp.other/idp";
  EXPECT_EQ(refusal_of(read("fixtures/ok.xml"), e), Refusal::kIssuer);
}

TEST(SamlResponse, RefusesWrappedAndMalformedDocuments) {
  auto xml = read("fixtures/ok.xml");
  // A second assertion beside the signed one (signature wrapping) is refused outright.
  auto start = xml.find("<ns1:Assertion");
  auto end = xml.find("</ns1:Assertion>") + std::string("</ns1:Assertion>").size();
  auto copy = xml;
  copy.insert(end, xml.substr(start, end - start));
  EXPECT_EQ(refusal_of(copy, expected()), Refusal::kMalformed);
  auto issuers = read("fixtures/ok.xml");  // the Response itself is not signed here
  auto issuer_start = issuers.find("<ns1:Issuer");
  auto issuer_end = issuers.find("</ns1:Issuer>") + std::string("</ns1:Issuer>").size();
  issuers.insert(issuer_end, issuers.substr(issuer_start, issuer_end - issuer_start));
  EXPECT_EQ(refusal_of(issuers, expected()), Refusal::kMalformed);
  EXPECT_EQ(refusal_of("<!DOCTYPE x [<!ENTITY a 'b'>]><x/>", expected()), Refusal::kMalformed);
  EXPECT_EQ(refusal_of("not xml", expected()), Refusal::kMalformed);
  auto failed = read("fixtures/unsigned.xml");
  replace(failed, "status:Success", "status:Responder");
  EXPECT_EQ(refusal_of(failed, expected()), Refusal::kStatus);
}

TEST(SamlResponse, PeeksAtInResponseToAndParsesInstants) {
  EXPECT_EQ(peek_in_response_to(read("fixtures/ok.xml")), "_req-1");
  EXPECT_EQ(parse_instant("2026-12-07T12:35:00.123Z"), parse_instant("2026-12-07T12:35:00Z"));
  EXPECT_THROW(parse_instant("2026-12-07T12:35:00+01:00"), std::invalid_argument);
}

}  // namespace
}  // namespace sso::saml
