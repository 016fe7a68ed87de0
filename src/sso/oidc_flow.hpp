#pragma once

#include <optional>
#include <string>

#include <soci/soci.h>

#include "accounts/account_routes.hpp"
#include "sso/identity_provider.hpp"
#include "sso/oidc_discovery.hpp"

namespace sso {

inline constexpr long long kPendingSeconds = 600;  // from start to callback

// An OIDC provider's settings (`settings` of its row) and its client secret.
struct OidcSettings {
  std::string issuer;
  std::string client_id;
  std::string client_secret;  // empty: a public client (PKCE alone)
  std::string scopes = "openid email profile";
};
// Throws ValidationError("settings") when issuer or client_id is missing.
OidcSettings oidc_settings(const IdentityProvider& idp);

// The authorization request (code flow, PKCE S256, state and nonce), as a URL to send the
// browser to.
std::string authorization_url(const ProviderMetadata& provider, const OidcSettings& settings,
                              const std::string& redirect_uri, const std::string& state,
                              const std::string& nonce, const std::string& verifier);

// Starts a sign-in: keeps state, nonce and verifier server-side (sso_requests, single use, ten
// minutes) and returns where the browser goes. `next` is a local path to land on afterwards.
std::string begin_sign_in(soci::session& sql, const IdentityProvider& idp,
                          const std::string& redirect_uri, const std::string& next);

struct OidcSignedIn {
  accounts::LoginResult login;
  std::string next;
};

// The callback: takes the state (once), exchanges the code with the verifier, checks the ID
// token (signature, iss, aud, exp/iat, nonce; keys fetched again once for an unknown kid) and
// ends in sso::sign_in. `iss` is the callback's issuer parameter (RFC 9207) when sent.
// Forbidden("sso_failed") for anything wrong with state, code or token; the specifics go to
// the log.
OidcSignedIn finish_sign_in(soci::session& sql, const std::string& state, const std::string& code,
                            const std::optional<std::string>& iss, const std::string& redirect_uri);

// RP-initiated logout: where to send the browser after the local session `session_token`
// ended, or nullopt when it was no OIDC session or the provider offers no end_session_endpoint.
std::optional<std::string> provider_logout_url(soci::session& sql, const std::string& session_token,
                                               const std::string& post_logout_uri);

}  // namespace sso
