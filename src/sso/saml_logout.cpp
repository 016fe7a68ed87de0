#include "sso/saml_logout.hpp"

#include <memory>
#include <optional>
#include <utility>

#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <zlib.h>

#include "core/markup.hpp"
#include "http/request.hpp"
#include "sso/saml_metadata.hpp"
#include "sso/saml_signature.hpp"
#include "sso/saml_xml.hpp"

namespace sso::saml {
namespace {

using xml::kAssertion;
using xml::kDsig;
using xml::kProtocol;

constexpr std::string_view kRsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
constexpr std::string_view kEcdsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
constexpr std::string_view kSha1Suffixes[] = {"#rsa-sha1", "#dsa-sha1", "#ecdsa-sha1"};
constexpr std::size_t kMaxInflated = 256 * 1024;

[[noreturn]] void refuse(Refusal r, const std::string& detail) { throw Refused(r, detail); }

// The query's fields as sent: names decoded, values still encoded.
std::optional<std::string> raw_field(std::string_view query, std::string_view name) {
  std::optional<std::string> found;
  while (!query.empty()) {
    auto amp = query.find('&');
    auto part = query.substr(0, amp);
    auto eq = part.find('=');
    if (http::url_decode(part.substr(0, eq), true) == name) {
      if (found) refuse(Refusal::kMalformed, "two " + std::string(name));
      found = std::string(eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return found;
}

std::string inflate_raw(const std::string& in) {
  z_stream z{};
  if (inflateInit2(&z, -15) != Z_OK) refuse(Refusal::kMalformed, "inflateInit2");
  std::string out(kMaxInflated, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&z, Z_FINISH);
  out.resize(z.total_out);
  inflateEnd(&z);
  if (rc != Z_STREAM_END) refuse(Refusal::kMalformed, "SAMLRequest is not DEFLATE (or too long)");
  return out;
}

using Pkey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

Pkey public_key(const std::string& cert_pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size())), BIO_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
  return {cert ? X509_get_pubkey(cert.get()) : nullptr, EVP_PKEY_free};
}

bool verifies(EVP_PKEY* key, const std::string& data, const std::string& sig) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  return EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
         EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                          reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
}

// XML Signature writes an ECDSA signature as r‖s; OpenSSL verifies DER. Some signers send DER
// anyway, so both are tried.
std::string ecdsa_der(const std::string& raw) {
  if (raw.empty() || raw.size() % 2 != 0) return {};
  const auto half = static_cast<int>(raw.size() / 2);
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), ECDSA_SIG_free);
  BIGNUM* r = BN_bin2bn(bytes, half, nullptr);
  BIGNUM* s = BN_bin2bn(bytes + half, half, nullptr);
  if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return {};
  }
  unsigned char* der = nullptr;
  const int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) return {};
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

// The key's type must be the SigAlg's, so an RSA certificate is never read as an EC one.
void verify_detached(const std::string& data, const std::string& sig, bool ecdsa,
                     const std::vector<std::string>& certificates) {
  for (const auto& cert : certificates) {
    auto key = public_key(cert);
    if (!key || (EVP_PKEY_base_id(key.get()) == EVP_PKEY_EC) != ecdsa) continue;
    if (verifies(key.get(), data, sig)) return;
    if (ecdsa && verifies(key.get(), data, ecdsa_der(sig))) return;
  }
  refuse(Refusal::kBadSignature, "the query's signature does not verify with the IdP's keys");
}

Clock::time_point instant(const xmlNode* n, const char* name) {
  try {
    return parse_instant(xml::attr(n, name));
  } catch (const std::invalid_argument&) {
    refuse(Refusal::kMalformed, std::string("bad instant in ") + name);
  }
}

// What both bindings check once the signature is known to be the IdP's.
IdpLogoutRequest read_request(const xmlNode* root, const LogoutExpectations& e) {
  IdpLogoutRequest out;
  out.id = xml::attr(root, "ID");
  if (out.id.empty() || xml::attr(root, "Version") != "2.0") refuse(Refusal::kMalformed, "ID");
  bool several = false;
  if (xml::text(xml::child(root, kAssertion, "Issuer", &several)) != e.idp_entity_id || several) {
    refuse(Refusal::kIssuer, "LogoutRequest Issuer");
  }
  // A signed request must name where it was sent (SAML bindings 3.4.5.2, 3.5.5.2).
  if (xml::attr(root, "Destination") != e.slo_url) {
    refuse(Refusal::kDestination, "Destination is not this SingleLogoutService");
  }
  const auto issued = instant(root, "IssueInstant");
  if (issued > e.now + e.skew) refuse(Refusal::kNotYetValid, "IssueInstant ahead");
  out.valid_until = issued + kLogoutRequestLifetime;
  if (xml::has_attr(root, "NotOnOrAfter")) out.valid_until = instant(root, "NotOnOrAfter");
  if (out.valid_until <= e.now - e.skew) refuse(Refusal::kExpired, "LogoutRequest NotOnOrAfter");
  const xmlNode* name_id = xml::child(root, kAssertion, "NameID", &several);
  if (several) refuse(Refusal::kMalformed, "two NameIDs");
  out.name_id = xml::text(name_id);
  out.name_id_format = xml::attr(name_id, "Format");
  for (const xmlNode* i : xml::children(root, kProtocol, "SessionIndex")) {
    out.session_indexes.push_back(xml::text(i));
  }
  return out;
}

const xmlNode* logout_request_root(xmlDoc* doc) {
  const xmlNode* root = doc != nullptr ? xmlDocGetRootElement(doc) : nullptr;
  if (!xml::is(root, kProtocol, "LogoutRequest")) refuse(Refusal::kMalformed, "no LogoutRequest");
  return root;
}

bool sha1(std::string_view algorithm) {
  for (auto suffix : kSha1Suffixes) {
    if (algorithm.ends_with(suffix)) return true;
  }
  return false;
}

}  // namespace

IdpLogoutRequest verify_redirect_logout_request(std::string_view raw_query,
                                                const LogoutExpectations& e) {
  auto request = raw_field(raw_query, "SAMLRequest");
  auto relay = raw_field(raw_query, "RelayState");
  auto sig_alg = raw_field(raw_query, "SigAlg");
  auto signature = raw_field(raw_query, "Signature");
  if (!request) refuse(Refusal::kMalformed, "no SAMLRequest");
  if (!sig_alg || !signature) refuse(Refusal::kUnsigned, "the LogoutRequest is not signed");
  const std::string alg = http::url_decode(*sig_alg, true);
  if (alg != kRsaSha256 && alg != kEcdsaSha256) refuse(Refusal::kAlgorithm, "SigAlg " + alg);
  // The signed octets are the fields as the IdP encoded them, in this order (bindings 3.4.4.1).
  std::string signed_part = "SAMLRequest=" + *request;
  if (relay) signed_part += "&RelayState=" + *relay;
  signed_part += "&SigAlg=" + *sig_alg;
  std::string sig_bytes;
  std::string xml_text;
  try {
    // A base64 "+" sent unencoded stays "+": decoding it as a space would break the value.
    sig_bytes = base64_decode(http::url_decode(*signature, false));
    verify_detached(signed_part, sig_bytes, alg == kEcdsaSha256, e.idp_certificates_pem);
    xml_text = inflate_raw(base64_decode(http::url_decode(*request, false)));
  } catch (const std::invalid_argument&) {
    refuse(Refusal::kMalformed, "not base64");
  }
  auto doc = xml::parse(xml_text);
  auto out = read_request(logout_request_root(doc.get()), e);
  out.relay_state = relay ? http::url_decode(*relay, true) : std::string();
  return out;
}

IdpLogoutRequest verify_posted_logout_request(std::string_view saml_request,
                                              const std::string& relay_state,
                                              const LogoutExpectations& e) {
  std::string xml_text;
  try {
    xml_text = base64_decode(saml_request);
  } catch (const std::invalid_argument&) {
    refuse(Refusal::kMalformed, "not base64");
  }
  auto doc = xml::parse(xml_text);
  auto* root = const_cast<xmlNode*>(logout_request_root(doc.get()));
  bool several = false;
  xmlNode* sig = xml::child(root, kDsig, "Signature", &several);
  if (sig == nullptr) refuse(Refusal::kUnsigned, "the LogoutRequest is not signed");
  if (several) refuse(Refusal::kMalformed, "two signatures");
  const auto method = xml::attr(
      xml::child(xml::child(sig, kDsig, "SignedInfo"), kDsig, "SignatureMethod"), "Algorithm");
  if (sha1(method)) refuse(Refusal::kAlgorithm, "SignatureMethod " + method);
  verify_enveloped_signature(doc.get(), root, sig, e.idp_certificates_pem);
  auto out = read_request(root, e);
  out.relay_state = relay_state;
  return out;
}

std::string logout_response_xml(const LogoutResponse& r) {
  const std::string second = r.second_status.empty() ? std::string()
                                                     : "<samlp:StatusCode Value=\"" +
                                                           core::escaped(r.second_status) + "\"/>";
  return "<samlp:LogoutResponse xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
         "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"" +
         core::escaped(r.id) + "\" Version=\"2.0\" IssueInstant=\"" +
         core::escaped(r.issue_instant) + "\" Destination=\"" + core::escaped(r.destination) +
         "\" InResponseTo=\"" + core::escaped(r.in_response_to) + "\"><saml:Issuer>" +
         core::escaped(r.sp_entity_id) + "</saml:Issuer><samlp:Status><samlp:StatusCode Value=\"" +
         core::escaped(r.status) + "\">" + second +
         "</samlp:StatusCode></samlp:Status></samlp:LogoutResponse>";
}

}  // namespace sso::saml
