// The IdP's LogoutRequest by HTTP-Redirect (D53), pure: requests signed here with the test
// IdP's RSA key (tests/sso/keys/idp.key) and an ECDSA P-256 key (idp-ec.key), and the checks
// that refuse them. The pysaml2 IdP's own requests are tested in saml_logout_http_test.cpp.
#include "sso/saml_logout.hpp"

#include <memory>

#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <gtest/gtest.h>

#include "http/request.hpp"
#include "source_file.hpp"
#include "sso/saml_metadata.hpp"

namespace sso::saml {
namespace {

constexpr const char* kSlo = "https://sp.test/sso/t/k/saml/logout";
constexpr const char* kIdp = "https://idp.test/idp";
constexpr const char* kEcdsa = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";

std::string read(const std::string& rel) { return test::source_file("tests/sso/keys/" + rel); }

LogoutExpectations expect(const std::vector<std::string>& certs = {read("idp.crt")}) {
  return {kSlo, kIdp, certs, parse_instant("2026-12-07T12:00:00Z")};
}

std::string request_xml(const std::string& issuer = kIdp, const std::string& destination = kSlo,
                        const std::string& issued = "2026-12-07T11:59:30Z") {
  return logout_request_xml({"_lr-1", issued, destination, issuer, "anna-1",
                             "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", "s-1"});
}

// The query of the signed redirect, as the IdP would send it.
std::string query(const std::string& xml, const std::string& key_file = "idp.key",
                  const std::string& relay = "rs 1") {
  auto url = redirect_url(kSlo, xml, relay, key_file.empty() ? "" : read(key_file));
  return url.substr(url.find('?') + 1);
}

Refusal refusal_of(const std::string& q, const LogoutExpectations& e = expect()) {
  try {
    verify_redirect_logout_request(q, e);
  } catch (const Refused& r) {
    return r.reason();
  }
  ADD_FAILURE() << "accepted: " << q;
  return Refusal::kMalformed;
}

// ECDSA-SHA256 over `signed_part` with the EC test key: DER, or r‖s as XML Signature writes it.
std::string ecdsa_sign(const std::string& signed_part, bool raw) {
  const std::string pem = read("idp-ec.key");
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t len = 0;
  EXPECT_EQ(EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()), 1);
  const auto* data = reinterpret_cast<const unsigned char*>(signed_part.data());
  EXPECT_EQ(EVP_DigestSign(ctx.get(), nullptr, &len, data, signed_part.size()), 1);
  std::string der(len, '\0');
  EXPECT_EQ(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(der.data()), &len, data,
                           signed_part.size()),
            1);
  der.resize(len);
  if (!raw) return der;
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(
      d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())), ECDSA_SIG_free);
  std::string out(64, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), reinterpret_cast<unsigned char*>(out.data()), 32);
  BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), reinterpret_cast<unsigned char*>(out.data()) + 32, 32);
  return out;
}

std::string ecdsa_query(bool raw) {
  std::string q = query(request_xml(), "", "") + "&SigAlg=" + http::url_encode(kEcdsa);
  return q + "&Signature=" + http::url_encode(base64_encode(ecdsa_sign(q, raw)));
}

TEST(SamlLogout, AcceptsTheIdpsRsaSha256RedirectRequest) {
  auto r = verify_redirect_logout_request(query(request_xml()), expect());
  EXPECT_EQ(r.id, "_lr-1");
  EXPECT_EQ(r.name_id, "anna-1");
  EXPECT_EQ(r.session_indexes, std::vector<std::string>{"s-1"});
  EXPECT_EQ(r.relay_state, "rs 1");
  // Without a NotOnOrAfter it counts ten minutes from its IssueInstant.
  EXPECT_EQ(r.valid_until, parse_instant("2026-12-07T12:09:30Z"));
}

TEST(SamlLogout, RefusesUnsignedSha1ForgedForeignMisdirectedAndOldRequests) {
  EXPECT_EQ(refusal_of(query(request_xml(), "")), Refusal::kUnsigned);
  EXPECT_EQ(refusal_of(query(request_xml(), "sp.key")), Refusal::kBadSignature);
  auto sha1 = query(request_xml());
  const std::string rsa256 = http::url_encode("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
  sha1.replace(sha1.find(rsa256), rsa256.size(),
               http::url_encode("http://www.w3.org/2000/09/xmldsig#rsa-sha1"));
  EXPECT_EQ(refusal_of(sha1), Refusal::kAlgorithm);
  // Another RelayState under the same signature.
  auto moved = query(request_xml());
  moved.replace(moved.find("RelayState=rs"), 13, "RelayState=xs");
  EXPECT_EQ(refusal_of(moved), Refusal::kBadSignature);
  EXPECT_EQ(refusal_of(query(request_xml("https://other.test/idp"))), Refusal::kIssuer);
  EXPECT_EQ(refusal_of(query(request_xml(kIdp, "https://sp.test/other/logout"))),
            Refusal::kDestination);
  EXPECT_EQ(refusal_of(query(request_xml(kIdp, kSlo, "2026-12-07T11:40:00Z"))), Refusal::kExpired);
  EXPECT_EQ(refusal_of("RelayState=x"), Refusal::kMalformed);
}

TEST(SamlLogout, AcceptsEcdsaSha256InBothSignatureEncodingsWithAnEcCertificateOnly) {
  const auto ec = expect({read("idp.crt"), read("idp-ec.crt")});
  EXPECT_EQ(verify_redirect_logout_request(ecdsa_query(false), ec).name_id, "anna-1");
  EXPECT_EQ(verify_redirect_logout_request(ecdsa_query(true), ec).name_id, "anna-1");
  // The RSA certificate alone does not verify an ECDSA signature.
  EXPECT_EQ(refusal_of(ecdsa_query(true)), Refusal::kBadSignature);
}

TEST(SamlLogout, TheResponseAnswersTheRequestWithItsStatus) {
  LogoutResponse r{"_r-1", "2026-12-07T12:00:00Z", "https://idp.test/slo", "_lr-1",
                   "https://sp.test/md"};
  r.status = kStatusResponder;
  r.second_status = kStatusPartialLogout;
  auto xml = logout_response_xml(r);
  EXPECT_NE(xml.find("InResponseTo=\"_lr-1\""), std::string::npos);
  EXPECT_NE(xml.find("<samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Responder\">"
                     "<samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:"
                     "PartialLogout\"/></samlp:StatusCode>"),
            std::string::npos)
      << xml;
}

}  // namespace
}  // namespace sso::saml
