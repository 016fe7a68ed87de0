#include "sso/saml_metadata.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <stdexcept>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <zlib.h>

#include "core/errors.hpp"
#include "core/markup.hpp"
#include "http/request.hpp"
#include "sso/saml_signature.hpp"
#include "sso/saml_xml.hpp"

namespace sso::saml {
namespace {

constexpr std::string_view kRedirect = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
constexpr std::string_view kPost = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
constexpr std::string_view kRsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

std::string deflate_raw(const std::string& in) {
  z_stream z{};
  // -15: raw DEFLATE without zlib header, as the Redirect binding requires.
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2");
  }
  std::string out(deflateBound(&z, in.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate");
  return out;
}

std::string sign_rsa_sha256(const std::string& data, const std::string& key_pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())), BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  if (!key) throw std::runtime_error("the SP's private key is not PEM");
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t len = 0;
  if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size()) != 1) {
    throw std::runtime_error("signing the AuthnRequest failed");
  }
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    throw std::runtime_error("signing the AuthnRequest failed");
  }
  sig.resize(len);
  return sig;
}

// Where the IdP sends its LogoutRequests (started there) and LogoutResponses (to ours): one
// address for both bindings, the method tells them apart.
std::string slo_service(std::string_view binding, const std::string& url) {
  return "<md:SingleLogoutService Binding=\"" + std::string(binding) + "\" Location=\"" +
         core::escaped(url) + "\"/>";
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string base64_decode(std::string_view text) {
  std::string clean;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) == 0) clean += c;
  }
  if (clean.empty() || clean.size() % 4 != 0) throw std::invalid_argument("base64");
  std::string out(clean.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(clean.data()),
                          static_cast<int>(clean.size()));
  if (n < 0) throw std::invalid_argument("base64");
  std::size_t pad = clean.ends_with("==") ? 2 : clean.ends_with("=") ? 1 : 0;
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

std::string pem_body(std::string_view pem) {
  std::string out;
  std::size_t pos = 0;
  while (pos < pem.size()) {
    auto end = pem.find('\n', pos);
    if (end == std::string_view::npos) end = pem.size();
    auto line = pem.substr(pos, end - pos);
    if (line.find("-----") == std::string_view::npos) {
      for (char c : line) {
        if (std::isspace(static_cast<unsigned char>(c)) == 0) out += c;
      }
    }
    pos = end + 1;
  }
  return out;
}

std::string normalize_pem(std::string_view pem) {
  const auto begin = pem.find("-----BEGIN ");
  const auto label_end = begin == std::string_view::npos ? begin : pem.find("-----", begin + 11);
  if (label_end == std::string_view::npos) return std::string(pem);
  const std::string label(pem.substr(begin + 11, label_end - begin - 11));
  const std::string footer = "-----END " + label + "-----";
  const auto end = pem.find(footer, label_end + 5);
  if (end == std::string_view::npos) return std::string(pem);
  std::string body;
  for (char c : pem.substr(label_end + 5, end - label_end - 5)) {
    if (std::isspace(static_cast<unsigned char>(c)) == 0) body += c;
  }
  std::string out = "-----BEGIN " + label + "-----\n";
  for (std::size_t i = 0; i < body.size(); i += 64) out += body.substr(i, 64) + "\n";
  return out + footer + "\n";
}

IdpMetadata parse_idp_metadata(std::string_view text, const std::string& field) {
  auto doc = xml::parse(text);
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  // A download often wraps the one entity in an EntitiesDescriptor; a federation's aggregate
  // holds many, and which of them to trust is the administrator's choice, not ours.
  if (xml::is(root, xml::kMetadata, "EntitiesDescriptor")) {
    std::vector<xmlNode*> idps;
    for (xmlNode* e : xml::children(root, xml::kMetadata, "EntityDescriptor")) {
      if (xml::child(e, xml::kMetadata, "IDPSSODescriptor") != nullptr) idps.push_back(e);
    }
    if (idps.size() > 1) {
      throw core::ValidationError(
          field, "idp_metadata holds several IdPs; paste the one EntityDescriptor to trust");
    }
    root = idps.empty() ? nullptr : idps.front();
  }
  if (!xml::is(root, xml::kMetadata, "EntityDescriptor")) {
    throw core::ValidationError(field, "idp_metadata is not a SAML EntityDescriptor");
  }
  IdpMetadata md;
  md.entity_id = xml::attr(root, "entityID");
  xmlNode* idp = xml::child(root, xml::kMetadata, "IDPSSODescriptor");
  for (const xmlNode* s : xml::children(idp, xml::kMetadata, "SingleSignOnService")) {
    if (xml::attr(s, "Binding") == kRedirect && md.sso_redirect_url.empty()) {
      md.sso_redirect_url = xml::attr(s, "Location");
    }
  }
  for (const xmlNode* s : xml::children(idp, xml::kMetadata, "SingleLogoutService")) {
    if (xml::attr(s, "Binding") == kRedirect && md.slo_redirect_url.empty()) {
      md.slo_redirect_url = xml::attr(s, "Location");
      md.slo_response_url = xml::attr(s, "ResponseLocation");
      if (md.slo_response_url.empty()) md.slo_response_url = md.slo_redirect_url;
    }
  }
  for (const xmlNode* k : xml::children(idp, xml::kMetadata, "KeyDescriptor")) {
    auto use = xml::attr(k, "use");
    if (!use.empty() && use != "signing") continue;
    const xmlNode* data = xml::child(xml::child(k, xml::kDsig, "KeyInfo"), xml::kDsig, "X509Data");
    for (const xmlNode* c : xml::children(data, xml::kDsig, "X509Certificate")) {
      md.signing_certificates.push_back(xml::der_base64_to_pem(xml::text(c)));
    }
  }
  if (md.entity_id.empty() || idp == nullptr || md.sso_redirect_url.empty() ||
      md.signing_certificates.empty()) {
    throw core::ValidationError(
        field,
        "idp_metadata lacks an entityID, a HTTP-Redirect SingleSignOnService or a signing "
        "certificate");
  }
  return md;
}

void check_settings(const nlohmann::json& settings) {
  auto text = [&](const char* key) {
    auto it = settings.find(key);
    return it != settings.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  const auto url = text("idp_metadata_url");
  // With an address the pasted document is optional: it is then what sign-in uses until the
  // first fetch succeeds.
  if (url.empty() || !text("idp_metadata").empty()) {
    parse_idp_metadata(text("idp_metadata"), "settings");
  }
  for (const char* key : {"sp_certificate", "idp_metadata_certificate"}) {
    const auto cert = text(key);
    if (!cert.empty() && normalize_pem(cert).find("-----BEGIN CERTIFICATE-----") != 0) {
      throw core::ValidationError("settings", std::string(key) + " is not a PEM certificate");
    }
  }
}

IdpMetadata check_fetched_metadata(std::string_view text, const std::string& signer_pem,
                                   Clock::time_point now) {
  auto doc = xml::parse(text);
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr) throw core::ValidationError("settings", "the metadata is not XML");
  if (!signer_pem.empty()) {
    // Only a signature over the whole document (its root) vouches for every entity in it.
    xmlNode* sig = xml::child(root, xml::kDsig, "Signature");
    if (sig == nullptr) throw core::ValidationError("settings", "the metadata is not signed");
    try {
      verify_enveloped_signature(doc.get(), root, sig, {normalize_pem(signer_pem)});
    } catch (const Refused& e) {
      throw core::ValidationError(
          "settings", std::string("the metadata's signature is not valid: ") + e.what());
    }
  }
  if (auto until = xml::attr(root, "validUntil"); !until.empty()) {
    bool expired = true;
    try {
      // A clock's time_point ends in 2262; a document valid beyond that is valid now.
      const bool far = until.size() > 4 &&
                       std::all_of(until.begin(), until.begin() + 4, ::isdigit) &&
                       std::stoi(until.substr(0, 4)) >= 2200;
      if (far) {
        parse_instant("2000" + until.substr(4));  // still refused when it is no instant
        expired = false;
      } else {
        expired = parse_instant(until) <= now;
      }
    } catch (const std::invalid_argument&) {
    }
    if (expired) {
      throw core::ValidationError("settings",
                                  "the metadata is no longer valid (validUntil " + until + ")");
    }
  }
  return parse_idp_metadata(text, "settings");
}

std::string sp_metadata_xml(const SpMetadata& sp) {
  std::string key;
  std::vector<std::string> certificates;
  if (!sp.certificate_pem.empty()) certificates.push_back(sp.certificate_pem);
  certificates.insert(certificates.end(), sp.other_certificates_pem.begin(),
                      sp.other_certificates_pem.end());
  for (const auto& pem : certificates) {
    const std::string info = "<ds:KeyInfo><ds:X509Data><ds:X509Certificate>" + pem_body(pem) +
                             "</ds:X509Certificate></ds:X509Data></ds:KeyInfo>";
    key += "<md:KeyDescriptor use=\"signing\">" + info + "</md:KeyDescriptor>" +
           "<md:KeyDescriptor use=\"encryption\">" + info +
           "<md:EncryptionMethod Algorithm=\"http://www.w3.org/2009/xmlenc11#aes256-gcm\"/>"
           "<md:EncryptionMethod Algorithm=\"http://www.w3.org/2009/xmlenc11#aes128-gcm\"/>"
           "<md:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p\"/>"
           "</md:KeyDescriptor>";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "
         "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"" +
         core::escaped(sp.entity_id) +
         "\"><md:SPSSODescriptor protocolSupportEnumeration="
         "\"urn:oasis:names:tc:SAML:2.0:protocol\" AuthnRequestsSigned=\"" +
         (sp.certificate_pem.empty() ? "false" : "true") + "\" WantAssertionsSigned=\"true\">" +
         key +
         (sp.slo_url.empty()
              ? std::string()
              : slo_service(kRedirect, sp.slo_url) + slo_service(kPost, sp.slo_url)) +
         "<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
         "</md:NameIDFormat><md:AssertionConsumerService Binding=\"" +
         std::string(kPost) + "\" Location=\"" + core::escaped(sp.acs_url) +
         "\" index=\"0\" isDefault=\"true\"/></md:SPSSODescriptor></md:EntityDescriptor>\n";
}

std::string authn_request_xml(const AuthnRequest& r) {
  return "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
         "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"" +
         core::escaped(r.id) + "\" Version=\"2.0\" IssueInstant=\"" +
         core::escaped(r.issue_instant) + "\" Destination=\"" + core::escaped(r.destination) +
         "\" AssertionConsumerServiceURL=\"" + core::escaped(r.acs_url) + "\" ProtocolBinding=\"" +
         std::string(kPost) + "\"><saml:Issuer>" + core::escaped(r.sp_entity_id) +
         "</saml:Issuer><samlp:NameIDPolicy AllowCreate=\"true\" "
         "Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent\"/>"
         "</samlp:AuthnRequest>";
}

std::string logout_request_xml(const LogoutRequest& r) {
  const std::string format = r.name_id_format.empty()
                                 ? std::string()
                                 : " Format=\"" + core::escaped(r.name_id_format) + "\"";
  return "<samlp:LogoutRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
         "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"" +
         core::escaped(r.id) + "\" Version=\"2.0\" IssueInstant=\"" +
         core::escaped(r.issue_instant) + "\" Destination=\"" + core::escaped(r.destination) +
         "\"><saml:Issuer>" + core::escaped(r.sp_entity_id) + "</saml:Issuer><saml:NameID" +
         format + ">" + core::escaped(r.name_id) + "</saml:NameID>" +
         (r.session_index.empty()
              ? std::string()
              : "<samlp:SessionIndex>" + core::escaped(r.session_index) + "</samlp:SessionIndex>") +
         "</samlp:LogoutRequest>";
}

std::string redirect_url(const std::string& sso_url, const std::string& request_xml,
                         const std::string& relay_state, const std::string& private_key_pem,
                         std::string_view message) {
  // The signature covers the query exactly as sent, in this order (SAML bindings 3.4.4.1).
  std::string query =
      std::string(message) + "=" + http::url_encode(base64_encode(deflate_raw(request_xml)));
  if (!relay_state.empty()) query += "&RelayState=" + http::url_encode(relay_state);
  if (!private_key_pem.empty()) {
    query += "&SigAlg=" + http::url_encode(kRsaSha256);
    query +=
        "&Signature=" + http::url_encode(base64_encode(sign_rsa_sha256(query, private_key_pem)));
  }
  return sso_url + (sso_url.find('?') == std::string::npos ? "?" : "&") + query;
}

}  // namespace sso::saml
