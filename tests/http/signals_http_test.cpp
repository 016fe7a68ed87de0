// Signals through the API and the public form, on both engines: routing to the nearest
// manager by the organisation tree (a unit without one: the next up), the inbox, the
// holder's actions with every step in the history, passing up, handing to a project,
// rights (403 for a manager acting on a signal not theirs, the submitter's and holder's
// fields), isolation (another tenant gets 404 and cannot file into our units), the citizen's
// form with honeypot, size and rate limits (429 with Retry-After), the private link showing
// the answer with nothing carrying script, the statistics and the tenant's deadline setting.
#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class SignalsTest : public HttpTest {
 protected:
  struct Scene {
    TestServer::Tenant tenant;
    Client admin;
    Client head;   // manages the administration (top)
    Client boss;   // the tenant's member: manages the school
    Client staff;  // works in the class, which has no manager
    std::string top, school, klass;
    std::string head_person, boss_person, staff_person;
  };

  Client user(const TestServer::Tenant& t, const std::string& who) {
    const std::string email = who + "@" + t.slug + ".test";
    std::string out;
    EXPECT_EQ(
        server().cli("admin create-user --tenant " + t.slug + " --email " + email + " --name '" +
                         who + "' --password " + TestServer::kPassword + " --role member",
                     &out),
        0)
        << out;
    Client c = client();
    EXPECT_EQ(c.login(email, TestServer::kPassword).status, 200);
    return c;
  }

  static std::string person_of(Client& c) { return c.get("/api/v1/me").json()["person_id"]; }

  Scene scene(const std::string& prefix) {
    auto [t, admin] = new_tenant_admin(prefix);
    Client head = user(t, "head");
    Client boss = member_of(t);
    Client staff = user(t, "staff");
    Scene s{t, admin, head, boss, staff};
    s.head_person = person_of(s.head);
    s.boss_person = person_of(s.boss);
    s.staff_person = person_of(s.staff);
    s.top = created_id(admin, "/api/v1/units",
                       {{"name", "Forvaltningen"}, {"manager_id", s.head_person}});
    s.school =
        created_id(admin, "/api/v1/units",
                   {{"name", "Skolen"}, {"parent_id", s.top}, {"manager_id", s.boss_person}});
    s.klass = created_id(admin, "/api/v1/units", {{"name", "3.A"}, {"parent_id", s.school}});
    auto moved = admin.send_json("PATCH", "/api/v1/people/" + s.staff_person,
                                 {{"unit_id", s.klass}, {"version", 1}});
    EXPECT_EQ(moved.status, 200) << moved.body;
    return s;
  }

  static json raise(Client& c, const json& body) {
    auto r = c.send_json("POST", "/api/v1/signals", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }

  static HttpResponse act(Client& c, const std::string& id, const json& body) {
    return c.send_json("POST", "/api/v1/signals/" + id + "/actions", body);
  }

  static std::vector<std::string> ids(const json& list) {
    std::vector<std::string> out;
    for (const auto& s : list["items"]) out.push_back(s["id"]);
    return out;
  }

  static std::vector<std::string> kinds(Client& c, const std::string& id) {
    std::vector<std::string> out;
    auto r = c.get("/api/v1/signals/" + id + "/history");
    EXPECT_EQ(r.status, 200) << r.body;
    const json body = r.json();
    for (const auto& e : body["items"]) out.push_back(e["kind"]);
    return out;
  }

  // A citizen's signal through the public JSON route.
  HttpResponse file(Client& c, const std::string& slug, const json& body) {
    return c.send_json("POST", "/public/" + slug + "/signals", body);
  }
};

TEST_F(SignalsTest, AStaffSignalGoesToTheNearestManagerAndUpTheTree) {
  auto s = scene("sigroute");
  auto sig = raise(s.staff, {{"what", "Ventilationen larmer"}, {"where", "Lokale 12"}});
  const std::string id = sig["id"];
  EXPECT_EQ(sig["manager_id"], s.boss_person);  // 3.A has no manager: the school's
  EXPECT_EQ(sig["unit_id"], s.klass);
  EXPECT_EQ(sig["status"], "new");
  EXPECT_EQ(sig["source"], "staff");
  EXPECT_EQ(sig["where"], "Lokale 12");
  EXPECT_EQ(sig["deadline"].get<std::string>().size(), 10u);

  EXPECT_EQ(ids(s.staff.get("/api/v1/signals").json()), std::vector<std::string>{id});
  auto inbox = s.boss.get("/api/v1/signals?inbox=1").json();
  ASSERT_EQ(ids(inbox), std::vector<std::string>{id});
  EXPECT_EQ(inbox["items"][0]["submitter_name"], "staff");  // known to the manager
  EXPECT_TRUE(ids(s.head.get("/api/v1/signals?inbox=1").json()).empty());
  EXPECT_EQ(s.head.get("/api/v1/signals/" + id).status, 404);  // not theirs to read
  // Filters: another unit, or not old enough.
  EXPECT_TRUE(ids(s.boss.get("/api/v1/signals?inbox=1&unit_id=" + s.top).json()).empty());
  EXPECT_TRUE(ids(s.boss.get("/api/v1/signals?inbox=1&older_than_days=3").json()).empty());
  EXPECT_EQ(ids(s.boss.get("/api/v1/signals?inbox=1&status=new&unit_id=" + s.klass).json()),
            std::vector<std::string>{id});
  EXPECT_EQ(s.boss.get("/api/v1/signals?inbox=1&older_than_days=x").status, 422);

  // A manager acting on a signal not theirs is refused.
  EXPECT_EQ(act(s.head, id, {{"kind", "answer"}, {"text", "Nej"}}).status, 403);
  EXPECT_EQ(act(s.staff, id, {{"kind", "close"}}).status, 403);
  EXPECT_EQ(act(s.boss, id, {{"kind", "answer"}}).status, 422);  // an answer needs its text
  EXPECT_EQ(act(s.boss, id, {{"kind", "dance"}}).status, 422);

  auto answered = act(s.boss, id, {{"kind", "answer"}, {"text", "Vi ser på det"}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.json()["status"], "in_progress");
  EXPECT_FALSE(answered.json()["answered_at"].is_null());

  auto passed = act(s.boss, id, {{"kind", "pass_up"}, {"text", "Kræver budget"}});
  ASSERT_EQ(passed.status, 200) << passed.body;
  EXPECT_EQ(passed.json()["manager_id"], s.head_person);
  EXPECT_EQ(passed.json()["status"], "new");
  EXPECT_EQ(act(s.boss, id, {{"kind", "answer"}, {"text", "Alligevel"}}).status, 403);
  EXPECT_EQ(s.boss.get("/api/v1/signals/" + id).status, 200);  // who held it still reads it
  // At the top there is nobody further up.
  EXPECT_EQ(act(s.head, id, {{"kind", "pass_up"}}).status, 422);

  auto closed = act(s.head, id, {{"kind", "close"}, {"text", "Ny ventilation bestilt"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["status"], "closed");
  EXPECT_EQ(act(s.head, id, {{"kind", "answer"}, {"text", "Igen"}}).status, 409);
  EXPECT_EQ(kinds(s.staff, id),
            (std::vector<std::string>{"created", "answer", "passed_up", "closed"}));
}

TEST_F(SignalsTest, TheSubmitterChangesTheTextAndTheHolderTheStatus) {
  auto s = scene("sigpatch");
  auto sig = raise(s.staff, {{"what", "Printeren"}});
  const std::string item = "/api/v1/signals/" + sig["id"].get<std::string>();
  auto edited = s.staff.send_json("PATCH", item, {{"what", "Printeren på 1. sal"}, {"version", 1}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(s.boss.send_json("PATCH", item, {{"what", "Andet"}, {"version", 2}}).status, 403);
  EXPECT_EQ(s.staff.send_json("PATCH", item, {{"status", "waiting"}, {"version", 2}}).status, 403);
  auto waiting = s.boss.send_json("PATCH", item, {{"status", "waiting"}, {"version", 2}});
  ASSERT_EQ(waiting.status, 200) << waiting.body;
  EXPECT_EQ(waiting.json()["status"], "waiting");
  EXPECT_EQ(s.boss.send_json("PATCH", item, {{"status", "closed"}, {"version", 3}}).status, 422);
  stale_patch(s.boss, item, {{"status", "in_progress"}, {"version", 1}});
  // Only administrators delete.
  EXPECT_EQ(s.boss.send_delete(item).status, 403);
  EXPECT_EQ(s.admin.send_delete(item).status, 204);
  EXPECT_EQ(s.staff.get(item).status, 404);
}

TEST_F(SignalsTest, HandedToAProjectAsACardOrAnActionRow) {
  auto s = scene("sigproj");
  std::string mine = new_project(s.boss, "Skolens forbedringer");
  std::string theirs = new_project(s.admin, "Forvaltningens projekt");
  auto sig = raise(s.staff, {{"what", "Lange køer i kantinen"}, {"suggestion", "To kasser"}});
  const std::string id = sig["id"];
  EXPECT_EQ(act(s.boss, id, {{"kind", "to_project"}, {"project_id", theirs}}).status, 403);
  EXPECT_EQ(act(s.boss, id, {{"kind", "to_project"}}).status, 422);
  auto handed = act(s.boss, id, {{"kind", "to_project"}, {"project_id", mine}});
  ASSERT_EQ(handed.status, 200) << handed.body;
  EXPECT_EQ(handed.json()["status"], "in_progress");
  auto cards = s.boss.get("/api/v1/projects/" + mine + "/kaizen-cards").json()["items"];
  ASSERT_EQ(cards.size(), 1u);
  EXPECT_EQ(cards[0]["text"], "Lange køer i kantinen");
  EXPECT_EQ(cards[0].dump().find("staff"), std::string::npos);  // the submitter stays unnamed
  auto history = s.boss.get("/api/v1/signals/" + id + "/history").json()["items"];
  EXPECT_EQ(history.back()["link"],
            "/projects/" + mine + "/kaizen/cards/" + cards[0]["id"].get<std::string>());

  auto row = raise(s.staff, {{"what", "Skiltning mangler"}});
  auto as_row =
      act(s.boss, row["id"], {{"kind", "to_project"}, {"project_id", mine}, {"as", "action"}});
  ASSERT_EQ(as_row.status, 200) << as_row.body;
  auto actions = s.boss.get("/api/v1/projects/" + mine + "/actions").json()["items"];
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0]["task"], "Skiltning mangler");
}

TEST_F(SignalsTest, AnotherTenantSeesNothingAndCannotFileIntoOurUnits) {
  auto s = scene("sigiso");
  auto [other, other_admin] = new_tenant_admin("sigiso-b");
  auto sig = raise(s.staff, {{"what", "Intern sag"}});
  const std::string item = "/api/v1/signals/" + sig["id"].get<std::string>();
  EXPECT_EQ(other_admin.get(item).status, 404);
  EXPECT_EQ(other_admin.send_json("PATCH", item, {{"what", "x"}, {"version", 1}}).status, 404);
  EXPECT_EQ(other_admin.send_json("POST", item + "/actions", {{"kind", "close"}}).status, 404);
  EXPECT_EQ(other_admin.send_delete(item).status, 404);
  EXPECT_EQ(other_admin.get(item + "/history").status, 404);
  EXPECT_TRUE(ids(other_admin.get("/api/v1/signals?inbox=1").json()).empty());
  auto into_ours =
      other_admin.send_json("POST", "/api/v1/signals", {{"what", "Hej"}, {"unit_id", s.school}});
  EXPECT_EQ(into_ours.status, 422) << into_ours.body;
  Client citizen = client();
  EXPECT_EQ(file(citizen, other.slug, {{"what", "Hej"}, {"unit_id", s.school}}).status, 422);
  EXPECT_EQ(s.staff.get(item).json()["status"], "new");
}

TEST_F(SignalsTest, ACitizenFilesOnThePublicFormAndFollowsThePrivateLink) {
  auto s = scene("sigpub");
  Client citizen = client();
  auto form = citizen.get("/public/" + s.tenant.slug + "/signals");
  ASSERT_EQ(form.status, 200);
  expect_body_has(form, {"Skolen", "name=\"website\""});

  auto bad_mail = file(citizen, s.tenant.slug,
                       {{"what", "Hul i vejen"}, {"unit_id", s.school}, {"email", "ikke en"}});
  EXPECT_EQ(bad_mail.status, 422);
  EXPECT_TRUE(bad_mail.json()["error"]["fields"].contains("email")) << bad_mail.body;
  EXPECT_EQ(file(citizen, s.tenant.slug, {{"what", std::string(2001, 'x')}, {"unit_id", s.school}})
                .status,
            422);
  EXPECT_EQ(file(citizen, "no-such-tenant", {{"what", "Hej"}, {"unit_id", s.school}}).status, 404);

  auto filed = file(citizen, s.tenant.slug,
                    {{"what", "<script>alert(1)</script> Hul i vejen"},
                     {"where", "Skolevej 3"},
                     {"unit_id", s.school},
                     {"email", "borger@example.org"}});
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string token = filed.json()["token"];
  const std::string id = filed.json()["id"];
  EXPECT_EQ(filed.json()["private_link"], std::string(kPublicUrl) + "/public/signals/" + token);

  auto inbox = s.boss.get("/api/v1/signals?inbox=1").json()["items"];
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_EQ(inbox[0]["source"], "citizen");
  EXPECT_EQ(inbox[0]["submitter_email"], "borger@example.org");
  ASSERT_EQ(act(s.boss, id, {{"kind", "close"}, {"text", "Vejen er <b>lappet</b>"}}).status, 200);

  auto followed =
      citizen.request("GET", "/public/signals/" + token, "", {{"Accept", "application/json"}});
  ASSERT_EQ(followed.status, 200) << followed.body;
  EXPECT_EQ(followed.json()["status"], "closed");
  EXPECT_EQ(followed.json()["history"].back()["text"], "Vejen er <b>lappet</b>");
  EXPECT_FALSE(followed.json().contains("submitter_email"));
  auto page = citizen.get("/public/signals/" + token);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Vejen er &lt;b&gt;lappet&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(page.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(page.body.find("<b>lappet"), std::string::npos);
  EXPECT_EQ(page.header("cache-control"), "no-store");
  EXPECT_EQ(citizen.get("/public/signals/" + token + "x").status, 404);
  EXPECT_EQ(citizen.get("/public/signals/short").status, 404);
  // The access log keeps the route, not the private link.
  EXPECT_EQ(server().log_text().find(token), std::string::npos);
}

TEST_F(SignalsTest, TheFormPostsAndRefusesWhatWasTyped) {
  auto s = scene("sigform");
  Client citizen = client();
  auto refused = citizen.post_form("/public/" + s.tenant.slug + "/signals",
                                   {{"what", "Gadelyset er gået"}, {"unit_id", ""}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("Gadelyset er gået"), std::string::npos);  // kept
  auto sent = citizen.post_form("/public/" + s.tenant.slug + "/signals",
                                {{"what", "Gadelyset er gået"}, {"unit_id", s.top}});
  ASSERT_EQ(sent.status, 303) << sent.body;
  const std::string receipt = sent.header("location");
  EXPECT_NE(receipt.find("?received=1"), std::string::npos);
  auto page = citizen.get(receipt);
  EXPECT_EQ(page.status, 200);
  expect_body_has(page, {"Gadelyset er gået", "private-link"});
  EXPECT_EQ(ids(s.head.get("/api/v1/signals?inbox=1").json()).size(), 1u);
}

TEST_F(SignalsTest, TheHoneypotStoresNothing) {
  auto s = scene("sighoney");
  Client bot = client();
  auto r = file(bot, s.tenant.slug,
                {{"what", "Køb billige ure"}, {"unit_id", s.school}, {"website", "http://spam"}});
  ASSERT_EQ(r.status, 201) << r.body;  // looks like success to the robot
  EXPECT_EQ(bot.get("/public/signals/" + r.json()["token"].get<std::string>()).status, 404);
  EXPECT_TRUE(ids(s.boss.get("/api/v1/signals?inbox=1").json()).empty());
}

TEST_F(SignalsTest, AFloodIsRateLimitedPerAddressAndPerTenantWithoutSlowingOthers) {
  auto s = scene("sigflood");
  Client flooder = client();
  for (int i = 0; i < 5; ++i)
    ASSERT_EQ(
        file(flooder, s.tenant.slug, {{"what", "Spam"}, {"unit_id", s.school}, {"website", "x"}})
            .status,
        201);
  auto refused = file(flooder, s.tenant.slug, {{"what", "Spam"}, {"unit_id", s.school}});
  EXPECT_EQ(refused.status, 429);
  EXPECT_GE(std::stoi(refused.header("retry-after")), 1);
  // Another address still gets through, and the app answers as before.
  Client neighbour = client();
  EXPECT_EQ(file(neighbour, s.tenant.slug, {{"what", "Ægte"}, {"unit_id", s.school}}).status, 201);
  EXPECT_EQ(s.boss.get("/api/v1/signals?inbox=1").status, 200);
  // The tenant's own bucket: a hundred at once from many addresses, then 429.
  int accepted = 0, limited = 0;
  for (int i = 0; i < 110; ++i) {
    Client c = client();
    int status =
        file(c, s.tenant.slug, {{"what", "Spam"}, {"unit_id", s.school}, {"website", "x"}}).status;
    (status == 201 ? accepted : limited) += status == 201 || status == 429 ? 1 : 0;
  }
  EXPECT_GT(limited, 0);
  EXPECT_LE(accepted, 105);
  // Another tenant is not affected.
  auto other = scene("sigflood-b");
  Client c = client();
  EXPECT_EQ(file(c, other.tenant.slug, {{"what", "Hej"}, {"unit_id", other.school}}).status, 201);
}

TEST_F(SignalsTest, StatisticsForAdministratorsAndTheDeadlineSetting) {
  auto s = scene("sigstats");
  auto a = raise(s.staff, {{"what", "Et"}});
  raise(s.staff, {{"what", "To"}});
  ASSERT_EQ(act(s.boss, a["id"], {{"kind", "answer"}, {"text", "Svar"}}).status, 200);
  EXPECT_EQ(s.boss.get("/api/v1/signal-stats").status, 403);
  auto stats = s.admin.get("/api/v1/signal-stats");
  ASSERT_EQ(stats.status, 200) << stats.body;
  auto items = stats.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["unit_id"], s.klass);
  EXPECT_EQ(items[0]["received"], 2);
  EXPECT_EQ(items[0]["answered"], 1);
  EXPECT_EQ(items[0]["overdue"], 0);

  auto tenant = s.admin.get("/api/v1/tenant").json();
  EXPECT_EQ(tenant["signal_deadline_days"], 10);
  EXPECT_EQ(tenant["holidays"], "dk");
  auto changed = s.admin.send_json("PATCH", "/api/v1/tenant",
                                   {{"signal_deadline_days", 61}, {"version", tenant["version"]}});
  EXPECT_EQ(changed.status, 422);
  changed = s.admin.send_json(
      "PATCH", "/api/v1/tenant",
      {{"signal_deadline_days", 3}, {"holidays", "se"}, {"version", tenant["version"]}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["holidays"], "se");
}

TEST_F(SignalsTest, ThePagesRaiseListAndAnswerASignal) {
  auto s = scene("sigpages");
  auto inbox = s.staff.get("/signals");
  ASSERT_EQ(inbox.status, 200);
  EXPECT_NE(inbox.body.find("href=\"/signals\" aria-current=\"page\""), std::string::npos);
  const std::string csrf = form_csrf(inbox.body);
  auto refused =
      s.staff.post_form("/signals", {{"_csrf", csrf}, {"what", ""}, {"where", "Gangen ved 3.A"}});
  expect_refused_input(refused, {"Gangen ved 3.A"});
  auto sent = s.staff.post_form("/signals", {{"_csrf", csrf},
                                             {"what", "Lyset blinker <i>hele</i> tiden"},
                                             {"where", "Gangen ved 3.A"},
                                             {"links", "https://example.org/video"}});
  ASSERT_EQ(sent.status, 303) << sent.body;
  const std::string page_url = sent.header("location").substr(0, sent.header("location").find('?'));
  const std::string id = page_url.substr(page_url.rfind('/') + 1);

  // The manager finds it in the inbox, on the start page and on its own page, and answers.
  auto boss_inbox = s.boss.get("/signals");
  EXPECT_NE(boss_inbox.body.find("Lyset blinker &lt;i&gt;hele&lt;/i&gt; tiden"), std::string::npos);
  auto section = s.boss.get("/signals/inbox-section");
  EXPECT_NE(section.body.find(page_url), std::string::npos);
  EXPECT_EQ(s.head.get("/signals/inbox-section").body, "");
  EXPECT_NE(s.boss.get("/overview").body.find("/signals/inbox-section"), std::string::npos);
  auto page = s.boss.get(page_url);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("action=\"" + page_url + "/actions\""), std::string::npos);
  EXPECT_NE(page.body.find("staff"), std::string::npos);  // the submitter, for the manager
  EXPECT_NE(page.body.find("https://example.org/video"), std::string::npos)
      << s.boss.get("/api/v1/signals/" + id).body;
  EXPECT_EQ(s.staff.get(page_url).body.find("action=\"" + page_url + "/actions\""),
            std::string::npos);
  const std::string boss_csrf = form_csrf(page.body);
  auto empty = s.boss.post_form(page_url + "/actions",
                                {{"_csrf", boss_csrf}, {"kind", "answer"}, {"text", ""}});
  EXPECT_EQ(empty.status, 422);
  auto answered = s.boss.post_form(
      page_url + "/actions", {{"_csrf", boss_csrf}, {"kind", "close"}, {"text", "Skiftet i dag"}});
  ASSERT_EQ(answered.status, 303) << answered.body;
  EXPECT_EQ(s.boss.get("/api/v1/signals/" + id).json()["status"], "closed");
  EXPECT_NE(s.staff.get(page_url).body.find("Skiftet i dag"), std::string::npos);
  // Acting through the form on a signal they cannot read: not found.
  auto head_page = s.head.get("/signals");
  EXPECT_EQ(
      s.head
          .post_form(page_url + "/actions",
                     {{"_csrf", form_csrf(head_page.body)}, {"kind", "answer"}, {"text", "x"}})
          .status,
      404);

  EXPECT_EQ(s.boss.get("/signals").body.find("href=\"/signals/stats\""), std::string::npos);
  EXPECT_NE(s.admin.get("/signals").body.find("href=\"/signals/stats\""), std::string::npos);
  EXPECT_EQ(s.boss.get("/signals/stats").status, 403);
  auto stats = s.admin.get("/signals/stats");
  ASSERT_EQ(stats.status, 200);
  EXPECT_NE(stats.body.find("3.A"), std::string::npos);
  auto [other, other_admin] = new_tenant_admin("sigpages-b");
  EXPECT_EQ(other_admin.get(page_url).status, 404);
}

}  // namespace
}  // namespace testing_http

namespace testing_http {
namespace {

TEST_F(SignalsTest, AnArenaStartedFromASignalReportsItsOutcomeBackToTheSubmitter) {
  auto s = scene("sigarena");
  auto sig = raise(s.staff, {{"what", "Forældre venter længe på svar"},
                             {"suggestion", "En fælles postkasse for skole og SFO"}});
  const std::string id = sig["id"];
  const json team = {{"kind", "start_arena"},
                     {"leader_id", s.boss_person},
                     {"member_ids", {s.staff_person, s.head_person}},
                     {"ends_on", "2027-03-01"},
                     {"text", "Vi samler et team på tværs"}};
  // Only the holder starts it; a refused start stores nothing.
  EXPECT_EQ(act(s.head, id, team).status, 403);
  auto refused = act(s.boss, id, {{"kind", "start_arena"}, {"leader_id", "nobody"}});
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(refused.json()["error"]["fields"].contains("ends_on")) << refused.body;
  const json none = s.admin.get("/api/v1/arenas").json();
  EXPECT_TRUE(none["items"].empty()) << none.dump();
  EXPECT_EQ(kinds(s.boss, id), std::vector<std::string>{"created"});

  auto started = act(s.boss, id, team);
  ASSERT_EQ(started.status, 200) << started.body;
  EXPECT_EQ(started.json()["status"], "in_progress");
  const json history = s.boss.get("/api/v1/signals/" + id + "/history").json();
  const json& step = history["items"].back();
  EXPECT_EQ(step["kind"], "start_arena");
  const std::string link = step["link"];
  ASSERT_EQ(link.rfind("/arenas/", 0), 0u) << link;
  const std::string arena = "/api/v1" + link;
  const json made = s.boss.get(arena).json();
  EXPECT_EQ(made["signal_id"], id);
  EXPECT_EQ(made["title"], "Forældre venter længe på svar");
  EXPECT_EQ(made["goal"], "Forældre venter længe på svar\n\nEn fælles postkasse for skole og SFO");
  EXPECT_EQ(made["leader_id"], s.boss_person);
  EXPECT_EQ(made["status"], "open");

  // What the arena comes to goes back to the signal, and its end closes it.
  auto outcome = s.boss.send_json(
      "PATCH", arena,
      {{"outcome", "Én postkasse, svar inden to dage"}, {"status", "running"}, {"version", 1}});
  ASSERT_EQ(outcome.status, 200) << outcome.body;
  EXPECT_EQ(s.staff.get("/api/v1/signals/" + id).json()["status"], "in_progress");
  auto done = s.boss.send_json("PATCH", arena, {{"status", "done"}, {"version", 2}});
  ASSERT_EQ(done.status, 200) << done.body;
  const json mine = s.staff.get("/api/v1/signals/" + id).json();
  EXPECT_EQ(mine["status"], "closed");
  EXPECT_FALSE(mine["closed_at"].is_null());
  EXPECT_EQ(kinds(s.staff, id),
            (std::vector<std::string>{"created", "start_arena", "arena_outcome", "arena_outcome"}));
  const json heard = s.staff.get("/api/v1/signals/" + id + "/history").json();
  EXPECT_EQ(heard["items"][2]["text"], "Én postkasse, svar inden to dage");
  EXPECT_EQ(heard["items"][2]["link"], link);
  // Changing other fields of a done arena is no news.
  EXPECT_EQ(s.boss.send_json("PATCH", arena, {{"title", "Postkassen"}, {"version", 3}}).status,
            200);
  EXPECT_EQ(kinds(s.staff, id).size(), 4u);
}

}  // namespace
}  // namespace testing_http
