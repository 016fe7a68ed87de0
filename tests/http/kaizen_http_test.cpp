// The kaizen board through the API and the pages, on both engines: cards, moves
// that renumber, optimistic locking, validation, rights (staff raise cards, the
// project group moves them), the board's polling, decisions into the decision log,
// the generated agenda of a kaizen meeting and tenant isolation.
#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class KaizenTest : public HttpTest {
 protected:
  struct Scene {
    Client admin;
    std::string project_id;
    std::string cards;  // "/api/v1/projects/{id}/kaizen-cards"
    std::string anne;   // a person
  };

  Scene scene(const TestServer::Tenant& t) {
    Client admin = admin_of(t);
    std::string anne =
        new_person(admin, "Anne Hansen", {{"unit_id", new_unit(admin, "Jobcenter")}});
    std::string id = new_project(admin, "Kaizen");
    return {admin, id, "/api/v1/projects/" + id + "/kaizen-cards", anne};
  }

  // "column: text text" per column, from the list.
  static std::map<std::string, std::vector<std::string>> columns(const json& list) {
    std::map<std::string, std::vector<std::string>> out;
    int expected = 0;
    std::string last;
    for (const auto& c : list["items"]) {
      std::string column = c["column"];
      if (column != last) expected = 0;
      EXPECT_EQ(c["position"], expected++) << "positions of " << column;
      last = column;
      out[column].push_back(c["text"]);
    }
    return out;
  }
};

TEST_F(KaizenTest, CreateListMoveAndRenumber) {
  auto s = scene(server().create_tenant("kzmove"));
  auto a = created_object(s.admin, s.cards, {{"text", "A"}, {"kind", "idea"}});
  EXPECT_EQ(a["column"], "new");
  EXPECT_EQ(a["position"], 0);
  EXPECT_EQ(a["version"], 1);
  EXPECT_EQ(a["raised_by_id"], s.admin.get("/api/v1/me").json()["person_id"]);  // the caller
  EXPECT_FALSE(a["raised_by"].get<std::string>().empty());
  created_object(s.admin, s.cards, {{"text", "B"}});
  created_object(s.admin, s.cards,
                 {{"text", "C"},
                  {"raised_by_name", "Medarbejder i Jobcentret"},
                  {"responsible_id", s.anne},
                  {"pdca", "Plan: prøv"},
                  {"card_date", "2026-04-14"}});
  auto list = s.admin.get(s.cards);
  ASSERT_EQ(list.status, 200);
  auto cols = columns(list.json());
  EXPECT_EQ(cols["new"], (std::vector<std::string>{"A", "B", "C"}));
  auto c = list.json()["items"][2];
  EXPECT_EQ(c["raised_by"], "Medarbejder i Jobcentret");
  EXPECT_EQ(c["responsible_name"], "Anne Hansen");
  EXPECT_EQ(c["card_date"], "2026-04-14");

  // Move A to in_progress, then B before it; the new column closes up.
  std::string a_path = "/api/v1/kaizen-cards/" + a["id"].get<std::string>();
  auto moved =
      s.admin.send_json("POST", a_path + "/move", {{"column", "in_progress"}, {"version", 1}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["column"], "in_progress");
  EXPECT_EQ(moved.json()["version"], 2);
  auto b = list.json()["items"][1];
  auto r = s.admin.send_json("PATCH", "/api/v1/kaizen-cards/" + b["id"].get<std::string>(),
                             {{"column", "in_progress"}, {"position", 0}, {"version", 1}});
  ASSERT_EQ(r.status, 200) << r.body;
  cols = columns(s.admin.get(s.cards).json());
  EXPECT_EQ(cols["new"], (std::vector<std::string>{"C"}));
  EXPECT_EQ(cols["in_progress"], (std::vector<std::string>{"B", "A"}));

  // A card created at a position opens a gap.
  created_object(s.admin, s.cards, {{"text", "D"}, {"column", "in_progress"}, {"position", 1}});
  cols = columns(s.admin.get(s.cards).json());
  EXPECT_EQ(cols["in_progress"], (std::vector<std::string>{"B", "D", "A"}));

  // Delete closes the column.
  auto del = s.admin.send_delete("/api/v1/kaizen-cards/" + b["id"].get<std::string>());
  EXPECT_EQ(del.status, 204);
  cols = columns(s.admin.get(s.cards).json());
  EXPECT_EQ(cols["in_progress"], (std::vector<std::string>{"D", "A"}));

  // Every write is audited.
  auto log = s.admin.get("/api/v1/audit?entity=kaizen_card&limit=100");
  ASSERT_EQ(log.status, 200) << log.body;
  EXPECT_GE(log.json()["items"].size(), 7u);  // 4 creates, 2 moves, 1 delete
}

TEST_F(KaizenTest, AMoveTakesThePlaceAskedForElseTheColumnsEnd) {
  auto s = scene(server().create_tenant("kzplace"));
  auto a = created_object(s.admin, s.cards, {{"text", "A"}});
  created_object(s.admin, s.cards, {{"text", "B"}});
  auto c = created_object(s.admin, s.cards, {{"text", "C"}});
  auto card = [](const json& x) { return "/api/v1/kaizen-cards/" + x["id"].get<std::string>(); };
  auto up = s.admin.send_json("POST", card(c) + "/move",
                              {{"column", "new"}, {"position", 0}, {"version", 1}});
  ASSERT_EQ(up.status, 200) << up.body;
  EXPECT_EQ(up.json()["position"], 0);
  EXPECT_EQ(columns(s.admin.get(s.cards).json())["new"], (std::vector<std::string>{"C", "A", "B"}));
  // Another column without a place: its end; with one: that place.
  created_object(s.admin, s.cards, {{"text", "D"}, {"column", "done"}});
  auto end = s.admin.send_json("POST", card(a) + "/move", {{"column", "done"}, {"version", 1}});
  ASSERT_EQ(end.status, 200) << end.body;
  EXPECT_EQ(end.json()["position"], 1);
  auto placed =
      s.admin.send_json("PATCH", card(c), {{"column", "done"}, {"position", 0}, {"version", 2}});
  ASSERT_EQ(placed.status, 200) << placed.body;
  EXPECT_EQ(columns(s.admin.get(s.cards).json())["done"],
            (std::vector<std::string>{"C", "D", "A"}));
  // The card answers with its version as ETag.
  EXPECT_EQ(s.admin.get(card(c)).header("etag"), "\"3\"");
}

TEST_F(KaizenTest, StaleVersionIs409WithTheCurrentCard) {
  auto s = scene(server().create_tenant("kzconflict"));
  auto a = created_object(s.admin, s.cards, {{"text", "A"}});
  std::string path = "/api/v1/kaizen-cards/" + a["id"].get<std::string>();
  ASSERT_EQ(s.admin.send_json("PATCH", path, {{"text", "A2"}, {"version", 1}}).status, 200);
  auto stale = s.admin.send_json("PATCH", path, {{"text", "A3"}, {"version", 1}});
  ASSERT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(stale.json()["error"]["current"]["text"], "A2");
  EXPECT_EQ(stale.json()["error"]["current"]["version"], 2);
  // If-Match works too, and a move with a stale version is refused the same way.
  auto ok = s.admin.send_json("PATCH", path, {{"text", "A3"}}, {{"If-Match", "\"2\""}});
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(s.admin.send_json("POST", path + "/move", {{"column", "done"}, {"version", 1}}).status,
            409);
  EXPECT_EQ(s.admin.get(path).json()["column"], "new");
  // PATCH without a version names it.
  auto none = s.admin.send_json("PATCH", path, {{"text", "x"}});
  EXPECT_EQ(none.status, 422);
  EXPECT_TRUE(none.json()["error"]["fields"].contains("version"));
}

TEST_F(KaizenTest, ACardDoneIsAWinOnce) {
  auto s = scene(server().create_tenant("kzwin"));
  std::string long_text = "Fælles samtaleskabelon " + std::string(300, 'x') + "æøå";
  auto a = created_object(s.admin, s.cards, {{"text", long_text}});
  std::string path = "/api/v1/kaizen-cards/" + a["id"].get<std::string>();
  std::string wins = "/api/v1/projects/" + s.project_id + "/wins";
  EXPECT_EQ(s.admin.get(wins).json()["items"].size(), 0u);
  ASSERT_EQ(s.admin.send_json("POST", path + "/move", {{"column", "done"}, {"version", 1}}).status,
            200);
  auto items = s.admin.get(wins).json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["kind"], "card_done");
  std::string text = items[0]["text"];
  EXPECT_EQ(text.rfind("Forbedringskort gennemført: Fælles samtaleskabelon", 0), 0u) << text;
  EXPECT_LT(text.size(), long_text.size());
  // Back and done again: still one win.
  ASSERT_EQ(
      s.admin.send_json("POST", path + "/move", {{"column", "in_progress"}, {"version", 2}}).status,
      200);
  ASSERT_EQ(s.admin.send_json("POST", path + "/move", {{"column", "done"}, {"version", 3}}).status,
            200);
  EXPECT_EQ(s.admin.get(wins).json()["items"].size(), 1u);
}

TEST_F(KaizenTest, ValidationNamesTheField) {
  auto s = scene(server().create_tenant("kzvalid"));
  auto r = s.admin.send_json("POST", s.cards,
                             {{"text", ""},
                              {"kind", "complaint"},
                              {"card_date", "2026-13-01"},
                              {"column", "later"},
                              {"pdca", 5}});
  ASSERT_EQ(r.status, 422) << r.body;
  for (const char* f : {"text", "kind", "card_date", "column", "pdca"})
    EXPECT_TRUE(r.json()["error"]["fields"].contains(f)) << f << " " << r.body;
  auto who = s.admin.send_json("POST", s.cards, {{"text", "x"}, {"responsible_id", "nobody"}});
  EXPECT_EQ(who.status, 422);
  EXPECT_TRUE(who.json()["error"]["fields"].contains("responsible_id"));
  auto a = created_object(s.admin, s.cards, {{"text", "A"}});
  auto move =
      s.admin.send_json("POST", "/api/v1/kaizen-cards/" + a["id"].get<std::string>() + "/move",
                        {{"column", "sideways"}, {"version", 1}});
  EXPECT_EQ(move.status, 422);
  EXPECT_TRUE(move.json()["error"]["fields"].contains("column"));
  EXPECT_EQ(s.admin.send_json("POST", s.cards, {{"text", std::string(2001, 'x')}}).status, 422);
}

TEST_F(KaizenTest, StaffRaiseCardsTheProjectGroupMovesThem) {
  auto t = server().create_tenant("kzrights");
  auto s = scene(t);
  auto a = created_object(s.admin, s.cards, {{"text", "A"}});
  std::string path = "/api/v1/kaizen-cards/" + a["id"].get<std::string>();
  Client member = member_of(t);
  EXPECT_EQ(member.get(s.cards).status, 200);
  auto raised = member.send_json("POST", s.cards, {{"text", "Fra en medarbejder"}});
  EXPECT_EQ(raised.status, 201) << raised.body;
  // …but not straight into another column, nor move, edit, delete or decide.
  EXPECT_EQ(member.send_json("POST", s.cards, {{"text", "x"}, {"column", "done"}}).status, 403);
  EXPECT_EQ(member.send_json("POST", path + "/move", {{"column", "done"}, {"version", 1}}).status,
            403);
  EXPECT_EQ(member.send_json("PATCH", path, {{"text", "x"}, {"version", 1}}).status, 403);
  EXPECT_EQ(member.send_delete(path).status, 403);
  EXPECT_EQ(member
                .send_json("POST", path + "/decision",
                           {{"column", "done"}, {"decision", "x"}, {"version", 1}})
                .status,
            403);
  // The board page shows a member no move buttons.
  auto page = member.get("/projects/" + s.project_id + "/kaizen");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("name=\"direction\""), std::string::npos);
  EXPECT_NE(page.body.find("Fra en medarbejder"), std::string::npos);
}

TEST_F(KaizenTest, BoardVersionMakesPollingCheap) {
  auto s = scene(server().create_tenant("kzpoll"));
  auto first = s.admin.get(s.cards);
  std::string tag = first.header("etag");
  ASSERT_FALSE(tag.empty());
  EXPECT_EQ(s.admin.request("GET", s.cards, "", {{"If-None-Match", tag}}).status, 304);
  std::string board = "/projects/" + s.project_id + "/kaizen/board?v=";
  long long v = first.json()["board_version"];
  EXPECT_EQ(s.admin.get(board + std::to_string(v)).status, 204);
  created_object(s.admin, s.cards, {{"text", "A"}});
  EXPECT_EQ(s.admin.request("GET", s.cards, "", {{"If-None-Match", tag}}).status, 200);
  auto fragment = s.admin.get(board + std::to_string(v));
  EXPECT_EQ(fragment.status, 200);
  expect_body_has(fragment, {"id=\"kaizen-board\"", ">A<"});
  EXPECT_EQ(
      s.admin.get("/projects/" + s.project_id + "/kaizen/wall/columns?v=" + std::to_string(v + 1))
          .status,
      204);
}

TEST_F(KaizenTest, PagesWorkWithoutJavaScript) {
  auto s = scene(server().create_tenant("kzpages"));
  std::string base = "/projects/" + s.project_id + "/kaizen";
  auto bad =
      s.admin.post_form(base, {{"_csrf", s.admin.csrf()}, {"text", ""}, {"kind", "problem"}});
  expect_refused_input(bad, {"aria-invalid=\"true\""});
  auto ok = s.admin.post_form(base, {{"_csrf", s.admin.csrf()},
                                     {"text", "Borgeren venter på svar"},
                                     {"kind", "problem"},
                                     {"raised_by_name", "Medarbejder"}});
  EXPECT_EQ(ok.status, 303) << ok.body.substr(0, 300);
  auto card = s.admin.get(s.cards).json()["items"][0];
  std::string id = card["id"];
  // The keyboard buttons are forms: right, right.
  auto moved =
      s.admin.post_form(base + "/cards/" + id + "/move",
                        {{"_csrf", s.admin.csrf()}, {"direction", "right"}, {"version", "1"}});
  EXPECT_EQ(moved.status, 303);
  EXPECT_EQ(s.admin.get("/api/v1/kaizen-cards/" + id).json()["column"], "in_progress");
  // From the board's script: the fresh board comes back with what to announce.
  auto hx = s.admin.request(
      "POST", base + "/cards/" + id + "/move", "direction=right&version=2&_csrf=" + s.admin.csrf(),
      {{"Content-Type", "application/x-www-form-urlencoded"}, {"HX-Request", "true"}});
  EXPECT_EQ(hx.status, 200);
  EXPECT_NE(hx.body.find("data-announce=\"Kortet er flyttet til Gennemført"), std::string::npos)
      << hx.body.substr(0, 400);
  // A stale form version: 409 and the board as it is.
  auto stale =
      s.admin.post_form(base + "/cards/" + id + "/move",
                        {{"_csrf", s.admin.csrf()}, {"direction", "left"}, {"version", "1"}});
  EXPECT_EQ(stale.status, 409);
  // Edit page and save.
  EXPECT_EQ(s.admin.get(base + "/cards/" + id).status, 200);
  auto saved = s.admin.post_form(base + "/cards/" + id, {{"_csrf", s.admin.csrf()},
                                                         {"text", "Rettet"},
                                                         {"kind", "idea"},
                                                         {"column", "done"},
                                                         {"card_date", "2026-04-14"},
                                                         {"raised_by_id", ""},
                                                         {"raised_by_name", "Medarbejder"},
                                                         {"responsible_id", s.anne},
                                                         {"pdca", ""},
                                                         {"version", "3"}});
  EXPECT_EQ(saved.status, 303) << saved.body.substr(0, 500);
  auto after = s.admin.get("/api/v1/kaizen-cards/" + id).json();
  EXPECT_EQ(after["text"], "Rettet");
  EXPECT_EQ(after["responsible_name"], "Anne Hansen");
  // Wall screen and the project page's section.
  auto wall = s.admin.get(base + "/wall");
  EXPECT_EQ(wall.status, 200);
  EXPECT_NE(wall.body.find("kaizen-wall"), std::string::npos);
  auto project = s.admin.get("/projects/" + s.project_id);
  expect_body_has(project, {"id=\"kaizen-heading\"", base + "/wall"});
}

TEST_F(KaizenTest, DecisionMovesTheCardAndGoesToTheLog) {
  auto s = scene(server().create_tenant("kzdecide"));
  auto a = created_object(s.admin, s.cards, {{"text", "Fælles kalender"}});
  std::string path = "/api/v1/kaizen-cards/" + a["id"].get<std::string>();
  auto m = s.admin.send_json(
      "POST", "/api/v1/projects/" + s.project_id + "/meetings",
      {{"kind", "kaizen"}, {"title", "Kaizenmøde"}, {"starts_at", "2026-04-14T14:00"}});
  ASSERT_EQ(m.status, 201) << m.body;
  std::string meeting_id = m.json().contains("items") ? m.json()["items"][0]["id"] : m.json()["id"];
  auto bad = s.admin.send_json("POST", path + "/decision", {{"column", "new"}, {"version", 1}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.json()["error"]["fields"].contains("column"));
  auto r = s.admin.send_json("POST", path + "/decision",
                             {{"column", "done"},
                              {"decision", "Indføres i alle tre enheder"},
                              {"meeting_id", meeting_id},
                              {"version", 1}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["column"], "done");
  auto log = s.admin.get("/api/v1/projects/" + s.project_id + "/decisions").json();
  bool found = false;
  for (const auto& d : log["items"]) {
    std::string text = d["text"];
    if (text.find("Fælles kalender") != std::string::npos &&
        text.find("Indføres i alle tre enheder") != std::string::npos) {
      found = true;
      EXPECT_EQ(d["meeting_id"], meeting_id);
      EXPECT_NE(d["links"].dump().find(a["id"].get<std::string>()), std::string::npos);
    }
  }
  EXPECT_TRUE(found) << log.dump();
}

TEST_F(KaizenTest, AgendaFromTheBoard) {
  auto s = scene(server().create_tenant("kzagenda"));
  created_object(s.admin, s.cards, {{"text", "Gammelt kort"}, {"card_date", "2026-04-01"}});
  created_object(s.admin, s.cards, {{"text", "Nyt kort"}, {"card_date", "2026-04-20"}});
  created_object(s.admin, s.cards,
                 {{"text", "Færdigt"}, {"card_date", "2026-04-01"}, {"column", "done"}});
  s.admin.send_json("POST", "/api/v1/projects/" + s.project_id + "/actions",
                    {{"task", "Overskredet opgave"}, {"deadline", "2026-01-05"}});
  auto prev = s.admin.send_json(
      "POST", "/api/v1/projects/" + s.project_id + "/meetings",
      {{"kind", "kaizen"}, {"title", "Første"}, {"starts_at", "2026-04-14T14:00"}});
  ASSERT_EQ(prev.status, 201) << prev.body;
  auto next = s.admin.send_json(
      "POST", "/api/v1/projects/" + s.project_id + "/meetings",
      {{"kind", "kaizen"}, {"title", "Andet"}, {"starts_at", "2026-04-28T14:00"}});
  auto body = next.json();
  std::string next_id = body.contains("items") ? body["items"][0]["id"] : body["id"];
  auto agenda =
      s.admin.get("/api/v1/projects/" + s.project_id + "/kaizen-agenda?meeting_id=" + next_id);
  ASSERT_EQ(agenda.status, 200) << agenda.body;
  auto j = agenda.json();
  EXPECT_EQ(j["previous_meeting"]["title"], "Første");
  ASSERT_EQ(j["cards_to_decide"].size(), 1u) << j.dump();
  EXPECT_EQ(j["cards_to_decide"][0]["text"], "Gammelt kort");
  ASSERT_EQ(j["overdue_actions"].size(), 1u);
  EXPECT_EQ(j["overdue_actions"][0]["task"], "Overskredet opgave");
  EXPECT_GE(j["agenda"].size(), 4u);

  // The button on the meeting page fills the agenda.
  std::string meeting_page = "/projects/" + s.project_id + "/meetings/" + next_id;
  auto page = s.admin.get(meeting_page);
  EXPECT_NE(page.body.find("/kaizen/agenda/" + next_id), std::string::npos);
  auto filled = s.admin.post_form("/projects/" + s.project_id + "/kaizen/agenda/" + next_id,
                                  {{"_csrf", s.admin.csrf()}, {"version", "1"}});
  EXPECT_EQ(filled.status, 303) << filled.body.substr(0, 300);
  auto stored = s.admin.get("/api/v1/meetings/" + next_id).json();
  EXPECT_EQ(stored["agenda"], j["agenda"]);
  // Not for other kinds of meeting.
  auto steering = s.admin.send_json(
      "POST", "/api/v1/projects/" + s.project_id + "/meetings",
      {{"kind", "steering_group"}, {"title", "Styregruppe"}, {"starts_at", "2026-05-01T09:00"}});
  auto sbody = steering.json();
  std::string steering_id = sbody.contains("items") ? sbody["items"][0]["id"] : sbody["id"];
  EXPECT_EQ(s.admin.get("/projects/" + s.project_id + "/meetings/" + steering_id)
                .body.find("/kaizen/agenda/"),
            std::string::npos);
}

TEST_F(KaizenTest, AnotherTenantSeesNothing) {
  auto s = scene(server().create_tenant("kziso"));
  auto a = created_object(s.admin, s.cards, {{"text", "Hemmeligt kort"}});
  std::string path = "/api/v1/kaizen-cards/" + a["id"].get<std::string>();
  Client bob = admin_of(server().create_tenant("kzother"));
  EXPECT_EQ(bob.get(s.cards).status, 404);
  EXPECT_EQ(bob.send_json("POST", s.cards, {{"text", "x"}}).status, 404);
  EXPECT_EQ(bob.get(path).status, 404);
  EXPECT_EQ(bob.send_json("PATCH", path, {{"text", "x"}, {"version", 1}}).status, 404);
  EXPECT_EQ(bob.send_json("POST", path + "/move", {{"column", "done"}, {"version", 1}}).status,
            404);
  EXPECT_EQ(bob.get("/projects/" + s.project_id + "/kaizen").status, 404);
  EXPECT_EQ(bob.get("/projects/" + s.project_id + "/kaizen/wall").status, 404);
  EXPECT_EQ(bob.get("/api/v1/projects/" + s.project_id + "/kaizen-agenda").status, 404);
  EXPECT_EQ(s.admin.get(path).json()["text"], "Hemmeligt kort");
  EXPECT_EQ(s.admin.get(path).json()["version"], 1);
}

}  // namespace
}  // namespace testing_http
