#pragma once
// The SAML HTTP tests' scene: the real IdP (pysaml2, tests/sso/saml_idp.py) in a process of its
// own for the suite, and a tenant whose SAML provider it is.
#include <algorithm>
#include <cstdio>
#include <memory>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "source_file.hpp"

namespace testing_http {

using test::source_file;

// As a browser sends a PEM key typed into the settings form's one-line secret field.
inline std::string one_line(std::string pem) {
  std::replace(pem.begin(), pem.end(), '\n', ' ');
  return pem;
}

// The IdP process: started once for the suite, told per test which SP it serves and how to
// make its next response.
class Idp {
 public:
  Idp() : port_(free_port()) {
    int out[2];
    EXPECT_EQ(::pipe(out), 0);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      std::string script = std::string(FREMDRIFT_SOURCE_DIR) + "/tests/sso/saml_idp.py";
      std::string port = std::to_string(port_);
      ::execl("/usr/bin/python3", "python3", script.c_str(), "serve", port.c_str(), nullptr);
      ::_exit(127);
    }
    ::close(out[1]);
    FILE* f = ::fdopen(out[0], "r");
    char line[64] = {};
    EXPECT_NE(std::fgets(line, sizeof line, f), nullptr) << "the IdP did not start";
    EXPECT_EQ(std::string(line), "ready\n");
    std::fclose(f);
  }
  ~Idp() {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  int port() const { return port_; }
  std::string metadata() { return Client(port_).get("/metadata").body; }
  void serve_sp(const std::string& sp_metadata) {
    EXPECT_EQ(Client(port_).request("POST", "/sp-metadata", sp_metadata).status, 200);
  }
  // What GET /metadata answers instead of the IdP's own metadata: `body` with `status`; an
  // empty body with 200 serves the real one again.
  void serve_metadata(const std::string& body, int status = 200) {
    EXPECT_EQ(
        Client(port_).request("POST", "/metadata?status=" + std::to_string(status), body).status,
        200);
  }
  int metadata_reads() { return Client(port_).get("/metadata-reads").json()["reads"]; }
  std::string metadata_url(const std::string& query = "") const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/metadata" + query;
  }
  void next(const std::string& variant) {
    EXPECT_EQ(Client(port_).request("POST", "/next?variant=" + variant).status, 200);
  }
  void user(const std::string& email, const std::string& groups) {
    EXPECT_EQ(
        Client(port_)
            .request("POST", "/user?email=" + email + "&groups=" + groups + "&subject=" + email)
            .status,
        200);
  }

 private:
  int port_;
  pid_t pid_ = -1;
};

class SamlHttpTest : public HttpTest {
 protected:
  static void SetUpTestSuite() {
    HttpTest::SetUpTestSuite();
    if (!idp_) idp_ = std::make_unique<Idp>();
  }
  static void TearDownTestSuite() { idp_.reset(); }

  struct Scene {
    TestServer::Tenant tenant;
    std::string base;  // /sso/{tenant}/{idp}/saml
  };
  // A tenant whose SAML provider is the test IdP (just-in-time creation, group "ledere" →
  // admin), and the IdP told about this SP from the SP's own metadata endpoint.
  Scene scene(const std::string& prefix) {
    auto [tenant, admin] = new_tenant_admin(prefix);
    auto created = admin.send_json("POST", "/api/v1/identity-providers",
                                   {{"slug", "kombit"},
                                    {"kind", "saml"},
                                    {"display_name", "Context Handler"},
                                    {"settings",
                                     {{"idp_metadata", idp_->metadata()},
                                      {"sp_certificate", source_file("tests/sso/keys/sp.crt")}}},
                                    {"secret", one_line(source_file("tests/sso/keys/sp.key"))},
                                    {"email_claim", "mail"},
                                    {"employee_id_claim", "employeeNumber"},
                                    {"groups_claim", "groups"},
                                    {"role_map", {{"ledere", "admin"}}},
                                    {"provisioning", "jit"}});
    EXPECT_EQ(created.status, 201) << created.body;
    Scene s{tenant, "/sso/" + tenant.slug + "/kombit/saml"};
    auto md = client().get(s.base + "/metadata");
    EXPECT_EQ(md.status, 200);
    idp_->serve_sp(md.body);
    return s;
  }

  // The IdP's answer to our AuthnRequest: {"acs", "request_id", "SAMLResponse", "RelayState"}.
  json authenticate(Client& browser, const Scene& s, const std::string& next = "/projects") {
    auto start = browser.get(s.base + "/start?next=" + next);
    EXPECT_EQ(start.status, 303);
    auto location = start.header("location");
    const std::string idp_base = "http://127.0.0.1:" + std::to_string(idp_->port());
    EXPECT_EQ(location.rfind(idp_base + "/sso?SAMLRequest=", 0), 0U) << location;
    EXPECT_NE(location.find("&SigAlg="), std::string::npos);
    EXPECT_NE(location.find("&Signature="), std::string::npos);
    auto answer = Client(idp_->port()).get(location.substr(idp_base.size()));
    EXPECT_EQ(answer.status, 200) << answer.body;
    EXPECT_TRUE(answer.json()["signature_valid"]) << "the IdP could not verify our AuthnRequest";
    return answer.json();
  }

  HttpResponse post_to_acs(Client& browser, const Scene& s, const json& answer) {
    EXPECT_EQ(answer["acs"], "https://fremdrift.test" + s.base + "/acs");
    return browser.post_form(s.base + "/acs", {{"SAMLResponse", answer["SAMLResponse"]},
                                               {"RelayState", answer["RelayState"]}});
  }

  static inline std::unique_ptr<Idp> idp_;
};

}  // namespace testing_http
