#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace sso {

// What the ID token's claims must say (OIDC Core 3.1.3.7).
struct TokenExpectation {
  std::string issuer;     // the provider's, exactly as discovery gave it
  std::string client_id;  // in `aud`; `azp` when there are several audiences
  std::string nonce;      // the one stored with the state
  long long now = 0;      // seconds since the epoch
  long long skew = 120;   // clocks of provider and server may differ this much
};

// Empty when the claims pass, else why not (for the log; the person sees one message).
std::string id_token_problem(const nlohmann::json& claims, const TokenExpectation& expected);

// The signature's algorithms accepted: asymmetric only — never "none", never HMAC (whose key
// would be the client secret, and a public key must never be taken as one).
bool accepted_algorithm(const std::string& alg);

// The outcome of checking a compact JWS against a key set.
struct SignatureCheck {
  enum class Result { kValid, kUnknownKey, kInvalid } result = Result::kInvalid;
  nlohmann::json claims;  // when kValid
  std::string problem;    // when not
};

// The signature with libcjose (D48): the key is the one of the header's `kid` in `jwks`
// (or the only signing key when the token names none). kUnknownKey tells the caller to fetch the
// provider's keys once more: it may have rotated them.
SignatureCheck check_signature(const std::string& compact, const nlohmann::json& jwks);

// An address fremdrift talks to a provider at: https, or http on the machine itself (a provider
// run beside it, as the tests do). Anything else would carry codes and tokens in the clear.
bool acceptable_provider_url(const std::string& url);

// Whether the provider vouches for the e-mail: not when it says `email_verified` is false, so
// an address someone typed unchecked at the provider finds nobody and creates nobody.
bool email_trusted(const nlohmann::json& claims);

// PKCE S256 (RFC 7636): BASE64URL(SHA-256(verifier)).
std::string pkce_challenge(const std::string& verifier);

}  // namespace sso
