// The defects of the security audit (issue 10), each reproduced against the real binary
// and shown refused: user content served as files, role escalation, big imports, open
// redirects, parallel login attempts, weak passwords and forwarded headers.
#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

constexpr const char* kDataPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

// A map whose extension elements carry an XHTML script, as the audit's proof of concept.
std::string map_with_script() {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:acme="http://acme.example/x" id="D1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="Pr1" isExecutable="false">
    <bpmn:extensionElements><acme:note><script xmlns="http://www.w3.org/1999/xhtml">document.cookie='pwned=1; path=/'</script></acme:note></bpmn:extensionElements>
    <bpmn:startEvent id="S" />
    <bpmn:task id="T1" name="Modtag" />
)" + bpmn_ending({"T1"});
}

class SecurityTest : public HttpTest {
 protected:
  // A new person of the tenant with a login; returns the client logged in as them.
  std::pair<Client, std::string> colleague(Client& admin, const TestServer::Tenant& t,
                                           const std::string& name) {
    std::string email = unique(name) + "@" + t.slug + ".test";
    std::string id = new_person(admin, name, {{"email", email}});
    auto login = admin.send_json("POST", "/api/v1/people/" + id + "/login",
                                 {{"password", TestServer::kPassword}, {"role", "member"}});
    EXPECT_EQ(login.status, 201) << login.body;
    Client c = client();
    EXPECT_EQ(c.login(email, TestServer::kPassword).status, 200);
    return {c, id};
  }
  static void expect_download(const HttpResponse& r, const std::string& what) {
    EXPECT_EQ(r.status, 200) << what << ": " << r.body.substr(0, 200);
    EXPECT_EQ(r.header("content-disposition").rfind("attachment; filename=\"", 0), 0u) << what;
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << what;
    EXPECT_EQ(r.header("content-security-policy"), kDataPolicy) << what;
  }
};

TEST_F(SecurityTest, UserContentLeavesOnlyAsSandboxedAttachments) {
  auto [t, c] = new_tenant_admin("sec-files");
  auto project = new_project(c, "Sikker");
  auto map = c.send_json("POST", "/api/v1/projects/" + project + "/maps",
                         {{"kind", "as_is"}, {"title", "<script>x</script>"}});
  ASSERT_EQ(map.status, 201) << map.body;
  std::string bpmn = "/api/v1/maps/" + map.json()["id"].get<std::string>() + "/bpmn";
  auto saved = c.request(
      "PUT", bpmn, map_with_script(),
      {{"Content-Type", "application/xml"}, {"X-CSRF-Token", c.csrf()}, {"If-Match", "\"1\""}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto file = c.get(bpmn);
  // The script is kept (the importer keeps unknown extensions) but can never run.
  EXPECT_NE(file.body.find("document.cookie"), std::string::npos);
  expect_download(file, "bpmn");
  EXPECT_EQ(file.header("content-disposition"),
            "attachment; filename=\"map-" + map.json()["id"].get<std::string>() + ".bpmn\"");
  ASSERT_EQ(c.send_json("POST", "/api/v1/projects/" + project + "/actions",
                        {{"task", "<script>document.cookie='pwned=1'</script>"}})
                .status,
            201);
  for (const std::string& path :
       {"/api/v1/projects/" + project + "/actions.csv",
        "/api/v1/projects/" + project + "/actions.xlsx",
        "/api/v1/projects/" + project + "/meetings.ics", std::string("/api/v1/portfolio.csv"),
        std::string("/api/v1/portfolio.xlsx"),
        "/projects/" + project + "/closing-report?download=1"})
    expect_download(c.get(path), path);
  // JSON is data too; pages keep the site's own policy.
  EXPECT_EQ(c.get("/api/v1/projects/" + project).header("content-security-policy"), kDataPolicy);
  auto page = c.get("/projects/" + project);
  EXPECT_EQ(page.header("content-security-policy").find("sandbox"), std::string::npos);
  EXPECT_NE(page.header("content-security-policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(page.header("content-disposition"), "");
}

TEST_F(SecurityTest, NobodyGrantsThemselvesARoleOrADecideRoleTheyMayNotHandOut) {
  auto [t, admin] = new_tenant_admin("sec-roles");
  auto [leader, leader_id] = colleague(admin, t, "Leder");
  auto [chair, chair_id] = colleague(admin, t, "Formand");
  auto [other, other_id] = colleague(admin, t, "Anden");
  // The leader creates the project and so holds the project-leader role.
  auto project = new_project(leader, "Sikker");
  std::string roles = "/api/v1/projects/" + project + "/roles";
  std::string decisions = "/api/v1/projects/" + project + "/decisions";
  json decision = {{"decision", "Vi beslutter"}, {"decided_on", "2026-03-02"}};
  EXPECT_EQ(leader.send_json("POST", decisions, decision).status, 403);
  // The audit's path: the leader makes himself owner, then decides.
  auto self = leader.send_json("POST", roles, {{"person_id", leader_id}, {"role", "owner"}});
  EXPECT_EQ(self.status, 403) << self.body;
  EXPECT_EQ(self.json()["error"]["code"], "self_grant");
  EXPECT_EQ(leader.send_json("POST", decisions, decision).status, 403);
  // Nor may he hand the decide right to someone else.
  for (const char* role : {"owner", "steering_chair", "steering_member"})
    EXPECT_EQ(leader.send_json("POST", roles, {{"person_id", other_id}, {"role", role}}).status,
              403)
        << role;
  // Roles without the decide right he may hand out, to others.
  EXPECT_EQ(
      leader.send_json("POST", roles, {{"person_id", other_id}, {"role", "project_group"}}).status,
      201);
  EXPECT_EQ(
      leader.send_json("POST", roles, {{"person_id", leader_id}, {"role", "project_group"}}).status,
      403);
  // An administrator names the chair; the chair names a steering-group member and the owner,
  // but not himself to anything, and not a project-group member.
  EXPECT_EQ(
      admin.send_json("POST", roles, {{"person_id", chair_id}, {"role", "steering_chair"}}).status,
      201);
  EXPECT_EQ(
      chair.send_json("POST", roles, {{"person_id", other_id}, {"role", "steering_member"}}).status,
      201);
  EXPECT_EQ(chair.send_json("POST", roles, {{"person_id", chair_id}, {"role", "owner"}}).status,
            403);
  EXPECT_EQ(
      chair.send_json("POST", roles, {{"person_id", other_id}, {"role", "project_leader"}}).status,
      403);
  auto owner = chair.send_json("POST", roles, {{"person_id", other_id}, {"role", "owner"}});
  EXPECT_EQ(owner.status, 201) << owner.body;
  // The leader cannot take the owner role away either; the chair can.
  std::string owner_role = "/api/v1/project-roles/" + owner.json()["id"].get<std::string>();
  EXPECT_EQ(leader.send_delete(owner_role).status, 403);
  EXPECT_EQ(chair.send_delete(owner_role).status, 204);
  // Administrators hold every right already, and still do not grant themselves roles.
  auto me = admin.get("/api/v1/me").json();
  EXPECT_EQ(
      admin.send_json("POST", roles, {{"person_id", me["person_id"]}, {"role", "owner"}}).status,
      403);
  // The roles tab offers the leader only what he may hand out, and never to himself.
  auto page = leader.get("/projects/" + project + "/roles");
  EXPECT_NE(page.body.find("value=\"project_group\""), std::string::npos);
  EXPECT_EQ(page.body.find("value=\"owner\""), std::string::npos);
  EXPECT_EQ(page.body.find("<option value=\"" + leader_id + "\""), std::string::npos);
}

TEST_F(SecurityTest, ImportsAreCappedAndReportedBriefly) {
  auto [t, c] = new_tenant_admin("sec-import");
  auto project = new_project(c, "Sikker");
  auto kpi = c.send_json("POST", "/api/v1/projects/" + project + "/kpis",
                         {{"name", "Ventetid"}, {"direction", "lower"}, {"frequency", "weekly"}});
  ASSERT_EQ(kpi.status, 201) << kpi.body;
  std::string import =
      "/api/v1/kpis/" + kpi.json()["id"].get<std::string>() + "/measurements/import?dry_run=true";
  std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", "text/csv"},
                                                              {"X-CSRF-Token", c.csrf()}};
  // One row over the cap: refused as the file is read, naming the field.
  std::string big = "period;value\n";
  big.reserve(1500000);
  for (int i = 0; i < 100001; ++i) big += "x;1\n";
  auto refused = c.request("POST", import, big, headers);
  EXPECT_EQ(refused.status, 422) << refused.body.substr(0, 300);
  EXPECT_EQ(refused.json()["error"]["fields"]["file"], "has too many rows (at most 100000)");
  auto actions =
      c.request("POST", "/api/v1/projects/" + project + "/actions/import?dry_run=true",
                "task;effect;how;responsible;deadline;status\n" + big.substr(13), headers);
  EXPECT_EQ(actions.status, 422) << actions.body.substr(0, 300);
  EXPECT_EQ(actions.json()["error"]["fields"]["csv"], "has too many rows (at most 100000)");
  // 5,000 bad rows: every row is counted, the report lists the first 100 rows only.
  std::string bad = "period;value\n";
  for (int i = 0; i < 5000; ++i) bad += "not-a-week;1\n";
  auto report = c.request("POST", import, bad, headers);
  ASSERT_EQ(report.status, 200) << report.body.substr(0, 300);
  auto body = report.json();
  EXPECT_EQ(body["summary"]["error"], 5000);
  EXPECT_EQ(body["rows"].size(), 100u);
  EXPECT_EQ(body["rows_not_listed"], 4900);
  EXPECT_LT(report.body.size(), 40000u);
  // The page's preview says how many rows it leaves out, and says nothing when none are.
  std::string form_url = "/projects/" + project + "/actions/import";
  std::string bad_rows = "task;effect;how;responsible;deadline;status\n";
  for (int i = 0; i < 300; ++i) bad_rows += "Opgave;e;h;Ingen Sådan;2026-02-30;open\n";
  auto many = c.post_form(form_url, {{"_csrf", c.csrf()}, {"csv", bad_rows}});
  expect_refused_input(many, {"Rækker, der ikke er vist"});
  auto few = c.post_form(form_url, {{"_csrf", c.csrf()},
                                    {"csv",
                                     "task;effect;how;responsible;deadline;status\n"
                                     "Opgave;e;h;;2026-03-02;open\n"}});
  EXPECT_NE(few.body.find("Forhåndsvisning af importen"), std::string::npos);
  EXPECT_EQ(few.body.find("Rækker, der ikke er vist"), std::string::npos);
}

TEST_F(SecurityTest, RedirectsAndLinksStayOnTheSite) {
  auto t = server().create_tenant("sec-redirect");
  auto c = client();
  for (const std::string next : {"/\t/evil.example", "/\n/evil.example", "//evil.example",
                                 "/\\evil.example", "https://evil.example", " /evil"}) {
    auto r = c.post_form("/lang", {{"lang", "en"}, {"next", next}});
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.header("location"), "/") << next;
    auto login = client().post_form(
        "/login", {{"email", t.admin_email}, {"password", TestServer::kPassword}, {"next", next}});
    EXPECT_EQ(login.status, 303);
    EXPECT_EQ(login.header("location"), "/overview") << next;
  }
  EXPECT_EQ(c.post_form("/lang", {{"lang", "en"}, {"next", "/projects?x=1"}}).header("location"),
            "/projects?x=1");
  auto admin = admin_of(t);
  auto project = new_project(admin, "Sikker");
  auto win = admin.send_json("POST", "/api/v1/projects/" + project + "/wins",
                             {{"text", "Sejr"}, {"link", "/\t/evil.example"}});
  EXPECT_EQ(win.status, 422) << win.body;
  EXPECT_TRUE(win.json()["error"]["fields"].contains("link"));
}

TEST_F(SecurityTest, ParallelWrongPasswordsAreCheckedAtMostTheLimit) {
  auto t = server().create_tenant("sec-limit");
  std::atomic<int> wrong{0}, limited{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 60; ++i) {
    threads.emplace_back([&] {
      auto r = client().login(t.member_email, "not-the-password-at-all");
      if (r.status == 401)
        ++wrong;
      else if (r.status == 429)
        ++limited;
      else
        ++other;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 10);
  EXPECT_EQ(limited.load(), 50);
  EXPECT_EQ(other.load(), 0);
  // The right password is refused too until the window has passed.
  EXPECT_EQ(client().login(t.member_email, TestServer::kPassword).status, 429);
}

TEST_F(SecurityTest, PasswordsAreLongInCharactersAndNotGuessable) {
  auto [t, c] = new_tenant_admin("sec-password");
  auto person = c.send_json("POST", "/api/v1/people",
                            {{"name", "Tove Lundqvist"}, {"email", unique("tove") + "@x.test"}});
  ASSERT_EQ(person.status, 201);
  std::string login = "/api/v1/people/" + person.json()["id"].get<std::string>() + "/login";
  auto short_one = c.send_json("POST", login, {{"password", "æææææææææææ"}});
  EXPECT_EQ(short_one.status, 422);
  EXPECT_EQ(short_one.json()["error"]["fields"]["password"], "must be at least 12 characters");
  for (const char* weak : {"password1234", "Sommer2026!!", "ToveLundqvist7"}) {
    auto r = c.send_json("POST", login, {{"password", weak}});
    EXPECT_EQ(r.status, 422) << weak;
    EXPECT_EQ(r.json()["error"]["fields"]["password"].get<std::string>().rfind("is too easy", 0),
              0u)
        << weak;
  }
  EXPECT_EQ(c.send_json("POST", login, {{"password", "æøå-blåbær-kage"}}).status, 201);
  // The page shows the rule in the user's language.
  auto page = c.post_form("/account/password", {{"_csrf", c.csrf()},
                                                {"current_password", TestServer::kPassword},
                                                {"new_password", "password1234"},
                                                {"confirm_password", "password1234"}});
  expect_refused_input(page, {"for let at gætte"});
}

TEST_F(SecurityTest, ForwardedHeadersCountOnlyBehindATrustedProxy) {
  TestServer untrusted(false);
  auto t = untrusted.create_tenant("sec-proxy");
  Client c(untrusted.port());
  auto r = c.request("POST", "/api/v1/session",
                     json({{"email", t.admin_email}, {"password", TestServer::kPassword}}).dump(),
                     {{"Content-Type", "application/json"}, {"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("set-cookie").find("Secure"), std::string::npos);
  // Behind the trusted proxy of the shared test server the flag is set.
  auto behind = server().create_tenant("sec-proxy");
  auto trusted = client().request(
      "POST", "/api/v1/session",
      json({{"email", behind.admin_email}, {"password", TestServer::kPassword}}).dump(),
      {{"Content-Type", "application/json"}, {"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(trusted.status, 200) << trusted.body;
  EXPECT_NE(trusted.header("set-cookie").find("; Secure"), std::string::npos);
  untrusted.stop();
}

TEST_F(SecurityTest, OversizedRequestsGetAnAnswerNotAClosedConnection) {
  int port = server().port();
  // A 50 MB body is refused from its Content-Length, before it is read.
  auto big = raw_request(port,
                         "POST /api/v1/projects HTTP/1.1\r\nHost: x\r\nContent-Type: "
                         "application/json\r\nContent-Length: 52428800\r\n\r\n{");
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(big.json()["error"]["code"], "payload_too_large");
  auto long_query = raw_request(
      port, "GET /api/v1/projects?q=" + std::string(100000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(long_query.status, 414);
  EXPECT_EQ(long_query.json()["error"]["code"], "uri_too_long");
  auto long_header = raw_request(
      port, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Long: " + std::string(100000, 'a') + "\r\n\r\n");
  EXPECT_EQ(long_header.status, 431);
  EXPECT_EQ(raw_request(port, "NONSENSE\r\n\r\n").status, 400);
  // The server goes on answering.
  EXPECT_EQ(client().get("/healthz").status, 200);
}

}  // namespace
}  // namespace testing_http
