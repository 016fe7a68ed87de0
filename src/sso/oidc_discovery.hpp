#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace sso {

// What discovery (/.well-known/openid-configuration) says of a provider.
struct ProviderMetadata {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
  std::string userinfo_endpoint;     // may be empty
  std::string end_session_endpoint;  // empty when the provider offers no RP-initiated logout
};

// Reads discovery's JSON; throws Unavailable when an endpoint is missing or the issuer is not
// the one configured (OIDC Discovery 4.3: they must be identical).
ProviderMetadata metadata_from_json(const nlohmann::json& doc, const std::string& issuer);

// The provider's metadata and keys, fetched over libcurl and kept per issuer in this process
// for an hour (shared by every request; each instance keeps its own). Keys are fetched again
// when a token names an unknown `kid` — at most once per call and once every 10 seconds per
// issuer, so forged tokens cannot make us hammer the provider.
class ProviderDirectory {
 public:
  static ProviderDirectory& instance();
  ProviderMetadata metadata(const std::string& issuer);
  nlohmann::json keys(const std::string& issuer);
  // Fetches the keys again unless an earlier refetch was within the last 10 seconds; true if it
  // did.
  bool refresh_keys(const std::string& issuer);
  void forget(const std::string& issuer);  // after an administrator changes the settings
};

}  // namespace sso
