#pragma once
// SAML 2.0 metadata and the AuthnRequest (issue 19, point 4; D49): reading an IdP's metadata
// as a tenant's administrator pastes it, writing this SP's metadata, and the HTTP-Redirect
// binding of the request. Pure.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace sso::saml {

struct IdpMetadata {
  std::string entity_id;
  std::string sso_redirect_url;                   // SingleSignOnService, HTTP-Redirect
  std::string slo_redirect_url;                   // SingleLogoutService, HTTP-Redirect; optional
  std::string slo_response_url;                   // its ResponseLocation, else its Location
  std::vector<std::string> signing_certificates;  // PEM
};

// ValidationError{field} when the XML is not one IdP's EntityDescriptor with a redirect
// SingleSignOnService and a signing certificate.
IdpMetadata parse_idp_metadata(std::string_view xml, const std::string& field = "idp_metadata");

struct SpMetadata {
  std::string entity_id;
  std::string acs_url;
  std::string certificate_pem;  // empty: no KeyDescriptor (no encryption, unsigned requests)
  std::string slo_url;  // the IdP's LogoutRequests and LogoutResponses (Redirect, POST); or none
  // During a key rollover (D61): the next or the previous certificate, published beside the
  // current one so that an IdP may verify and encrypt with either.
  std::vector<std::string> other_certificates_pem = {};
};
std::string sp_metadata_xml(const SpMetadata& sp);

// The SAML keys of a provider's `settings` when it is saved: `idp_metadata` (required unless
// `idp_metadata_url` is given) must be an IdP's metadata;
// `sp_certificate` and `idp_metadata_certificate`, if given, PEM certificates; ValidationError
// names "settings".
void check_settings(const nlohmann::json& settings);

// Metadata read from the IdP's address, checked as pasted metadata is and more: when
// `signer_pem` is given the document must carry an enveloped signature over its root by that
// certificate (the federation's or KOMBIT's metadata signing key), and a validUntil must lie
// after `now`. ValidationError names "settings".
IdpMetadata check_fetched_metadata(std::string_view xml, const std::string& signer_pem,
                                   std::chrono::system_clock::time_point now);

struct AuthnRequest {
  std::string id;  // starts with a letter or "_", as xs:ID requires
  std::string issue_instant;
  std::string destination;
  std::string acs_url;
  std::string sp_entity_id;
};
std::string authn_request_xml(const AuthnRequest& r);

// Single logout started here: the IdP ends its session for this NameID and SessionIndex.
struct LogoutRequest {
  std::string id;
  std::string issue_instant;
  std::string destination;
  std::string sp_entity_id;
  std::string name_id;
  std::string name_id_format;  // as the assertion had it; may be empty
  std::string session_index;   // may be empty
};
std::string logout_request_xml(const LogoutRequest& r);

// The IdP's URL with SAMLRequest (or `message`: SAMLResponse; DEFLATE, base64), RelayState
// and — when a private key is given — SigAlg (RSA-SHA256) and the Signature over the query as
// the binding defines it.
std::string redirect_url(const std::string& sso_url, const std::string& request_xml,
                         const std::string& relay_state, const std::string& private_key_pem,
                         std::string_view message = "SAMLRequest");

// Base64 of a POSTed SAMLResponse (whitespace and line breaks allowed); throws
// std::invalid_argument when it is not base64.
std::string base64_decode(std::string_view text);
std::string base64_encode(std::string_view bytes);

// A certificate's base64 DER without PEM armour or line breaks, as metadata carries it.
std::string pem_body(std::string_view pem);

// PEM as OpenSSL reads it: a key or certificate pasted into a one-line form field arrives with
// its line breaks turned into spaces or removed; the body is wrapped at 64 again. Text that is
// not PEM is returned as it is.
std::string normalize_pem(std::string_view pem);

}  // namespace sso::saml
