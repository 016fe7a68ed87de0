#include "sso/oidc_provider_process.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace testing_http {

OidcProviderProcess::OidcProviderProcess() {
  port_ = free_port();
  pid_ = ::fork();
  if (pid_ == 0) {
    std::string log = "/tmp/fremdrift-oidc-provider-" + std::to_string(port_) + ".log";
    FILE* out = std::freopen(log.c_str(), "w", stdout);
    FILE* err = std::freopen(log.c_str(), "a", stderr);
    (void)out;
    (void)err;
    std::string port = std::to_string(port_);
    std::string redirect = std::string(kPublicUrl) + "/sso/callback";
    std::string after_logout = std::string(kPublicUrl) + "/login";
    ::execlp("node", "node", FREMDRIFT_SOURCE_DIR "/tests/sso/oidc_provider.mjs", port.c_str(),
             kClientId, kClientSecret, redirect.c_str(), after_logout.c_str(),
             static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  for (int i = 0; i < 400; ++i) {
    try {
      if (raw_request(port_, "GET /jwks HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .status == 200)
        return;
    } catch (const std::exception&) {
      // not listening yet
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  throw std::runtime_error("the OIDC provider did not start");
}

OidcProviderProcess::~OidcProviderProcess() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  ::waitpid(pid_, nullptr, 0);
}

void OidcProviderProcess::choose_account(const nlohmann::json& account) {
  Client c(port_);
  if (c.send_json("POST", "/test/account", account).status != 204)
    throw std::runtime_error("the provider refused the account");
}

void OidcProviderProcess::rotate_keys() {
  Client c(port_);
  if (c.request("POST", "/test/rotate").status != 204)
    throw std::runtime_error("the provider did not rotate its keys");
}

nlohmann::json OidcProviderProcess::keys() { return Client(port_).get("/jwks").json(); }

std::string OidcProviderProcess::authorize(const std::string& authorization_url) {
  const std::string base = issuer();
  Client agent(port_);
  std::string next = authorization_url;
  for (int hops = 0; hops < 10; ++hops) {
    // The test client names no port in its Host header, so the provider's own addresses may
    // come without one.
    for (const std::string& own : {base, std::string("http://127.0.0.1")})
      if (next.rfind(own + "/", 0) == 0) next = next.substr(own.size());
    if (next.rfind(kPublicUrl, 0) == 0) return next.substr(std::string(kPublicUrl).size());
    if (next.empty() || next.front() != '/')
      throw std::runtime_error("the provider sent the browser to " + next);
    auto r = agent.get(next);
    if (r.status < 300 || r.status >= 400)
      throw std::runtime_error("the provider answered " + std::to_string(r.status) + ": " +
                               r.body.substr(0, 300));
    next = r.header("location");
  }
  throw std::runtime_error("too many redirects at the provider");
}

}  // namespace testing_http
