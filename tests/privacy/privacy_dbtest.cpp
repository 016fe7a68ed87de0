// Erasure and retention on both engines: the rows as stored afterwards.
#include <cctype>
#include <chrono>
#include <map>
#include <set>
#include <vector>

#include <gtest/gtest.h>

#include "accounts/account_store.hpp"
#include "accounts/session_store.hpp"
#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/test_databases.hpp"
#include "privacy/personal_data_store.hpp"
#include "privacy/retention.hpp"

namespace testing_db {
namespace {

using Clock = std::chrono::system_clock;

std::string days_ago(int days) {
  return core::to_iso(Clock::now() - std::chrono::hours(24 * days));
}

class PrivacyStoreTest : public TenantStorageTest {
 protected:
  core::AuthContext admin() const { return acting_as("admin", "Admin"); }
  std::int64_t count(std::string_view statement, std::initializer_list<db::Arg> args) {
    return db::scalar(sql(), statement, args);
  }
  std::string text(std::string_view statement, std::initializer_list<db::Arg> args) {
    auto rows = db::query(sql(), statement, args);
    return rows.empty() ? "<none>" : db::opt_text(rows[0], "v").value_or("<null>");
  }
};

TEST_P(PrivacyStoreTest, ErasureReplacesTheNameEverywhereAndKeepsTheRecords) {
  if (!lease_) return;
  std::string email = "lone-" + tenant_ + "@x.dk";
  auto account = new_member("Lone Hansen", email);
  const auto person = account.person_id;
  auto bent = new_person("Bent Berg");
  accounts::SessionStore sessions(sql());
  auto session = sessions.start(tenant_, account.id);
  auto who = accounts::AccountStore(sql()).by_account(tenant_, account.id);
  ASSERT_TRUE(who);
  sessions.create_api_token(*who, "script");
  // Her session came from single sign-on; so did another person's, which stays.
  auto bent_account = new_member("Bent Hald", "bent-" + tenant_ + "@x.dk");
  auto bent_session = sessions.start(tenant_, bent_account.id);
  for (const auto* token : {&session.token, &bent_session.token})
    db::execute(sql(),
                "INSERT INTO sso_sessions (session_hash, tenant_id, idp_id, id_token_hint, "
                "expires_at) VALUES (:h, :t, 'idp-1', 'hint', :until)",
                {{"h", core::sha256_hex(*token)}, {"t", tenant_}, {"until", days_ago(-1)}});
  // A SAML session of hers whose fremdrift session is gone already: found by her id.
  db::execute(sql(),
              "INSERT INTO sso_sessions (session_hash, tenant_id, idp_id, subject, person_id, "
              "expires_at) VALUES (:h, :t, 'idp-1', 'lone', :p, :until)",
              {{"h", "ended-" + tenant_}, {"t", tenant_}, {"p", person}, {"until", days_ago(-1)}});
  auto project = new_project("Hjemmepleje");
  db::execute(sql(),
              "INSERT INTO decisions (tenant_id, id, project_id, kind, decided_on, decided_by, "
              "text, links, created_by, created_at) VALUES (:t, :id, :p, 'decision', "
              "'2026-01-05', 'Lone Hansen', 'Vi starter', '[]', :person, :now)",
              {{"t", tenant_},
               {"id", core::new_id()},
               {"p", project},
               {"person", person},
               {"now", core::now_iso()}});
  db::execute(sql(),
              "INSERT INTO project_roles (tenant_id, id, project_id, person_id, role, created_at) "
              "VALUES (:t, :id, :p, :person, 'project_leader', :now)",
              {{"t", tenant_},
               {"id", core::new_id()},
               {"p", project},
               {"person", person},
               {"now", core::now_iso()}});
  // An old audit row naming her in a value, written by her.
  audit::record(sql(), tenant_, &*who, "project", project, "update", {{"note", "spurgt Bent Berg"}},
                {{"note", "spurgt Lone Hansen på " + email}});

  auto exported = privacy::PersonalDataStore(sql(), tenant_).export_person(person);
  std::set<std::string> tables;
  for (const auto& p : exported["places"]) tables.insert(p["table"].get<std::string>());
  for (const char* t :
       {"people", "accounts", "sessions", "api_tokens", "project_roles", "decisions", "audit_log"})
    EXPECT_TRUE(tables.count(t)) << t;
  EXPECT_EQ(exported.dump().find("password"), std::string::npos);
  EXPECT_EQ(exported.dump().find(session.token), std::string::npos);

  // Another tenant cannot see or erase her.
  auto other = new_tenant();
  EXPECT_THROW(privacy::PersonalDataStore(sql(), other).export_person(person), core::NotFound);
  EXPECT_THROW(privacy::PersonalDataStore(sql(), other).erase(admin(), person, "X"),
               core::NotFound);

  auto alias = privacy::PersonalDataStore(sql(), tenant_).erase(admin(), person, "Slettet person");
  EXPECT_EQ(alias.rfind("Slettet person ", 0), 0U);
  const std::initializer_list<db::Arg> mine = {{"t", tenant_}, {"p", person}};
  EXPECT_EQ(text("SELECT name AS v FROM people WHERE tenant_id = :t AND id = :p", mine), alias);
  EXPECT_EQ(text("SELECT email AS v FROM people WHERE tenant_id = :t AND id = :p", mine), "<null>");
  EXPECT_NE(text("SELECT erased_at AS v FROM people WHERE tenant_id = :t AND id = :p", mine),
            "<null>");
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts WHERE tenant_id = :t AND person_id = :p", mine),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE tenant_id = :t AND account_id = :a",
                  {{"t", tenant_}, {"a", account.id}}),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM api_tokens WHERE tenant_id = :t AND account_id = :a",
                  {{"t", tenant_}, {"a", account.id}}),
            0);
  EXPECT_FALSE(sessions.resolve(session.token));
  EXPECT_EQ(count("SELECT COUNT(*) FROM sso_sessions WHERE session_hash = :h",
                  {{"h", core::sha256_hex(session.token)}}),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sso_sessions WHERE tenant_id = :t AND person_id = :p",
                  {{"t", tenant_}, {"p", person}}),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sso_sessions WHERE session_hash = :h",
                  {{"h", core::sha256_hex(bent_session.token)}}),
            1);
  EXPECT_TRUE(sessions.resolve(bent_session.token));
  // The records stay whole; the name in them is the pseudonym.
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM project_roles WHERE tenant_id = :t AND person_id = :p", mine), 1);
  EXPECT_EQ(
      text("SELECT decided_by AS v FROM decisions WHERE tenant_id = :t AND created_by = :p", mine),
      alias);
  EXPECT_EQ(text("SELECT text AS v FROM decisions WHERE tenant_id = :t AND created_by = :p", mine),
            "Vi starter");
  // No audit row holds her name or address any more; Bent's is untouched.
  auto rows = db::query(sql(), "SELECT actor_name, changes FROM audit_log WHERE tenant_id = :t",
                        {{"t", tenant_}});
  ASSERT_GT(rows.size(), 2U);
  bool bent_kept = false;
  for (const auto& r : rows) {
    auto changes = db::text(r, "changes");
    EXPECT_EQ(changes.find("Lone"), std::string::npos) << changes;
    EXPECT_EQ(changes.find(email), std::string::npos) << changes;
    EXPECT_NE(db::opt_text(r, "actor_name").value_or(""), "Lone Hansen");
    if (changes.find("spurgt Bent Berg") != std::string::npos) bent_kept = true;
  }
  EXPECT_TRUE(bent_kept);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE tenant_id = :t AND entity = 'person' AND "
                  "entity_id = :p AND changes LIKE '%erased%'",
                  mine),
            1);
  EXPECT_EQ(text("SELECT name AS v FROM people WHERE tenant_id = :t AND id = :p",
                 {{"t", tenant_}, {"p", bent}}),
            "Bent Berg");
  // Once is enough.
  EXPECT_THROW(privacy::PersonalDataStore(sql(), tenant_).erase(admin(), person, "Slettet person"),
               core::Conflict);
  // The login's address is free again.
  EXPECT_FALSE(accounts::AccountStore(sql()).find_by_email(email));
}

TEST_P(PrivacyStoreTest, FreeTextNamingThePersonIsListedForReviewAndNeverRewritten) {
  if (!lease_) return;
  std::string email = "Lone.Holm-" + tenant_ + "@x.dk";
  auto account = new_member("Lone Holm", email);
  const auto person = account.person_id;
  auto project = new_project("Hjemmepleje");
  auto lesson = [&](const std::string& tenant, const std::string& project_id,
                    const std::string& text) {
    auto id = core::new_id();
    db::execute(
        sql(),
        "INSERT INTO lessons (tenant_id, id, project_id, text, created_by, created_at) "
        "VALUES (:t, :id, :p, :text, NULL, :now)",
        {{"t", tenant}, {"id", id}, {"p", project_id}, {"text", text}, {"now", core::now_iso()}});
    return id;
  };
  // Her name in another case, her address in another case, and a text about someone else.
  auto named = lesson(tenant_, project, "Aftalt med LONE HOLM at hun tager kontakt til borgeren");
  std::string upper_email = email;
  for (auto& c : upper_email) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto mailed = lesson(tenant_, project, "Svar sendes til " + upper_email);
  lesson(tenant_, project, "Bent Berg overtager; Lone er på ferie");
  db::execute(sql(),
              "INSERT INTO meetings (tenant_id, id, project_id, kind, title, starts_at, "
              "duration_minutes, agenda, minutes, created_at, updated_at) VALUES (:t, :id, :p, "
              "'project_group', 'Opstart', '2026-03-02T09:00', 60, 'Velkomst', :minutes, :now, "
              ":now)",
              {{"t", tenant_},
               {"id", core::new_id()},
               {"p", project},
               {"minutes", "Referent: Lone Holm. Næste møde aftales."},
               {"now", core::now_iso()}});
  // Another municipality's text with the same name is none of this tenant's business.
  auto other = new_tenant();
  lesson(other, testing_db::new_project(sql(), other, "Andet"), "Lone Holm fra nabokommunen");

  auto exported = privacy::PersonalDataStore(sql(), tenant_).export_person(person);
  ASSERT_TRUE(exported["mentions"].is_array());
  std::map<std::string, std::vector<nlohmann::json>> found;
  for (const auto& m : exported["mentions"])
    for (const auto& row : m["rows"])
      found[m["table"].get<std::string>() + "." + m["column"].get<std::string>()].push_back(row);
  ASSERT_EQ(found["lessons.text"].size(), 2U) << exported["mentions"].dump();
  std::set<std::string> ids;
  for (const auto& row : found["lessons.text"]) ids.insert(row["id"].get<std::string>());
  EXPECT_EQ(ids, (std::set<std::string>{named, mailed}));
  for (const auto& row : found["lessons.text"]) {
    EXPECT_EQ(row["project_id"], project);
    auto excerpt = row["excerpt"].get<std::string>();
    EXPECT_TRUE(excerpt.find("LONE HOLM") != std::string::npos ||
                excerpt.find(upper_email) != std::string::npos)
        << excerpt;
  }
  ASSERT_EQ(found["meetings.minutes"].size(), 1U);
  EXPECT_EQ(found["meetings.minutes"][0]["title"], "Opstart");
  EXPECT_EQ(found["meetings.minutes"][0]["excerpt"], "Referent: Lone Holm. Næste møde aftales.");
  EXPECT_EQ(found.count("meetings.agenda"), 0U);
  // The places keep their shape: the mentions are beside them, not among them.
  for (const auto& p : exported["places"]) EXPECT_NE(p["data"], "free_text");

  privacy::PersonalDataStore(sql(), tenant_).erase(admin(), person, "Slettet person");
  EXPECT_EQ(text("SELECT text AS v FROM lessons WHERE tenant_id = :t AND id = :id",
                 {{"t", tenant_}, {"id", named}}),
            "Aftalt med LONE HOLM at hun tager kontakt til borgeren");
  EXPECT_EQ(count("SELECT COUNT(*) FROM meetings WHERE tenant_id = :t AND minutes LIKE "
                  "'%Lone Holm%'",
                  {{"t", tenant_}}),
            1);
}

TEST_P(PrivacyStoreTest, RetentionClearsWhatHasExpiredAndKeepsTheRest) {
  if (!lease_) return;
  privacy::RetentionStore settings(sql(), tenant_);
  EXPECT_EQ(settings.get().signal_email_days, 90);
  privacy::Retention changed;
  changed.signal_email_days = 10;
  changed.survey_invitation_days = 5;
  EXPECT_EQ(settings.update(admin(), changed, 0).version, 1);
  EXPECT_THROW(settings.update(admin(), changed, 0), core::Conflict);

  auto unit = new_unit("Hjemmeplejen");
  auto signal = [&](const std::string& tenant, const std::string& unit_id,
                    const std::string& status, const std::optional<std::string>& closed_at) {
    auto id = core::new_id();
    db::execute(
        sql(),
        "INSERT INTO signals (tenant_id, id, what, links, source, submitter_email, unit_id, "
        "managers, status, deadline, escalations, closed_at, version, created_at, "
        "updated_at) VALUES (:t, :id, 'Hul i vejen', '[]', 'citizen', 'borger@x.dk', :u, "
        "'[]', :status, '2026-01-01', 0, :closed, 1, :now, :now)",
        {{"t", tenant},
         {"id", id},
         {"u", unit_id},
         {"status", status},
         {"closed", closed_at},
         {"now", core::now_iso()}});
    return id;
  };
  auto expired = signal(tenant_, unit, "closed", days_ago(20));
  auto recent = signal(tenant_, unit, "closed", days_ago(5));
  auto open = signal(tenant_, unit, "new", std::nullopt);
  auto other = new_tenant();  // the defaults: 90 days
  auto other_closed = signal(other, new_unit("Andet", other), "closed", days_ago(20));

  auto person = new_person("Pia");
  auto round = [&](const std::string& status, const std::string& updated_at) {
    auto survey = core::new_id();
    auto round_id = core::new_id();
    db::execute(sql(),
                "INSERT INTO surveys (tenant_id, id, title, audience, created_at, updated_at) "
                "VALUES (:t, :id, 'Trivsel', 'staff', :now, :now)",
                {{"t", tenant_}, {"id", survey}, {"now", core::now_iso()}});
    db::execute(
        sql(),
        "INSERT INTO survey_rounds (tenant_id, id, survey_id, number, label, opens_on, "
        "closes_on, status, created_at, updated_at) VALUES (:t, :id, :s, 1, 'R', "
        "'2026-01-01', '2026-01-10', :status, :at, :at)",
        {{"t", tenant_}, {"id", round_id}, {"s", survey}, {"status", status}, {"at", updated_at}});
    db::execute(sql(),
                "INSERT INTO survey_invitations (link_hash, tenant_id, round_id, person_id, used) "
                "VALUES (:h, :t, :r, :p, 0)",
                {{"h", core::new_id()}, {"t", tenant_}, {"r", round_id}, {"p", person}});
    return round_id;
  };
  auto closed_round = round("closed", days_ago(6));
  auto open_round = round("open", days_ago(6));

  std::string email = "ret-" + tenant_ + "@x.dk";
  auto account = new_member("Rita", email);
  accounts::SessionStore sessions(sql());
  auto live = sessions.start(tenant_, account.id);
  db::execute(
      sql(),
      "INSERT INTO sessions (token_hash, tenant_id, account_id, csrf_token, created_at, "
      "expires_at) VALUES (:h, :t, :a, 'c', :old, :old)",
      {{"h", "expired-" + tenant_}, {"t", tenant_}, {"a", account.id}, {"old", days_ago(2)}});
  auto token = [&](const std::optional<std::string>& revoked_at) {
    auto id = core::new_id();
    db::execute(sql(),
                "INSERT INTO api_tokens (tenant_id, id, account_id, name, token_hash, created_at, "
                "revoked_at) VALUES (:t, :id, :a, 'k', :h, :now, :revoked)",
                {{"t", tenant_},
                 {"id", id},
                 {"a", account.id},
                 {"h", "hash-" + id},
                 {"now", days_ago(60)},
                 {"revoked", revoked_at}});
    return id;
  };
  auto long_revoked = token(days_ago(40));
  auto just_revoked = token(days_ago(5));
  auto active = token(std::nullopt);
  db::execute(
      sql(), "INSERT INTO login_attempts (limit_key, window_start, attempts) VALUES (:old, :at, 1)",
      {{"old", "email:old-" + tenant_}, {"at", days_ago(3)}});
  db::execute(sql(),
              "INSERT INTO login_attempts (limit_key, window_start, attempts) VALUES (:k, :at, 1)",
              {{"k", "email:new-" + tenant_}, {"at", core::now_iso()}});

  auto purged = privacy::purge_expired(sql(), Clock::now());
  EXPECT_GE(purged.signal_emails, 1);
  EXPECT_GE(purged.survey_invitations, 1);

  auto email_of = [&](const std::string& tenant, const std::string& id) {
    return text("SELECT submitter_email AS v FROM signals WHERE tenant_id = :t AND id = :id",
                {{"t", tenant}, {"id", id}});
  };
  EXPECT_EQ(email_of(tenant_, expired), "<null>");
  EXPECT_EQ(email_of(tenant_, recent), "borger@x.dk");
  EXPECT_EQ(email_of(tenant_, open), "borger@x.dk");
  EXPECT_EQ(email_of(other, other_closed), "borger@x.dk");
  EXPECT_EQ(text("SELECT what AS v FROM signals WHERE tenant_id = :t AND id = :id",
                 {{"t", tenant_}, {"id", expired}}),
            "Hul i vejen");
  auto invited = [&](const std::string& round_id) {
    return count(
        "SELECT COUNT(*) FROM survey_invitations WHERE tenant_id = :t AND round_id = :r "
        "AND person_id IS NOT NULL",
        {{"t", tenant_}, {"r", round_id}});
  };
  EXPECT_EQ(invited(closed_round), 0);
  EXPECT_EQ(invited(open_round), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_invitations WHERE tenant_id = :t AND round_id = :r",
                  {{"t", tenant_}, {"r", closed_round}}),
            1);  // the invitation itself stays: the round's response rate is counted from it

  EXPECT_EQ(
      count("SELECT COUNT(*) FROM sessions WHERE token_hash = :h", {{"h", "expired-" + tenant_}}),
      0);
  EXPECT_TRUE(sessions.resolve(live.token));
  auto token_left = [&](const std::string& id) {
    return count("SELECT COUNT(*) FROM api_tokens WHERE tenant_id = :t AND id = :id",
                 {{"t", tenant_}, {"id", id}});
  };
  EXPECT_EQ(token_left(long_revoked), 0);
  EXPECT_EQ(token_left(just_revoked), 1);
  EXPECT_EQ(token_left(active), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_attempts WHERE limit_key = :k",
                  {{"k", "email:old-" + tenant_}}),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_attempts WHERE limit_key = :k",
                  {{"k", "email:new-" + tenant_}}),
            1);
}

STORAGE_TEST_ENGINES(PrivacyStoreTest);

}  // namespace
}  // namespace testing_db
