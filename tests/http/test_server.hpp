#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace testing_http {

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;

  std::string header(const std::string& lower_name) const;
  nlohmann::json json() const;
};

// A user agent with its own cookie jar and, optionally, a bearer token.
class Client {
 public:
  // Each client appears to come from its own address (the server trusts the proxy
  // header in tests), so per-address login limits do not spill between tests.
  explicit Client(int port);
  HttpResponse request(const std::string& method, const std::string& path,
                       const std::string& body = "",
                       std::vector<std::pair<std::string, std::string>> headers = {});
  HttpResponse get(const std::string& path) { return request("GET", path); }
  // JSON request carrying the CSRF token when logged in with a cookie.
  HttpResponse send_json(const std::string& method, const std::string& path,
                         const nlohmann::json& body,
                         std::vector<std::pair<std::string, std::string>> headers = {});
  HttpResponse post_form(const std::string& path, const std::map<std::string, std::string>& form);
  // DELETE with no body, carrying the CSRF token as a page's script sends it.
  HttpResponse send_delete(const std::string& path) {
    return request("DELETE", path, "", {{"X-CSRF-Token", csrf_}});
  }
  // POST /api/v1/session; remembers the cookie and CSRF token. Returns the response.
  HttpResponse login(const std::string& email, const std::string& password);
  void use_bearer(const std::string& token) { bearer_ = token; }
  const std::string& csrf() const { return csrf_; }
  void set_csrf(const std::string& csrf) { csrf_ = csrf; }
  std::map<std::string, std::string>& cookies() { return cookies_; }

 private:
  int port_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
  std::string bearer_;
  std::string address_;
};

// The address the test server is told it is reached at (serve --public-url).
inline constexpr const char* kPublicUrl = "https://fremdrift.test";

// The real fremdrift binary, serving a fresh database on a free loopback port.
// The engine comes from FREMDRIFT_HTTP_TEST_DB ("sqlite", default, or a
// postgresql:// URL).
class TestServer {
 public:
  // `trust_proxy`: serve with --trust-proxy (the default for tests, so each Client can
  // appear to come from its own address).
  explicit TestServer(bool trust_proxy = true);
  // A second instance serving `other`'s database, as instances behind a load balancer do.
  struct SameDatabase {};
  TestServer(SameDatabase, const TestServer& other);
  ~TestServer();
  int port() const { return port_; }
  const std::string& db_url() const { return db_url_; }
  // What the server wrote to its log (stderr) so far.
  std::string log_text() const;
  // Runs `fremdrift --db URL ARGS…` and returns its exit code; output into `out`.
  int cli(const std::string& args, std::string* out = nullptr) const;
  // Creates a tenant with an admin and a member; returns their e-mails (password kPassword).
  struct Tenant {
    std::string slug;
    std::string admin_email;
    std::string member_email;
  };
  Tenant create_tenant(const std::string& prefix, const std::string& kind = "municipality");
  void stop();  // SIGTERM and wait; returns when the process has exited
  int exit_code() const { return exit_code_; }

  static constexpr const char* kPassword = "correct-horse-battery";

 private:
  void start(bool trust_proxy);

  std::string dir_;
  std::string db_url_;
  int port_ = 0;
  int pid_ = -1;
  int exit_code_ = -1;
};

// Sends `request` as it is on a new connection and reads the answer (until it is
// complete or the server closes). Throws when no HTTP answer came back.
HttpResponse raw_request(int port, const std::string& request);

std::string unique(const std::string& prefix);

// What a shell command writes to its standard output; its exit status in `status` if given
// (-1 when it did not exit).
std::string run_command(const std::string& command, int* status = nullptr);

// A loopback port nobody listens on now.
int free_port();

}  // namespace testing_http
