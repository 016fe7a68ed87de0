// The SP key pair made for an administrator, and IdP metadata read from an address checked as
// pasted metadata is and more (its signature by a configured certificate, validUntil).
#include "sso/sp_keys.hpp"

#include <memory>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "source_file.hpp"
#include "sso/saml_metadata.hpp"

namespace sso::saml {
namespace {

using Clock = std::chrono::system_clock;

std::string read(const std::string& rel) { return test::source_file("tests/sso/" + rel); }

std::unique_ptr<X509, decltype(&X509_free)> cert_of(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  return {PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free};
}

std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key_of(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  return {PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free};
}

TEST(SpKeys, MakesAnRsaKeyAndASelfSignedCertificateForIt) {
  auto pair = generate_sp_key_pair("fremdrift SP kombit", 30);
  auto cert = cert_of(pair.certificate_pem);
  auto key = key_of(pair.private_key_pem);
  ASSERT_TRUE(cert);
  ASSERT_TRUE(key);
  EXPECT_EQ(EVP_PKEY_get_base_id(key.get()), EVP_PKEY_RSA);
  EXPECT_EQ(EVP_PKEY_get_bits(key.get()), 3072);
  EXPECT_EQ(X509_check_private_key(cert.get(), key.get()), 1);  // the certificate is the key's
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pub(X509_get_pubkey(cert.get()),
                                                          EVP_PKEY_free);
  EXPECT_EQ(X509_verify(cert.get(), pub.get()), 1);  // self-signed
  EXPECT_EQ(X509_get_signature_nid(cert.get()), NID_sha256WithRSAEncryption);
  // Valid from now for 30 days, not 31.
  int days = 0, secs = 0;
  ASSERT_EQ(
      ASN1_TIME_diff(&days, &secs, X509_get0_notBefore(cert.get()), X509_get0_notAfter(cert.get())),
      1);
  EXPECT_EQ(days, 30);
  EXPECT_EQ(X509_cmp_current_time(X509_get0_notBefore(cert.get())), -1);
  char cn[128] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert.get()), NID_commonName, cn, sizeof cn);
  EXPECT_STREQ(cn, "fremdrift SP kombit");
  // Each pair is new: the next never repeats the key or the certificate's serial.
  auto next = generate_sp_key_pair("fremdrift SP kombit", 30);
  EXPECT_NE(next.private_key_pem, pair.private_key_pem);
  EXPECT_NE(ASN1_INTEGER_cmp(X509_get_serialNumber(cert.get()),
                             X509_get_serialNumber(cert_of(next.certificate_pem).get())),
            0);
  // The SP metadata carries it as every IdP reads a certificate.
  auto xml = sp_metadata_xml({"https://sp.test/md", "https://sp.test/acs", pair.certificate_pem});
  EXPECT_NE(xml.find(pem_body(pair.certificate_pem)), std::string::npos);
}

TEST(FetchedMetadata, ASignedDocumentPassesOnlyWithItsSignersCertificate) {
  const auto signed_md = read("fixtures/signed-metadata.xml");
  const auto now = Clock::now();
  auto md = check_fetched_metadata(signed_md, read("keys/idp.crt"), now);
  EXPECT_EQ(md.entity_id, "https://idp.test/idp");
  EXPECT_EQ(md.sso_redirect_url, "https://idp.test/sso");
  // No certificate configured: read as pasted metadata is.
  EXPECT_NO_THROW(check_fetched_metadata(signed_md, "", now));
  // Another signer's certificate, an address changed after signing, no signature at all.
  EXPECT_THROW(check_fetched_metadata(signed_md, read("keys/sp.crt"), now), core::ValidationError);
  auto moved = signed_md;
  moved.replace(moved.find("https://idp.test/sso"), 20, "https://evil.test/ss");
  EXPECT_THROW(check_fetched_metadata(moved, read("keys/idp.crt"), now), core::ValidationError);
  EXPECT_NO_THROW(check_fetched_metadata(moved, "", now));  // the tampering is only caught signed
  // SHA-1 is refused here as in responses.
  EXPECT_THROW(
      check_fetched_metadata(read("fixtures/signed-metadata-sha1.xml"), read("keys/idp.crt"), now),
      core::ValidationError);
  try {
    check_fetched_metadata(read("fixtures/idp-metadata.xml"), read("keys/idp.crt"), now);
    ADD_FAILURE() << "unsigned metadata accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("not signed"), std::string::npos) << e.what();
  }
}

TEST(FetchedMetadata, RefusesADocumentPastItsValidUntilOrNoMetadataAtAll) {
  auto md = read("fixtures/idp-metadata.xml");
  const auto at = md.find("entityID=");
  ASSERT_NE(at, std::string::npos);
  auto dated = [&](const std::string& until) {
    auto copy = md;
    copy.insert(at, "validUntil=\"" + until + "\" ");
    return copy;
  };
  const auto now = Clock::now();
  EXPECT_NO_THROW(check_fetched_metadata(dated("2999-01-01T00:00:00Z"), "", now));
  EXPECT_THROW(check_fetched_metadata(dated("2020-01-01T00:00:00Z"), "", now),
               core::ValidationError);
  EXPECT_THROW(check_fetched_metadata(dated("soon"), "", now), core::ValidationError);
  EXPECT_THROW(check_fetched_metadata("<html>Service Unavailable</html>", "", now),
               core::ValidationError);
  EXPECT_THROW(check_fetched_metadata("not xml", "", now), core::ValidationError);
}

}  // namespace
}  // namespace sso::saml
