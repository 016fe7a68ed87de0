#include "sso/saml_metadata.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <zlib.h>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "source_file.hpp"

namespace sso::saml {
namespace {

std::string read(const std::string& rel) { return test::source_file("tests/sso/" + rel); }

std::string url_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string inflate_raw(const std::string& in) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, -15), Z_OK);
  std::string out(64 * 1024, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

TEST(SamlMetadata, ReadsAnIdpsEntityIdRedirectEndpointAndSigningCertificate) {
  auto md = parse_idp_metadata(read("fixtures/idp-metadata.xml"));
  EXPECT_EQ(md.entity_id, "https://idp.test/idp");
  EXPECT_EQ(md.sso_redirect_url, "https://idp.test/sso");
  ASSERT_EQ(md.signing_certificates.size(), 1U);
  EXPECT_EQ(pem_body(md.signing_certificates[0]), pem_body(read("keys/idp.crt")));
}

TEST(SamlMetadata, TakesTheOneIdpOfAnEntitiesDescriptorButNotOneOfMany) {
  auto entity = read("fixtures/idp-metadata.xml");
  entity = entity.substr(entity.find("<ns0:EntityDescriptor"));
  auto sp = sp_metadata_xml({"https://sp.test/saml", "https://sp.test/acs", ""});
  sp = sp.substr(sp.find("<md:EntityDescriptor"));
  const std::string open =
      "<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\">";
  EXPECT_EQ(parse_idp_metadata(open + entity + sp + "</md:EntitiesDescriptor>").entity_id,
            "https://idp.test/idp");
  EXPECT_THROW(parse_idp_metadata(open + entity + entity + "</md:EntitiesDescriptor>"),
               core::ValidationError);
}

TEST(SamlMetadata, RefusesWhatIsNotAnIdpsMetadata) {
  EXPECT_THROW(parse_idp_metadata("<x/>"), core::ValidationError);
  EXPECT_THROW(parse_idp_metadata("nonsense"), core::ValidationError);
  auto sp = sp_metadata_xml({"https://sp.test/saml", "https://sp.test/acs", ""});
  EXPECT_THROW(parse_idp_metadata(sp), core::ValidationError);
}

TEST(SamlMetadata, ChecksAProvidersSettings) {
  nlohmann::json ok = {{"idp_metadata", read("fixtures/idp-metadata.xml")},
                       {"sp_certificate", read("keys/sp.crt")}};
  EXPECT_NO_THROW(check_settings(ok));
  ok.erase("sp_certificate");
  EXPECT_NO_THROW(check_settings(ok));
  try {
    check_settings(nlohmann::json::object());
    ADD_FAILURE();
  } catch (const core::ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("settings"));
  }
  ok["sp_certificate"] = read("keys/sp.key");
  EXPECT_THROW(check_settings(ok), core::ValidationError);
}

TEST(SamlMetadata, WritesTheSpsMetadataWithItsCertificateAndAcs) {
  auto xml =
      sp_metadata_xml({"https://sp.test/saml?a=1&b=2", "https://sp.test/acs", read("keys/sp.crt")});
  EXPECT_NE(xml.find("entityID=\"https://sp.test/saml?a=1&amp;b=2\""), std::string::npos);
  EXPECT_NE(xml.find("Location=\"https://sp.test/acs\""), std::string::npos);
  EXPECT_NE(xml.find(pem_body(read("keys/sp.crt"))), std::string::npos);
  EXPECT_NE(xml.find("xmlenc11#aes256-gcm"), std::string::npos);
  EXPECT_NE(xml.find("AuthnRequestsSigned=\"true\""), std::string::npos);
}

TEST(SamlMetadata, RedirectUrlCarriesTheDeflatedRequestAndAVerifiableSignature) {
  auto request = authn_request_xml({"_abc", "2026-12-07T12:00:00Z", "https://idp.test/sso",
                                    "https://sp.test/acs", "https://sp.test/saml"});
  auto url = redirect_url("https://idp.test/sso", request, "r1", read("keys/sp.key"));
  ASSERT_EQ(url.rfind("https://idp.test/sso?SAMLRequest=", 0), 0U);
  std::map<std::string, std::string> q;
  std::string query = url.substr(url.find('?') + 1);
  std::stringstream parts(query);
  for (std::string kv; std::getline(parts, kv, '&');) {
    q[kv.substr(0, kv.find('='))] = kv.substr(kv.find('=') + 1);
  }
  EXPECT_EQ(inflate_raw(base64_decode(url_decode(q["SAMLRequest"]))), request);
  EXPECT_EQ(q["RelayState"], "r1");
  EXPECT_EQ(url_decode(q["SigAlg"]), "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
  auto signed_part = query.substr(0, query.find("&Signature="));
  auto sig = base64_decode(url_decode(q["Signature"]));
  auto cert_pem = read("keys/sp.crt");
  BIO* bio = BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  EVP_PKEY* key = X509_get_pubkey(cert);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key);
  EXPECT_EQ(EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                             reinterpret_cast<const unsigned char*>(signed_part.data()),
                             signed_part.size()),
            1);
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  X509_free(cert);
  BIO_free(bio);
}

TEST(SamlMetadata, RestoresPemPastedIntoAOneLineField) {
  const auto key = read("keys/sp.key");
  std::string flat = key, spaced = key;
  std::erase(flat, '\n');
  std::replace(spaced.begin(), spaced.end(), '\n', ' ');
  EXPECT_EQ(normalize_pem(flat), key);
  EXPECT_EQ(normalize_pem(spaced), key);
  EXPECT_EQ(normalize_pem(key), key);
  EXPECT_EQ(normalize_pem("not pem"), "not pem");
  auto request = authn_request_xml({"_a", "2026-12-07T12:00:00Z", "https://idp.test/sso",
                                    "https://sp.test/acs", "https://sp.test/saml"});
  EXPECT_NE(
      redirect_url("https://idp.test/sso", request, "", normalize_pem(flat)).find("&Signature="),
      std::string::npos);
}

TEST(SamlMetadata, Base64RoundTripsAndRefusesGarbage) {
  for (const std::string& s : {std::string("a"), std::string("ab"), std::string("abc"),
                               std::string("abcd"), std::string("\0\xff", 2)}) {
    EXPECT_EQ(base64_decode(base64_encode(s)), s);
  }
  EXPECT_EQ(base64_decode("YW\nJj"), "abc");
  EXPECT_THROW(base64_decode("abc"), std::invalid_argument);
  EXPECT_THROW(base64_decode("!!!!"), std::invalid_argument);
}

}  // namespace
}  // namespace sso::saml
