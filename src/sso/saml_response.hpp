#pragma once
// Checking a SAML 2.0 Response posted to the Assertion Consumer Service (issue 19, point 4;
// D49). Pure: no database and no network; the caller supplies what was expected and the
// clock. Signatures and decryption are libxmlsec1's; the protocol's rules are checked here.
#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sso::saml {

using Clock = std::chrono::system_clock;

// Why a response was refused. The ACS logs the reason and shows the person one message.
enum class Refusal {
  kMalformed,     // not XML, not a Response, a DTD, two assertions …
  kStatus,        // the IdP answered with a status other than Success
  kUnsigned,      // neither the Response nor the Assertion is signed
  kBadSignature,  // a signature that does not verify with the IdP's certificates
  kEncryption,    // an encrypted assertion we cannot or will not decrypt
  kIssuer,        // issued by another entity than the configured IdP
  kExpired,       // Conditions or SubjectConfirmationData NotOnOrAfter has passed
  kNotYetValid,   // NotBefore is ahead
  kAudience,      // no AudienceRestriction naming this SP
  kDestination,   // Response Destination is not this ACS
  kRecipient,     // no bearer SubjectConfirmation whose Recipient is this ACS
  kInResponseTo,  // not an answer to the request we sent
  kReplayed,      // the assertion id was accepted before (checked by the caller's store)
  kAlgorithm,     // a signature algorithm we do not accept (SHA-1)
};

std::string_view refusal_name(Refusal r);

class Refused : public std::runtime_error {
 public:
  Refused(Refusal reason, const std::string& detail)
      : std::runtime_error(detail), reason_(reason) {}
  Refusal reason() const { return reason_; }

 private:
  Refusal reason_;
};

struct Expectations {
  std::string sp_entity_id;
  std::string acs_url;
  std::string idp_entity_id;
  std::vector<std::string> idp_certificates_pem;  // any one may have signed (key rollover)
  std::string sp_private_key_pem;                 // to decrypt; empty: encryption refused
  std::string request_id;                         // the AuthnRequest's ID we sent
  Clock::time_point now;
  std::chrono::seconds skew{180};
  // During a key rollover (D61) the IdP may encrypt to the next or the previous SP key too.
  std::vector<std::string> sp_other_private_keys_pem = {};
};

struct Assertion {
  std::string id;
  std::string issuer;
  std::string name_id;
  std::string name_id_format;
  std::string session_index;
  bool was_encrypted = false;
  Clock::time_point not_on_or_after;  // keep the id in the replay cache until then
  std::map<std::string, std::vector<std::string>> attributes;  // by Name and FriendlyName
};

// The Response's InResponseTo, read before any check so the caller can find the request it
// names; nothing read here is trusted until verify_response accepts the document.
std::string peek_in_response_to(std::string_view response_xml);

// Accepts the response and returns its assertion, or throws Refused.
Assertion verify_response(std::string_view response_xml, const Expectations& expect);

// "2026-12-07T12:00:00Z", with or without fractional seconds; nullopt-like failure throws.
Clock::time_point parse_instant(std::string_view text);

}  // namespace sso::saml
