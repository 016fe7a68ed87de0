// Programmes, umbrella membership and the cross-tenant rules, on both engines.
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class ProgrammesTest : public HttpTest {
 protected:
  static std::string id(const HttpResponse& r) { return r.json()["id"].get<std::string>(); }

  std::string create_project(Client& c, const std::string& title) {
    auto r =
        c.send_json("POST", "/api/v1/projects", {{"title", title}, {"template", "kl-workflow"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return id(r);
  }

  // An umbrella whose admin made a programme with clusters and tracks.
  std::string create_programme(Client& umbrella_admin) {
    auto r = umbrella_admin.send_json(
        "POST", "/api/v1/programmes",
        {{"title", "Mere kerneopgave og mindre bureaukrati"},
         {"description", "Rammeprojekt"},
         {"clusters", {"Nord", "Syd"}},
         {"tracks", {"Styrket borgerkontakt", "Frisættende ledelse og styring"}}});
    EXPECT_EQ(r.status, 201) << r.body;
    return id(r);
  }

  // The municipality's admin joins with a fresh code from the umbrella's admin.
  void join(Client& umbrella_admin, Client& member_admin) {
    auto code = umbrella_admin.send_json("POST", "/api/v1/umbrella/join-code", json::object());
    ASSERT_EQ(code.status, 201) << code.body;
    auto r = member_admin.send_json("POST", "/api/v1/umbrella-memberships",
                                    {{"join_code", code.json()["join_code"]}});
    ASSERT_EQ(r.status, 201) << r.body;
  }
};

TEST_F(ProgrammesTest, AdministratorsCreateAndChangeProgrammesWithVersions) {
  auto [u, admin] = new_tenant_admin("umbcrud", "umbrella");
  Client member = member_of(u);
  EXPECT_EQ(member.send_json("POST", "/api/v1/programmes", {{"title", "X"}}).status, 403);
  auto empty = admin.send_json("POST", "/api/v1/programmes", {{"title", " "}});
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(empty.json()["error"]["fields"].contains("title"));
  auto twice = admin.send_json("POST", "/api/v1/programmes",
                               {{"title", "P"}, {"clusters", {"Nord", "Nord"}}});
  EXPECT_EQ(twice.status, 422);
  EXPECT_EQ(twice.json()["error"]["fields"]["clusters"], "contains the same name twice");
  EXPECT_EQ(admin.get("/api/v1/programmes").json()["items"].size(), 0u);

  std::string pid = create_programme(admin);
  std::string path = "/api/v1/programmes/" + pid;
  auto p = member.get(path).json();
  EXPECT_EQ(p["title"], "Mere kerneopgave og mindre bureaukrati");
  EXPECT_EQ(p["clusters"].size(), 2u);
  EXPECT_EQ(p["tracks"][0]["name"], "Styrket borgerkontakt");
  EXPECT_TRUE(p["own"].get<bool>());
  EXPECT_EQ(p["owner"]["name"], "Test " + u.slug);
  EXPECT_EQ(p["version"], 1);

  EXPECT_EQ(member.send_json("PATCH", path, {{"title", "Nyt"}, {"version", 1}}).status, 403);
  EXPECT_EQ(admin.send_json("PATCH", path, {{"title", "Nyt"}}).status, 422);  // no version
  auto changed = admin.send_json("PATCH", path, {{"title", "Kerneopgaven"}, {"version", 1}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["version"], 2);
  EXPECT_EQ(changed.json()["description"], "Rammeprojekt");
  EXPECT_EQ(stale_patch(admin, path, {{"title", "Mit"}, {"version", 1}})["title"], "Kerneopgaven");

  // Clusters and tracks.
  auto vest = admin.send_json("POST", path + "/clusters", {{"name", "Vest"}});
  ASSERT_EQ(vest.status, 201) << vest.body;
  EXPECT_EQ(admin.send_json("POST", path + "/clusters", {{"name", "Vest"}}).status, 422);
  EXPECT_EQ(member.send_json("POST", path + "/clusters", {{"name", "Øst"}}).status, 403);
  std::string cluster = path + "/clusters/" + id(vest);
  auto renamed = admin.send_json("PATCH", cluster, {{"name", "Vestjylland"}});
  ASSERT_EQ(renamed.status, 200);
  EXPECT_EQ(renamed.json()["name"], "Vestjylland");
  EXPECT_EQ(admin.send_json("PATCH", cluster, {{"name", "Nord"}}).status, 422);
  auto track = admin.send_json("POST", path + "/tracks", {{"name", "Data"}});
  ASSERT_EQ(track.status, 201);
  EXPECT_EQ(admin.get(path).json()["tracks"].size(), 3u);
  EXPECT_EQ(admin.send_json("DELETE", path + "/tracks/" + id(track), nullptr).status, 204);
  EXPECT_EQ(admin.send_json("DELETE", cluster, nullptr).status, 204);
  EXPECT_EQ(admin.send_json("DELETE", cluster, nullptr).status, 404);
  auto after = admin.get(path).json();
  EXPECT_EQ(after["clusters"].size(), 2u);
  EXPECT_EQ(after["tracks"].size(), 2u);

  auto audit = admin.get("/api/v1/audit?entity=programme").json()["items"];
  EXPECT_EQ(audit.size(), 2u);  // create + update

  EXPECT_EQ(member.send_json("DELETE", path, nullptr).status, 403);
  EXPECT_EQ(admin.send_json("DELETE", path, nullptr).status, 204);
  EXPECT_EQ(admin.get(path).status, 404);
}

TEST_F(ProgrammesTest, MunicipalitiesJoinWithTheUmbrellasCode) {
  auto u = server().create_tenant("umbjoin", "umbrella");
  auto k = server().create_tenant("komjoin");
  auto other = server().create_tenant("komjoinb");
  Client ua = admin_of(u);
  Client ka = admin_of(k);
  std::string pid = create_programme(ua);
  EXPECT_EQ(ka.get("/api/v1/programmes/" + pid).status, 404);
  EXPECT_EQ(ka.get("/api/v1/programmes").json()["items"].size(), 0u);

  // Only an umbrella's administrators hand out codes.
  EXPECT_EQ(ka.send_json("POST", "/api/v1/umbrella/join-code", json::object()).status, 403);
  EXPECT_EQ(member_of(u).send_json("POST", "/api/v1/umbrella/join-code", json::object()).status,
            403);
  EXPECT_FALSE(ua.get("/api/v1/umbrella/join-code").json()["active"].get<bool>());
  auto code = ua.send_json("POST", "/api/v1/umbrella/join-code", json::object());
  ASSERT_EQ(code.status, 201);
  std::string secret = code.json()["join_code"];
  EXPECT_GE(secret.size(), 20u);
  auto status = ua.get("/api/v1/umbrella/join-code").json();
  EXPECT_TRUE(status["active"].get<bool>());
  EXPECT_EQ(status.dump().find(secret), std::string::npos);  // only its hash is kept

  auto wrong = ka.send_json("POST", "/api/v1/umbrella-memberships", {{"join_code", "guess"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.json()["error"]["fields"]["join_code"], "is not a valid join code");
  EXPECT_EQ(member_of(k)
                .send_json("POST", "/api/v1/umbrella-memberships", {{"join_code", secret}})
                .status,
            403);
  EXPECT_EQ(ua.send_json("POST", "/api/v1/umbrella-memberships", {{"join_code", secret}}).status,
            422);  // its own code
  auto joined = ka.send_json("POST", "/api/v1/umbrella-memberships", {{"join_code", secret}});
  ASSERT_EQ(joined.status, 201) << joined.body;
  EXPECT_EQ(joined.json()["umbrella"]["name"], "Test " + u.slug);
  EXPECT_EQ(ka.send_json("POST", "/api/v1/umbrella-memberships", {{"join_code", secret}}).status,
            409);

  // Members read the programme but do not run it.
  Client km = member_of(k);
  auto seen = km.get("/api/v1/programmes/" + pid);
  ASSERT_EQ(seen.status, 200);
  EXPECT_FALSE(seen.json()["own"].get<bool>());
  EXPECT_EQ(km.get("/api/v1/programmes").json()["items"].size(), 1u);
  EXPECT_EQ(
      ka.send_json("PATCH", "/api/v1/programmes/" + pid, {{"title", "X"}, {"version", 1}}).status,
      403);
  EXPECT_EQ(ka.send_json("POST", "/api/v1/programmes/" + pid + "/clusters", {{"name", "X"}}).status,
            403);
  auto members = ua.get("/api/v1/umbrella/members").json()["items"];
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(members[0]["member"]["name"], "Test " + k.slug);
  EXPECT_EQ(ka.get("/api/v1/umbrella-memberships").json()["items"].size(), 1u);

  // A revoked code lets nobody else in; the members stay.
  EXPECT_EQ(ua.send_json("DELETE", "/api/v1/umbrella/join-code", nullptr).status, 204);
  EXPECT_EQ(admin_of(other)
                .send_json("POST", "/api/v1/umbrella-memberships", {{"join_code", secret}})
                .status,
            422);
  EXPECT_EQ(km.get("/api/v1/programmes/" + pid).status, 200);
  EXPECT_EQ(admin_of(other).get("/api/v1/programmes/" + pid).status, 404);
  EXPECT_EQ(ka.get("/api/v1/audit?entity=umbrella_member").json()["items"].size(), 1u);
}

TEST_F(ProgrammesTest, ProjectsAttachAcrossTenantsAndShareOnlyWhatTheProgrammeShows) {
  auto u = server().create_tenant("umbattach", "umbrella");
  auto k = server().create_tenant("komattach");
  auto stranger = server().create_tenant("komstranger");
  Client ua = admin_of(u);
  Client ka = admin_of(k);
  Client km = member_of(k);
  Client sa = admin_of(stranger);
  std::string pid = create_programme(ua);
  std::string base = "/api/v1/programmes/" + pid;
  join(ua, ka);

  std::string attached = create_project(ka, "Sammenhængende forløb");
  std::string hidden = create_project(ka, "Hemmeligt internt projekt");
  std::string own_umbrella = create_project(ua, "Sekretariatets eget projekt");
  std::string leaders = create_project(km, "Medarbejderens projekt");  // km leads it

  auto bad_cluster =
      ka.send_json("POST", base + "/projects", {{"project_id", attached}, {"cluster", "Vest"}});
  EXPECT_EQ(bad_cluster.status, 422);
  EXPECT_TRUE(bad_cluster.json()["error"]["fields"].contains("cluster"));
  auto foreign = ka.send_json("POST", base + "/projects", {{"project_id", own_umbrella}});
  EXPECT_EQ(foreign.status, 422);
  EXPECT_TRUE(foreign.json()["error"]["fields"].contains("project_id"));
  // A member without a role in the admin's project may not attach it.
  EXPECT_EQ(km.send_json("POST", base + "/projects", {{"project_id", hidden}}).status, 403);
  auto r = ka.send_json(
      "POST", base + "/projects",
      {{"project_id", attached}, {"cluster", "Nord"}, {"tracks", {"Styrket borgerkontakt"}}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["cluster"]["name"], "Nord");
  EXPECT_EQ(r.json()["tracks"][0]["name"], "Styrket borgerkontakt");
  EXPECT_EQ(ka.send_json("POST", base + "/projects", {{"project_id", attached}}).status, 409);
  ASSERT_EQ(km.send_json("POST", base + "/projects", {{"project_id", leaders}}).status, 201);
  ASSERT_EQ(
      ua.send_json("POST", base + "/projects", {{"project_id", own_umbrella}, {"cluster", "Syd"}})
          .status,
      201);

  // The umbrella sees title, phase, status, last update, tenant — of attached projects only.
  auto list = ua.get(base + "/projects");
  ASSERT_EQ(list.status, 200);
  auto items = list.json()["items"];
  ASSERT_EQ(items.size(), 3u);
  json mine;
  for (const auto& i : items) {
    if (i["project_id"] == attached) mine = i;
  }
  ASSERT_FALSE(mine.is_null());
  EXPECT_EQ(mine["tenant"]["name"], "Test " + k.slug);
  EXPECT_EQ(mine["phase"], "before-start");
  EXPECT_EQ(mine["status"], "green");
  EXPECT_EQ(mine["last_update"].get<std::string>().size(), 24u);
  EXPECT_FALSE(mine["own"].get<bool>());
  EXPECT_EQ(list.body.find(hidden), std::string::npos);
  EXPECT_EQ(list.body.find("Hemmeligt"), std::string::npos);
  EXPECT_EQ(ua.get("/api/v1/projects/" + attached).status, 404);
  EXPECT_EQ(ua.get("/api/v1/projects/" + hidden).status, 404);
  auto umbrella_portfolio = ua.get("/api/v1/portfolio").body;
  EXPECT_EQ(umbrella_portfolio.find(attached), std::string::npos);
  EXPECT_EQ(umbrella_portfolio.find(hidden), std::string::npos);
  std::string cluster_nord = ua.get(base).json()["clusters"][0]["id"];
  EXPECT_EQ(ua.get(base + "/projects?cluster=" + cluster_nord).json()["items"].size(), 1u);
  EXPECT_EQ(ua.get(base + "/projects?cluster=none").json()["items"].size(), 1u);
  EXPECT_EQ(ua.get(base + "/projects?limit=2").json()["items"].size(), 2u);
  EXPECT_FALSE(ua.get(base + "/projects?limit=2").json()["next_cursor"].is_null());

  // Not a member: nothing of the programme exists.
  EXPECT_EQ(sa.get(base).status, 404);
  EXPECT_EQ(sa.get(base + "/projects").status, 404);
  EXPECT_EQ(sa.send_json("POST", base + "/projects", {{"project_id", attached}}).status, 404);
  EXPECT_EQ(sa.send_json("DELETE", base + "/projects/" + attached, nullptr).status, 404);

  // Moving: the project's side or the programme's administrators; not a member without a role.
  std::string one = base + "/projects/" + attached;
  auto moved = ka.send_json("PATCH", one, {{"cluster", "Syd"}, {"tracks", json::array()}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["cluster"]["name"], "Syd");
  EXPECT_EQ(moved.json()["tracks"].size(), 0u);
  EXPECT_EQ(km.send_json("PATCH", one, {{"cluster", "Nord"}}).status, 403);
  EXPECT_EQ(ua.send_json("PATCH", one, {{"cluster", nullptr}}).status, 200);
  EXPECT_TRUE(ka.get(base + "/projects").json()["items"][0]["cluster"].is_null() ||
              ka.get(base + "/projects").json()["items"][1]["cluster"].is_null());
  EXPECT_EQ(ka.send_json("DELETE", base + "/projects/" + own_umbrella, nullptr).status, 403);
  EXPECT_EQ(ka.get("/api/v1/audit?entity=programme_project").json()["items"].size(), 4u);

  // The umbrella takes a project out; the project stays with its municipality.
  EXPECT_EQ(ua.send_json("DELETE", one, nullptr).status, 204);
  EXPECT_EQ(ua.get(base + "/projects").json()["items"].size(), 2u);
  EXPECT_EQ(ka.get("/api/v1/projects/" + attached).status, 200);

  // Leaving takes the member's remaining projects out of every programme of the umbrella.
  std::string umbrella_id =
      ka.get("/api/v1/umbrella-memberships").json()["items"][0]["umbrella"]["id"];
  EXPECT_EQ(km.send_json("DELETE", "/api/v1/umbrella-memberships/" + umbrella_id, nullptr).status,
            403);
  EXPECT_EQ(ka.send_json("DELETE", "/api/v1/umbrella-memberships/" + umbrella_id, nullptr).status,
            204);
  auto left = ua.get(base + "/projects").json()["items"];
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0]["project_id"], own_umbrella);
  EXPECT_EQ(ka.get(base).status, 404);
  EXPECT_EQ(ka.send_json("DELETE", "/api/v1/umbrella-memberships/" + umbrella_id, nullptr).status,
            404);
}

TEST_F(ProgrammesTest, TheUmbrellaRemovesAMember) {
  auto [u, ua] = new_tenant_admin("umbremove", "umbrella");
  auto [k, ka] = new_tenant_admin("komremove");
  std::string pid = create_programme(ua);
  join(ua, ka);
  std::string project = create_project(ka, "Fjernes med");
  ASSERT_EQ(
      ka.send_json("POST", "/api/v1/programmes/" + pid + "/projects", {{"project_id", project}})
          .status,
      201);
  std::string member_id = ua.get("/api/v1/umbrella/members").json()["items"][0]["member"]["id"];
  EXPECT_EQ(
      member_of(u).send_json("DELETE", "/api/v1/umbrella/members/" + member_id, nullptr).status,
      403);
  EXPECT_EQ(ua.send_json("DELETE", "/api/v1/umbrella/members/" + member_id, nullptr).status, 204);
  EXPECT_EQ(ua.get("/api/v1/programmes/" + pid + "/projects").json()["items"].size(), 0u);
  EXPECT_EQ(ka.get("/api/v1/programmes/" + pid).status, 404);
  EXPECT_EQ(ka.get("/api/v1/portfolio").json()["items"][0]["programmes"].size(), 0u);
}

TEST_F(ProgrammesTest, PagesListGroupAttachAndJoin) {
  auto [u, ua] = new_tenant_admin("umbpages", "umbrella");
  auto [k, ka] = new_tenant_admin("kompages");

  auto list = ua.get("/programmes");
  ASSERT_EQ(list.status, 200);
  expect_body_has(list, {"href=\"/programmes\" aria-current=\"page\"", "href=\"/portfolio\""});
  auto missing = ua.post_form("/programmes", {{"_csrf", ua.csrf()},
                                              {"title", ""},
                                              {"description", "Det jeg skrev"},
                                              {"clusters", "Nord\nSyd"}});
  expect_refused_input(missing, {"Det jeg skrev", "aria-invalid=\"true\""});
  auto created = ua.post_form("/programmes", {{"_csrf", ua.csrf()},
                                              {"title", "Tværkommunalt program"},
                                              {"clusters", "Nord\r\nSyd"},
                                              {"tracks", "Styrket borgerkontakt"}});
  ASSERT_EQ(created.status, 303);
  std::string page = created.header("location");
  std::string pid = page.substr(page.rfind('/') + 1);
  EXPECT_EQ(ua.get("/api/v1/programmes/" + pid).json()["clusters"].size(), 2u);

  // The code is shown once on the page, then the municipality joins through its form.
  auto coded = ua.post_form("/umbrella/join-code", {{"_csrf", ua.csrf()}});
  ASSERT_EQ(coded.status, 200);
  auto start = coded.body.find("<code class=\"secret\">");
  ASSERT_NE(start, std::string::npos);
  start += std::string("<code class=\"secret\">").size();
  std::string code = coded.body.substr(start, coded.body.find('<', start) - start);
  EXPECT_EQ(ua.get("/programmes").body.find(code), std::string::npos);
  auto bad = ka.post_form("/umbrella/join", {{"_csrf", ka.csrf()}, {"join_code", "forkert"}});
  expect_refused_input(bad, {"er ikke en gyldig medlemskode"});
  auto joined = ka.post_form("/umbrella/join", {{"_csrf", ka.csrf()}, {"join_code", code}});
  ASSERT_EQ(joined.status, 303);
  EXPECT_NE(ka.get(joined.header("location")).body.find("Tværkommunalt program"),
            std::string::npos);

  // Attach through the form; the page groups by cluster.
  std::string project = create_project(ka, "Borgerforløb på tværs");
  std::string nord = ua.get("/api/v1/programmes/" + pid).json()["clusters"][0]["id"];
  std::string track = ua.get("/api/v1/programmes/" + pid).json()["tracks"][0]["id"];
  auto programme_page = ka.get(page);
  ASSERT_EQ(programme_page.status, 200);
  EXPECT_NE(programme_page.body.find("Borgerforløb på tværs"), std::string::npos);  // attachable
  EXPECT_EQ(programme_page.body.find("/programmes/" + pid + "/clusters"), std::string::npos);
  auto attach = ka.post_form(
      page + "/projects",
      {{"_csrf", ka.csrf()}, {"project_id", project}, {"cluster", nord}, {"tracks", track}});
  ASSERT_EQ(attach.status, 303) << attach.body.substr(0, 400);
  auto seen = ua.get(page);
  ASSERT_EQ(seen.status, 200);
  auto nord_heading = seen.body.find(">Nord <");
  auto row = seen.body.find("Borgerforløb på tværs");
  auto syd_heading = seen.body.find(">Syd <");
  ASSERT_NE(nord_heading, std::string::npos);
  EXPECT_TRUE(nord_heading < row && row < syd_heading);
  EXPECT_NE(seen.body.find("Test " + k.slug), std::string::npos);
  EXPECT_EQ(seen.body.find("href=\"/projects/" + project), std::string::npos);  // not theirs
  auto filtered = ua.get(page + "?status=red");
  EXPECT_EQ(filtered.body.find("Borgerforløb på tværs</td>"), std::string::npos);
  EXPECT_EQ(ua.post_form(page + "/projects/" + project + "/detach", {{"_csrf", ua.csrf()}}).status,
            303);
  EXPECT_EQ(ua.get("/api/v1/programmes/" + pid + "/projects").json()["items"].size(), 0u);

  // Clusters and tracks from the page; a duplicate is shown next to the field.
  auto dup = ua.post_form(page + "/clusters", {{"_csrf", ua.csrf()}, {"name", "Nord"}});
  expect_refused_input(dup, {"bruges allerede i dette program"});
  EXPECT_EQ(ua.post_form(page + "/tracks", {{"_csrf", ua.csrf()}, {"name", "Data"}}).status, 303);
  EXPECT_EQ(ua.post_form(page + "/clusters/" + nord + "/delete", {{"_csrf", ua.csrf()}}).status,
            303);
  EXPECT_EQ(ua.get("/api/v1/programmes/" + pid).json()["clusters"].size(), 1u);
  EXPECT_EQ(ka.post_form(page + "/delete", {{"_csrf", ka.csrf()}}).status, 403);
  EXPECT_EQ(ua.post_form(page + "/delete", {{"_csrf", ua.csrf()}}).status, 303);
  EXPECT_EQ(ka.get(page).status, 404);
}

}  // namespace
}  // namespace testing_http

namespace testing_http {
namespace {

// The list reads the clusters and tracks of a whole page at once: each programme keeps its
// own, across pages and across the umbrella's and the municipality's programmes.
TEST_F(ProgrammesTest, TheListGivesEachProgrammeItsOwnClustersAndTracks) {
  auto [u, ua] = new_tenant_admin("proglist-u", "umbrella");
  auto [k, ka] = new_tenant_admin("proglist-k");
  join(ua, ka);
  std::map<std::string, std::string> made;  // id → the programme's one track
  for (int i = 0; i < 3; ++i) {
    Client& owner = i == 0 ? ua : ka;
    std::string n = std::to_string(i);
    auto r = owner.send_json(
        "POST", "/api/v1/programmes",
        {{"title", "Program " + n}, {"clusters", {"Klynge " + n}}, {"tracks", {"Spor " + n}}});
    ASSERT_EQ(r.status, 201) << r.body;
    made[r.json()["id"]] = "Spor " + n;
  }
  std::set<std::string> seen;
  std::string url = "/api/v1/programmes?limit=2";
  for (int pages = 0; pages < 3; ++pages) {
    auto body = ka.get(url).json();
    for (const auto& p : body["items"]) {
      std::string pid = p["id"];
      seen.insert(pid);
      ASSERT_EQ(p["tracks"].size(), 1u) << p.dump();
      ASSERT_EQ(p["clusters"].size(), 1u) << p.dump();
      EXPECT_EQ(p["tracks"][0]["name"], made[pid]);
      EXPECT_EQ(p["clusters"][0]["name"].get<std::string>().back(), made[pid].back());
    }
    if (body["next_cursor"].is_null()) break;
    url = "/api/v1/programmes?limit=2&cursor=" + body["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(seen.size(), 3u);
}

}  // namespace
}  // namespace testing_http
