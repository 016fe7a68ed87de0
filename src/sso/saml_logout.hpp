#pragma once
// Single logout started by the IdP (issue 19; D53): checking its LogoutRequest, sent by the
// HTTP-Redirect binding (a detached signature over the query as the IdP encoded it) or the
// HTTP-POST binding (an enveloped XML signature), and writing our LogoutResponse. Pure: the
// caller supplies what is expected and the clock; a refusal throws Refused (saml_response.hpp).
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "sso/saml_response.hpp"

namespace sso::saml {

struct LogoutExpectations {
  std::string slo_url;  // our SingleLogoutService: the request's Destination
  std::string idp_entity_id;
  std::vector<std::string> idp_certificates_pem;
  Clock::time_point now;
  std::chrono::seconds skew{180};
};

// Without a NotOnOrAfter a request counts this long after its IssueInstant, so that its ID
// need be remembered (against a replay) only so long.
inline constexpr std::chrono::seconds kLogoutRequestLifetime{600};

struct IdpLogoutRequest {
  std::string id;
  std::string name_id;  // empty: the IdP named nobody we can find (an EncryptedID); Requester
  std::string name_id_format;
  std::vector<std::string> session_indexes;  // none: every session of the NameID
  std::string relay_state;
  Clock::time_point valid_until;  // keep the ID against a replay until then
};

// `raw_query` as the request carried it (http::Request::raw_query). Refused when unsigned, with
// a SigAlg other than RSA-SHA256 or ECDSA-SHA256 (kAlgorithm), a signature that none of the
// IdP's certificates verifies, or a request that is not the IdP's, not for us, or out of time.
IdpLogoutRequest verify_redirect_logout_request(std::string_view raw_query,
                                                const LogoutExpectations& expect);
// The POST binding's form fields: SAMLRequest (base64 XML, signed enveloped) and RelayState.
IdpLogoutRequest verify_posted_logout_request(std::string_view saml_request,
                                              const std::string& relay_state,
                                              const LogoutExpectations& expect);

inline constexpr std::string_view kStatusSuccess = "urn:oasis:names:tc:SAML:2.0:status:Success";
inline constexpr std::string_view kStatusRequester = "urn:oasis:names:tc:SAML:2.0:status:Requester";
inline constexpr std::string_view kStatusResponder = "urn:oasis:names:tc:SAML:2.0:status:Responder";
inline constexpr std::string_view kStatusPartialLogout =
    "urn:oasis:names:tc:SAML:2.0:status:PartialLogout";

struct LogoutResponse {
  std::string id;
  std::string issue_instant;
  std::string destination;
  std::string in_response_to;
  std::string sp_entity_id;
  std::string status{kStatusSuccess};
  std::string second_status;  // PartialLogout under Responder; empty: none
};
std::string logout_response_xml(const LogoutResponse& r);

}  // namespace sso::saml
