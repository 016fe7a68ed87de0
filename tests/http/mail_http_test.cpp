// Mail through a real SMTP server on loopback (aiosmtpd): meeting invitations reach it in
// the recipient's language with a link and the meeting as an .ics file that parses; while
// it is down the mail waits in the outbox with the error shown and goes out once it is
// back; two instances on one database send each mail once. On both engines.
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "http/scenes.hpp"
#include "http/smtp_sink.hpp"
#include "http/test_server.hpp"
#include "meetings/ics_parser.hpp"

namespace testing_http {
namespace {

using nlohmann::json;

// One SMTP server and one fremdrift instance sending to it, for the whole suite.
class MailTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() / unique("fremdrift-mailtest-");
    std::filesystem::create_directories(dir_);
    sink_ = std::make_unique<SmtpSink>();
    sink_->start();
    MailEnvironment env(*sink_, clock_file());
    server_ = std::make_unique<TestServer>();
  }
  static void TearDownTestSuite() {
    server_.reset();
    sink_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  static std::string clock_file() { return dir_ + "/clock-offset"; }
  // Moves the instances' job clock on by `seconds` more (never back: periodic jobs would
  // wait for it).
  static void clock_ahead(long long seconds) {
    offset_ += seconds;
    std::ofstream(clock_file()) << offset_;
  }

  static Client login(const TestServer& s, const std::string& email) {
    Client c(s.port());
    EXPECT_EQ(c.login(email, TestServer::kPassword).status, 200);
    return c;
  }

  static const std::string& run_tag() {
    static const std::string tag = [] {
      auto u = unique("r");
      for (auto& c : u) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return u;
    }();
    return tag;
  }

  struct Scene {
    std::string project_id;
    std::string meeting_id;
    std::vector<std::string> people;
    std::vector<std::string> addresses;
  };
  // A project with a meeting to which `n` people with an address (Swedish) are invited.
  static Scene scene(Client& admin, int n, const std::string& tag) {
    Scene s;
    auto p = admin.send_json("POST", "/api/v1/projects",
                             {{"title", "Hemtjänst " + tag}, {"template", "kl-workflow"}});
    EXPECT_EQ(p.status, 201) << p.body;
    s.project_id = p.json()["id"];
    json attendance = json::array();
    for (int i = 0; i < n; ++i) {
      // Unique across runs on one database: other tenants' people may share an address.
      auto address = "person" + std::to_string(i) + "." + tag + "." + run_tag() + "@kommun.test";
      auto r = admin.send_json(
          "POST", "/api/v1/people",
          {{"name", "Åsa Person " + std::to_string(i)}, {"email", address}, {"locale", "sv"}});
      EXPECT_EQ(r.status, 201) << r.body;
      s.people.push_back(r.json()["id"]);
      s.addresses.push_back(address);
      attendance.push_back({{"person_id", s.people.back()}});
    }
    auto m = admin.send_json("POST", "/api/v1/projects/" + s.project_id + "/meetings",
                             {{"kind", "project_group"},
                              {"title", "Styrgruppsmöte " + tag},
                              {"starts_at", "2026-12-10T09:00"},
                              {"location", "Rådhuset"}});
    EXPECT_EQ(m.status, 201) << m.body;
    s.meeting_id = m.json()["id"];
    EXPECT_EQ(admin.send_json("PUT", "/api/v1/meetings/" + s.meeting_id + "/attendance", attendance)
                  .status,
              200);
    return s;
  }

  static std::vector<json> mails_to(const std::vector<json>& mails, const std::string& address) {
    std::vector<json> out;
    for (const auto& m : mails)
      if (m["rcpt_tos"] == json::array({address})) out.push_back(m);
    return out;
  }

  static json outbox(Client& admin) {
    auto r = admin.get("/api/v1/outbox");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["items"];
  }

  // The newest row of the outbox once `done` holds for it (or as it is after ten seconds).
  static json newest_once(Client& admin, const std::function<bool(const json&)>& done) {
    json row;
    for (int i = 0; i < 100; ++i) {
      row = outbox(admin)[0];
      if (done(row)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return row;
  }
  static bool is_sent(const json& row) { return row["status"] == "sent"; }
  // The mails to `address` once there is one (or none after ten seconds).
  static std::vector<json> first_mails_to(const std::string& address) {
    std::vector<json> got;
    for (int i = 0; i < 100 && got.empty(); ++i) {
      got = mails_to(sink_->mails(), address);
      if (got.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return got;
  }

  static inline std::string dir_;
  static inline long long offset_ = 0;
  static inline std::unique_ptr<SmtpSink> sink_;
  static inline std::unique_ptr<TestServer> server_;
};

TEST_F(MailTest, AnInvitationArrivesInTheRecipientsLanguageWithLinkAndCalendarFile) {
  auto t = server_->create_tenant("mailinv");
  auto admin = login(*server_, t.admin_email);
  auto s = scene(admin, 1, "inv");
  auto r = admin.send_json("POST", "/api/v1/meetings/" + s.meeting_id + "/invitations", nullptr);
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(r.json()["queued"], json::array({s.people[0]}));
  auto got = first_mails_to(s.addresses[0]);
  ASSERT_EQ(got.size(), 1u);
  const auto& mail = got[0];
  EXPECT_EQ(mail["mail_from"], "fremdrift@fremdrift.test");
  EXPECT_EQ(mail["to"], "Åsa Person 0 <" + s.addresses[0] + ">");
  EXPECT_EQ(mail["subject"], "Inbjudan: Styrgruppsmöte inv") << "Swedish, her language";
  EXPECT_EQ(mail["content_language"], "sv");
  auto text = mail["text"].get<std::string>();
  EXPECT_NE(text.find("Du är inbjuden till mötet Styrgruppsmöte inv"), std::string::npos) << text;
  EXPECT_NE(text.find("Var: Rådhuset"), std::string::npos) << text;
  EXPECT_NE(text.find(std::string(kPublicUrl) + "/projects/" + s.project_id + "/meetings/" +
                      s.meeting_id),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(std::string(kPublicUrl) + "/account/mail"), std::string::npos) << text;
  ASSERT_EQ(mail["attachments"].size(), 1u);
  EXPECT_EQ(mail["attachments"][0]["filename"], "invitation.ics");
  EXPECT_EQ(mail["attachments"][0]["content_type"], "text/calendar");
  auto calendar = ics_test::parse(mail["attachments"][0]["content"]);
  ASSERT_FALSE(calendar.contains("error")) << calendar.dump();
  ASSERT_EQ(calendar["events"].size(), 1u);
  EXPECT_EQ(calendar["events"][0]["summary"], "Styrgruppsmöte inv");
  EXPECT_EQ(calendar["events"][0]["start_utc"], "2026-12-10T08:00");
  // The outbox shows it sent, after one attempt.
  auto row = newest_once(admin, is_sent);
  EXPECT_EQ(row["status"], "sent");
  EXPECT_EQ(row["attempts"], 1);
  EXPECT_EQ(row["to"], s.addresses[0]);
  EXPECT_TRUE(row["last_error"].is_null());
}

TEST_F(MailTest, RightsIsolationAndPreferences) {
  auto t = server_->create_tenant("mailrights");
  auto other = server_->create_tenant("mailother");
  auto admin = login(*server_, t.admin_email);
  auto s = scene(admin, 1, "rights");
  auto path = "/api/v1/meetings/" + s.meeting_id + "/invitations";
  auto member = login(*server_, t.member_email);
  EXPECT_EQ(member.send_json("POST", path, nullptr).status, 403) << "no role in the project";
  EXPECT_EQ(member.get("/api/v1/outbox").status, 403) << "administrators only";
  auto stranger = login(*server_, other.admin_email);
  EXPECT_EQ(stranger.send_json("POST", path, nullptr).status, 404);
  ASSERT_EQ(admin.send_json("POST", path, nullptr).status, 202);
  EXPECT_EQ(outbox(admin).size(), 1u);
  EXPECT_TRUE(outbox(stranger).empty()) << "another tenant's mail is not shown";
  EXPECT_EQ(admin.get("/api/v1/outbox?status=nonsense").status, 422);
  // Each person chooses how they get mail.
  EXPECT_EQ(member.get("/api/v1/me/mail-preference").json()["delivery"], "immediately");
  EXPECT_EQ(member.send_json("PUT", "/api/v1/me/mail-preference", {{"delivery", "hourly"}}).status,
            422);
  auto set = member.send_json("PUT", "/api/v1/me/mail-preference", {{"delivery", "off"}});
  EXPECT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(member.get("/api/v1/me/mail-preference").json()["delivery"], "off");
  EXPECT_EQ(admin.get("/api/v1/me/mail-preference").json()["delivery"], "immediately");
}

TEST_F(MailTest, ThePreferencePageShowsAndKeepsTheChoice) {
  auto t = server_->create_tenant("mailpage");
  auto member = login(*server_, t.member_email);
  auto page = member.get("/account/mail");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("value=\"immediately\" aria-describedby=\"delivery-immediately-hint\" "
                           "checked"),
            std::string::npos);
  EXPECT_NE(member.get("/account").body.find("href=\"/account/mail\""), std::string::npos);
  auto bad = member.post_form("/account/mail", {{"_csrf", member.csrf()}, {"delivery", "hourly"}});
  expect_refused_input(bad, {"delivery-error"});
  auto saved =
      member.post_form("/account/mail", {{"_csrf", member.csrf()}, {"delivery", "daily_digest"}});
  EXPECT_EQ(saved.status, 303);
  EXPECT_EQ(member.get("/api/v1/me/mail-preference").json()["delivery"], "daily_digest");
  EXPECT_NE(member.get("/account/mail?saved=1")
                .body.find("value=\"daily_digest\" "
                           "aria-describedby=\"delivery-daily_digest-"
                           "hint\" checked"),
            std::string::npos);
  EXPECT_EQ(Client(server_->port()).get("/account/mail").status, 303) << "login first";
}

TEST_F(MailTest, TheMeetingPageSendsTheInvitation) {
  auto t = server_->create_tenant("mailbutton");
  auto admin = login(*server_, t.admin_email);
  auto s = scene(admin, 1, "button");
  auto page_url = "/projects/" + s.project_id + "/meetings/" + s.meeting_id;
  auto form = "action=\"" + page_url + "/invitations\"";
  EXPECT_NE(admin.get(page_url).body.find(form), std::string::npos);
  auto member = login(*server_, t.member_email);
  auto as_member = member.get(page_url);
  EXPECT_EQ(as_member.status, 200);
  EXPECT_EQ(as_member.body.find(form), std::string::npos) << "no edit right, no button";
  EXPECT_EQ(member.post_form(page_url + "/invitations", {{"_csrf", member.csrf()}}).status, 403);
  auto sent = admin.post_form(page_url + "/invitations", {{"_csrf", admin.csrf()}});
  ASSERT_EQ(sent.status, 303);
  EXPECT_EQ(sent.header("location"), page_url + "?invited=1&skipped=0");
  EXPECT_NE(admin.get(page_url + "?invited=1&skipped=0")
                .body.find("Invitationer på vej: 1. Inviterede uden mailadresse: 0."),
            std::string::npos);
  EXPECT_EQ(first_mails_to(s.addresses[0]).size(), 1u);
}

TEST_F(MailTest, MailWaitsInTheOutboxWhileTheServerIsDownAndGoesOutWhenItIsBack) {
  auto t = server_->create_tenant("maildown");
  auto admin = login(*server_, t.admin_email);
  auto s = scene(admin, 1, "down");
  sink_->stop();
  auto r = admin.send_json("POST", "/api/v1/meetings/" + s.meeting_id + "/invitations", nullptr);
  ASSERT_EQ(r.status, 202) << "the action succeeds with the mail server down";
  auto row = newest_once(admin, [](const json& r) { return !r["last_error"].is_null(); });
  EXPECT_EQ(row["status"], "pending");
  EXPECT_EQ(row["attempts"], 1);
  ASSERT_TRUE(row["last_error"].is_string()) << row.dump();
  EXPECT_NE(row["last_error"].get<std::string>().find("connect"), std::string::npos) << row.dump();
  EXPECT_TRUE(row["next_attempt_at"].is_string());
  auto metrics = Client(server_->port()).get("/metrics").body;
  EXPECT_NE(metrics.find("fremdrift_mail_outbox_failing "), std::string::npos);
  EXPECT_NE(metrics.find("\nfremdrift_jobs_due "), std::string::npos) << "the queue's depth";
  EXPECT_NE(metrics.find("\nfremdrift_jobs_failures_total "), std::string::npos);
  EXPECT_EQ(metrics.find("fremdrift_mail_outbox_failing 0\n"), std::string::npos) << metrics;
  // Nothing is tried again before the backoff has passed.
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_EQ(outbox(admin)[0]["attempts"], 1);
  sink_->start();
  clock_ahead(3600);
  ASSERT_EQ(first_mails_to(s.addresses[0]).size(), 1u);
  row = newest_once(admin, is_sent);
  EXPECT_EQ(row["status"], "sent");
  EXPECT_EQ(row["attempts"], 2);
}

TEST_F(MailTest, OverdueActionsAndDueKpisAreRemindedOnceADayInTheRecipientsLanguage) {
  auto t = server_->create_tenant("mailremind");
  auto admin = login(*server_, t.admin_email);
  auto s = scene(admin, 1, "remind");
  // Other tenants' people may share an address: this one is only hers.
  auto address = t.slug + ".ella@kommune.test";
  auto ella = admin.send_json("POST", "/api/v1/people",
                              {{"name", "Ella Reminder"}, {"email", address}, {"locale", "en"}});
  ASSERT_EQ(ella.status, 201) << ella.body;
  auto action = admin.send_json("POST", "/api/v1/projects/" + s.project_id + "/actions",
                                {{"task", "Ring til borgerne"},
                                 {"responsible_id", ella.json()["id"]},
                                 {"deadline", "2020-01-06"}});
  ASSERT_EQ(action.status, 201) << action.body;
  auto kpi = admin.send_json(
      "POST", "/api/v1/projects/" + s.project_id + "/kpis",
      {{"name", "Ventetid"}, {"frequency", "weekly"}, {"owner_id", ella.json()["id"]}});
  ASSERT_EQ(kpi.status, 201) << kpi.body;
  EXPECT_TRUE(mails_to(sink_->mails(), address).empty());
  clock_ahead(24 * 3600 + 60);  // the next day's run
  auto got = mails_to(sink_->mails(), address);
  for (int i = 0; i < 100 && got.size() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    got = mails_to(sink_->mails(), address);
  }
  ASSERT_EQ(got.size(), 2u);
  std::map<std::string, std::string> texts;  // by subject
  for (const auto& m : got) texts[m["subject"]] = m["text"];
  auto actions = texts["Fremdrift: 1 actions are past their deadline"];
  EXPECT_NE(actions.find("- Ring til borgerne (Hemtjänst remind, 2020-01-06)"), std::string::npos)
      << actions;
  EXPECT_NE(actions.find(std::string(kPublicUrl) + "/my-actions"), std::string::npos) << actions;
  auto kpis = texts["Fremdrift: 1 KPIs are missing a measurement"];
  EXPECT_NE(kpis.find("- Ventetid (Hemtjänst remind)"), std::string::npos) << kpis;
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_EQ(mails_to(sink_->mails(), address).size(), 2u) << "not again today";
}

TEST_F(MailTest, TwoInstancesOnOneDatabaseSendEachMailOnce) {
  constexpr int kPeople = 12;
  std::unique_ptr<TestServer> second;
  {
    MailEnvironment env(*sink_, clock_file());
    second = std::make_unique<TestServer>(TestServer::SameDatabase{}, *server_);
  }
  auto t = server_->create_tenant("mailtwice");
  auto admin = login(*server_, t.admin_email);
  auto s = scene(admin, kPeople, "twice");
  // Three meetings' worth of mail, queued through both instances.
  auto on_second = login(*second, t.admin_email);
  ASSERT_EQ(
      admin.send_json("POST", "/api/v1/meetings/" + s.meeting_id + "/invitations", nullptr).status,
      202);
  ASSERT_EQ(
      on_second.send_json("POST", "/api/v1/meetings/" + s.meeting_id + "/invitations", nullptr)
          .status,
      202);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  std::size_t sent = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    sent = 0;
    for (const auto& row : outbox(admin)) sent += row["status"] == "sent" ? 1 : 0;
    if (sent == 2 * kPeople) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_EQ(sent, 2u * kPeople);
  std::this_thread::sleep_for(std::chrono::seconds(2));  // time for any second copy to land
  std::map<std::string, int> per_message;
  for (const auto& address : s.addresses) {
    auto mine = mails_to(sink_->mails(), address);
    EXPECT_EQ(mine.size(), 2u) << address;
    for (const auto& m : mine) ++per_message[m["message_id"]];
  }
  EXPECT_EQ(per_message.size(), 2u * kPeople);
  for (const auto& [id, n] : per_message) EXPECT_EQ(n, 1) << id << " sent " << n << " times";
  for (const auto& row : outbox(admin)) EXPECT_EQ(row["attempts"], 1) << row.dump();
  second->stop();  // the worker finishes what it runs and the instance ends cleanly
  EXPECT_EQ(second->exit_code(), 0);
}

// A citizen who gave an address hears the answer by mail, in the tenant's language, pointed
// to the private link of the receipt (only its hash is kept, so the mail cannot carry it).
TEST_F(MailTest, ACitizenHearsTheAnswerByMail) {
  auto t = server_->create_tenant("mailcit");
  auto admin = login(*server_, t.admin_email);
  const std::string boss = admin.get("/api/v1/me").json()["person_id"];
  auto unit =
      admin.send_json("POST", "/api/v1/units", {{"name", "Vejafdelingen"}, {"manager_id", boss}});
  ASSERT_EQ(unit.status, 201) << unit.body;
  const std::string address = "borger." + run_tag() + "@example.org";
  Client citizen(server_->port());
  auto filed = citizen.send_json(
      "POST", "/public/" + t.slug + "/signals",
      {{"what", "Hul i vejen ved skolen"}, {"unit_id", unit.json()["id"]}, {"email", address}});
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string id = filed.json()["id"];
  auto answered = admin.send_json("POST", "/api/v1/signals/" + id + "/actions",
                                  {{"kind", "answer"}, {"text", "Hullet lappes på torsdag."}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  auto got = first_mails_to(address);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["subject"], "Svar på dit signal: Hul i vejen ved skolen");
  auto text = got[0]["text"].get<std::string>();
  EXPECT_NE(text.find("Hullet lappes på torsdag."), std::string::npos) << text;
  EXPECT_NE(text.find("(linket på din kvittering)"), std::string::npos) << text;
  EXPECT_EQ(text.find("/public/signals/"), std::string::npos) << "no secret in a mail";
}

// An arena started from a citizen's signal: the citizen hears that it started and, when
// it ends, what it came to.
TEST_F(MailTest, ACitizenHearsWhatTheArenaCameTo) {
  auto t = server_->create_tenant("mailarena");
  auto admin = login(*server_, t.admin_email);
  const std::string boss = admin.get("/api/v1/me").json()["person_id"];
  auto unit = admin.send_json("POST", "/api/v1/units", {{"name", "Skolen"}, {"manager_id", boss}});
  ASSERT_EQ(unit.status, 201) << unit.body;
  const std::string address = "foraelder." + run_tag() + "@example.org";
  Client citizen(server_->port());
  auto filed = citizen.send_json("POST", "/public/" + t.slug + "/signals",
                                 {{"what", "Svar fra SFO tager for lang tid"},
                                  {"unit_id", unit.json()["id"]},
                                  {"email", address}});
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string id = filed.json()["id"];
  auto started =
      admin.send_json("POST", "/api/v1/signals/" + id + "/actions",
                      {{"kind", "start_arena"}, {"leader_id", boss}, {"ends_on", "2027-06-30"}});
  ASSERT_EQ(started.status, 200) << started.body;
  auto got = first_mails_to(address);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["subject"],
            "Der arbejdes med dit signal i en agil arena: Svar fra SFO tager for lang tid");
  const json history = admin.get("/api/v1/signals/" + id + "/history").json();
  const std::string arena = "/api/v1" + history["items"].back()["link"].get<std::string>();
  auto done = admin.send_json(
      "PATCH", arena,
      {{"status", "done"}, {"outcome", "Svar samme dag via én indbakke"}, {"version", 1}});
  ASSERT_EQ(done.status, 200) << done.body;
  for (int i = 0; i < 100 && got.size() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    got = mails_to(sink_->mails(), address);
  }
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1]["subject"], "Resultat af dit signal: Svar fra SFO tager for lang tid");
  const auto text = got[1]["text"].get<std::string>();
  EXPECT_NE(text.find("Svar samme dag via én indbakke"), std::string::npos) << text;
  EXPECT_EQ(text.find("/public/signals/"), std::string::npos) << "no secret in a mail";
  const std::string link = "/public/signals/" + filed.json()["token"].get<std::string>();
  EXPECT_EQ(citizen.request("GET", link, "", {{"Accept", "application/json"}}).json()["status"],
            "closed");
}

// The jobs run the signals' escalation: a signal nobody acted on goes one manager up once
// its deadline (ten working days) has passed on the instances' clock. Last in the suite: it
// moves the shared clock a month on.
TEST_F(MailTest, AnUnansweredSignalIsEscalatedByTheJobs) {
  auto t = server_->create_tenant("mailesc");
  auto admin = login(*server_, t.admin_email);
  auto member = login(*server_, t.member_email);
  const std::string boss = admin.get("/api/v1/me").json()["person_id"];
  const std::string lead = member.get("/api/v1/me").json()["person_id"];
  auto top =
      admin.send_json("POST", "/api/v1/units", {{"name", "Forvaltningen"}, {"manager_id", boss}});
  ASSERT_EQ(top.status, 201) << top.body;
  auto team = admin.send_json(
      "POST", "/api/v1/units",
      {{"name", "Hjemmeplejen"}, {"parent_id", top.json()["id"]}, {"manager_id", lead}});
  ASSERT_EQ(team.status, 201) << team.body;
  auto raised = admin.send_json(
      "POST", "/api/v1/signals",
      {{"what", "Nøglerne til bilerne forsvinder"}, {"unit_id", team.json()["id"]}});
  ASSERT_EQ(raised.status, 201) << raised.body;
  const std::string path = "/api/v1/signals/" + raised.json()["id"].get<std::string>();
  EXPECT_EQ(admin.get(path).json()["manager_id"], lead);
  clock_ahead(30 * 24 * 3600);
  json now;
  for (int i = 0; i < 100; ++i) {
    now = admin.get(path).json();
    if (now["manager_id"] == boss) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(now["manager_id"], boss) << now.dump();
  const auto history = admin.get(path + "/history").json();
  bool escalated = false;
  for (const auto& e : history["items"]) escalated = escalated || e["kind"] == "escalated";
  EXPECT_TRUE(escalated) << history.dump();
  // Each holder heard of it by mail, in the tenant's language: the team's leader when it was
  // raised, the head of the administration when it reached him.
  auto first = first_mails_to(t.member_email);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0]["subject"], "Nyt signal: Nøglerne til bilerne forsvinder");
  auto up = first_mails_to(t.admin_email);
  ASSERT_EQ(up.size(), 1u);
  EXPECT_EQ(up[0]["subject"], "Signal eskaleret til dig: Nøglerne til bilerne forsvinder");
  EXPECT_NE(up[0]["text"].get<std::string>().find(std::string(kPublicUrl) + path.substr(7)),
            std::string::npos)
      << up[0]["text"];
}

}  // namespace
}  // namespace testing_http
