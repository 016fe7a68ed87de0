#pragma once

#include <cstdlib>
#include <memory>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "http/scenes.hpp"
#include "http/test_server.hpp"

namespace testing_http {

using nlohmann::json;

// One server per test binary run; each test makes its own tenants, so tests do
// not see each other's data.
class HttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!server_) server_ = std::make_unique<TestServer>();
  }
  static TestServer& server() { return *server_; }
  Client client() { return Client(server_->port()); }
  Client admin_of(const TestServer::Tenant& t) {
    Client c = client();
    EXPECT_EQ(c.login(t.admin_email, TestServer::kPassword).status, 200);
    return c;
  }
  // A new tenant (see TestServer::create_tenant) and a client logged in as its admin.
  struct TenantAdmin {
    TestServer::Tenant tenant;
    Client admin;
  };
  TenantAdmin new_tenant_admin(const std::string& prefix,
                               const std::string& kind = "municipality") {
    auto t = server_->create_tenant(prefix, kind);
    return {t, admin_of(t)};
  }
  // A new tenant's admin and a project of theirs, where a suite about one of a project's
  // tools starts.
  struct ProjectScene {
    TestServer::Tenant tenant;
    Client admin;
    std::string project;  // the project's id
  };
  ProjectScene new_project_scene(const std::string& prefix, const std::string& title) {
    auto [t, admin] = new_tenant_admin(prefix);
    std::string id = new_project(admin, title);
    return {t, admin, id};
  }
  Client member_of(const TestServer::Tenant& t) {
    Client c = client();
    EXPECT_EQ(c.login(t.member_email, TestServer::kPassword).status, 200);
    return c;
  }
  // The demo's people log in with this password (FREMDRIFT_DEMO_PASSWORD while it loads).
  static constexpr const char* kDemoPassword = "demo-password-42";
  // Loads the demo municipality (`fremdrift demo`, `runs` times over) and logs in as its
  // administrator.
  Client demo_admin(int runs = 1) {
    ::setenv("FREMDRIFT_DEMO_PASSWORD", kDemoPassword, 1);
    std::string out;
    for (int i = 0; i < runs; ++i) EXPECT_EQ(server().cli("demo", &out), 0) << out;
    ::unsetenv("FREMDRIFT_DEMO_PASSWORD");
    Client c = client();
    EXPECT_EQ(c.login("admin@demo.fremdrift.test", kDemoPassword).status, 200);
    return c;
  }

 private:
  static inline std::unique_ptr<TestServer> server_;
};

// A suite that needs a second instance serving the same database (what one instance keeps
// in memory must follow writes made through another).
class TwoInstanceTest : public HttpTest {
 protected:
  static void SetUpTestSuite() {
    HttpTest::SetUpTestSuite();
    if (!other_) other_ = std::make_unique<TestServer>(TestServer::SameDatabase{}, server());
  }
  static void TearDownTestSuite() { other_.reset(); }
  // A client of the second instance.
  static Client elsewhere() { return Client(other_->port()); }

 private:
  static inline std::unique_ptr<TestServer> other_;
};

// A suite about one of a project's tools: its objects are listed at
// /api/v1/projects/{id}/{tool}, each lives at /api/v1/{tool}/{object id}, and the tool's page
// is /projects/{id}/{tool}.
class ProjectToolTest : public HttpTest {
 protected:
  explicit ProjectToolTest(std::string tool) : tool_(std::move(tool)) {}
  struct Setup : ProjectScene {
    std::string collection;  // /api/v1/projects/{id}/{tool}
  };
  Setup setup(const std::string& prefix) {
    Setup s{new_project_scene(prefix, "Projekt")};
    s.collection = "/api/v1/projects/" + s.project + "/" + tool_;
    return s;
  }
  std::string item(const json& object) const {
    return "/api/v1/" + tool_ + "/" + object["id"].get<std::string>();
  }
  std::string page_of(const Setup& s) const { return "/projects/" + s.project + "/" + tool_; }

 private:
  std::string tool_;
};

}  // namespace testing_http
