#pragma once

#include <memory>

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

 private:
  static inline std::unique_ptr<TestServer> server_;
};

}  // namespace testing_http
