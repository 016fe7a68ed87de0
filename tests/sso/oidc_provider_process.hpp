#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "http/test_server.hpp"

namespace testing_http {

// A real OpenID Connect provider (npm oidc-provider, tests/sso/oidc_provider.mjs) on a free
// loopback port, with one client whose redirect URI is the test server's /sso/callback.
class OidcProviderProcess {
 public:
  static constexpr const char* kClientId = "fremdrift-test";
  static constexpr const char* kClientSecret = "client-secret-for-tests-only";

  OidcProviderProcess();
  ~OidcProviderProcess();
  OidcProviderProcess(const OidcProviderProcess&) = delete;
  OidcProviderProcess& operator=(const OidcProviderProcess&) = delete;

  int port() const { return port_; }
  std::string issuer() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // The next sign-in completes as this account: {sub, email, name, groups, employee_id}.
  void choose_account(const nlohmann::json& account);
  // The provider signs with a new key from now on; its key set holds only that one.
  void rotate_keys();
  nlohmann::json keys();
  // Plays the browser at the provider from `authorization_url` until it is sent back to the
  // test server; returns that address's path and query ("/sso/callback?code=…").
  std::string authorize(const std::string& authorization_url);

 private:
  int port_ = 0;
  int pid_ = -1;
};

}  // namespace testing_http
