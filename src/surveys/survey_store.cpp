#include "surveys/survey_store.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/found.hpp"
#include "core/ids.hpp"
#include "core/message.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "kit/store_rows.hpp"
#include "kit/versioned.hpp"
#include "org/unit_store.hpp"

namespace surveys {
namespace {

using nlohmann::json;

constexpr std::string_view kRoundCount =
    "SELECT COUNT(*) FROM survey_rounds WHERE tenant_id = :tenant_id AND survey_id = :id";
constexpr std::string_view kNextNumber =
    "SELECT COALESCE(MAX(number) + 1, 0) FROM survey_rounds "
    "WHERE tenant_id = :tenant_id AND survey_id = :survey_id";
constexpr std::string_view kInsertRound =
    "INSERT INTO survey_rounds (tenant_id, id, survey_id, number, label, opens_on, closes_on, "
    "status, grouping, version, created_at, updated_at) VALUES (:tenant_id, :id, :survey_id, "
    ":number, :label, :opens_on, :closes_on, 'planned', :grouping, 1, :now, :now)";
constexpr std::string_view kSelectRound =
    "SELECT id, survey_id, number, label, opens_on, closes_on, status, grouping, version, "
    "created_at, updated_at FROM survey_rounds WHERE tenant_id = :tenant_id AND id = :id";
constexpr std::string_view kSurveyRounds =
    "SELECT id, survey_id, number, label, opens_on, closes_on, status, grouping, version, "
    "created_at, updated_at FROM survey_rounds WHERE tenant_id = :tenant_id "
    "AND survey_id = :survey_id ORDER BY number";
constexpr std::string_view kSetStatus =
    "UPDATE survey_rounds SET status = :status, version = version + 1, updated_at = :now "
    "WHERE tenant_id = :tenant_id AND id = :id AND version = :version";
constexpr std::string_view kInsertInvitation =
    "INSERT INTO survey_invitations (link_hash, tenant_id, round_id, unit_id, person_id, used) "
    "VALUES (:hash, :tenant_id, :round_id, :unit_id, :person_id, 0)";
constexpr std::string_view kParticipation =
    "SELECT unit_id, COUNT(*) AS invited, SUM(used) AS answered FROM survey_invitations "
    "WHERE tenant_id = :tenant_id AND round_id = :round_id GROUP BY unit_id ORDER BY unit_id";
// A round's totals (migration 0037), kept as the answers come in: a few hundred rows however
// many answered. A unit_key '' is no unit (the public link's answers).
constexpr std::string_view kScaleSums =
    "SELECT subject_key, unit_key, n, total, squares FROM survey_totals "
    "WHERE tenant_id = :tenant_id AND round_id = :round_id AND kind = 'scale' AND n > 0 "
    "ORDER BY subject_key, unit_key";
constexpr std::string_view kItemSums =
    "SELECT subject_key, unit_key, n, total, squares FROM survey_totals "
    "WHERE tenant_id = :tenant_id AND round_id = :round_id AND kind = 'item' AND n > 0 "
    "ORDER BY subject_key, unit_key";
constexpr std::string_view kSetPublicLink =
    "UPDATE survey_rounds SET public_link_hash = :hash WHERE tenant_id = :tenant_id AND id = :id";
// The municipality's floor under every survey's minimum (migration 0038).
constexpr std::string_view kTenantMinGroup =
    "SELECT survey_min_group FROM tenants WHERE id = :tenant_id";
constexpr std::string_view kResponses =
    "SELECT COUNT(*) FROM survey_responses WHERE tenant_id = :tenant_id AND round_id = :round_id";
// Free text, in the responses' random order: nothing in it follows who answered when.
constexpr std::string_view kTexts =
    "SELECT item_key, text FROM survey_answers WHERE tenant_id = :tenant_id "
    "AND round_id = :round_id AND text IS NOT NULL ORDER BY response_id, item_key";
// The links still unused of people with a person: who a reminder may go to.
constexpr std::string_view kUnusedLinks =
    "SELECT link_hash, person_id, unit_id FROM survey_invitations WHERE tenant_id = :tenant_id "
    "AND round_id = :round_id AND used = 0 AND person_id IS NOT NULL ORDER BY link_hash";
constexpr std::string_view kReplaceLink =
    "UPDATE survey_invitations SET link_hash = :new_hash "
    "WHERE tenant_id = :tenant_id AND link_hash = :old_hash AND used = 0";
// The surveys table, named once: its reads, insert, versioned update and delete.
const db::Columns<Survey>& columns() {
  static const auto c = db::Columns<Survey>("surveys", {"tenant_id"})
                            .id(&Survey::id)
                            .text("title", &Survey::title)
                            .text("description", &Survey::description)
                            .text("audience", &Survey::audience)
                            .text("template_key", &Survey::template_key, db::Write::kOnce)
                            .json("questionnaire", &Survey::questionnaire)
                            .integer("min_group", &Survey::min_group)
                            .text("project_id", &Survey::project_id)
                            .text("owner_id", &Survey::owner_id, db::Write::kOnce)
                            .stamps();
  return c;
}

Round round_from(const db::Row& r) {
  Round round;
  round.id = db::text(r, "id");
  round.survey_id = db::text(r, "survey_id");
  round.number = db::integer(r, "number");
  round.label = db::text(r, "label");
  round.opens_on = db::text(r, "opens_on");
  round.closes_on = db::text(r, "closes_on");
  round.status = db::text(r, "status");
  round.grouping = grouping_from(json::parse(db::text(r, "grouping")));
  round.version = db::integer(r, "version");
  round.created_at = db::text(r, "created_at");
  round.updated_at = db::text(r, "updated_at");
  return round;
}

json audited(const Survey& s) {
  return {{"title", s.title},
          {"audience", s.audience},
          {"min_group", s.min_group},
          {"questionnaire_items", s.questionnaire.value("items", json::array()).size()}};
}

json audited(const Round& r) {
  return {{"survey_id", r.survey_id}, {"number", r.number},       {"label", r.label},
          {"opens_on", r.opens_on},   {"closes_on", r.closes_on}, {"status", r.status}};
}

}  // namespace

Survey SurveyStore::create(const core::AuthContext* who, Survey s) {
  if (s.min_group < kMinGroupFloor)
    throw core::ValidationError("min_group", "must be at least " + std::to_string(kMinGroupFloor));
  if (s.template_key && s.template_key->empty()) s.template_key.reset();
  if (s.template_key && (!s.questionnaire.is_object() || s.questionnaire.empty())) {
    s.questionnaire = template_definition(*s.template_key);
    // A citizens' questionnaire is answered through a public link, whatever the default.
    if (s.questionnaire.value("audience", "") == "citizens") s.audience = "citizens";
  }
  if (!s.owner_id && who && !who->person_id.empty()) s.owner_id = who->person_id;
  kit::stamp_new(s);
  db::WriteTx tx(sql_);
  auto stored = kit::insert_row(
      sql_, columns(), tenant_id_, who, "survey", s, [&](const std::string& id) { return get(id); },
      [](const Survey& row) { return audited(row); });
  tx.commit();
  return stored;
}

Survey SurveyStore::get(const std::string& id) {
  return core::found(columns().find(sql_, {{"tenant_id", tenant_id_}, {"id", id}}), "survey", id);
}

std::vector<Survey> SurveyStore::list(const http::Page& page) {
  static const std::string kPage =
      columns().select_sql() + " AND id > :after ORDER BY id LIMIT :lim";
  return columns().read_all(db::query(
      sql_, kPage, {{"tenant_id", tenant_id_}, {"after", page.after}, {"lim", page.limit + 1}}));
}

Survey SurveyStore::update(const core::AuthContext* who, const Survey& changed,
                           long long expected_version) {
  const auto to_json = [](const Survey& s) { return survey_fields().to_json(s); };
  return kit::versioned_update<Survey>(
      sql_, tenant_id_, who, "survey", changed.id, expected_version,
      [&] { return get(changed.id); },
      [&](long long version) {
        if (changed.questionnaire != get(changed.id).questionnaire &&
            db::scalar(sql_, kRoundCount, {{"tenant_id", tenant_id_}, {"id", changed.id}}) > 0)
          throw core::Conflict("the questionnaire cannot change once a round was sent",
                               to_json(get(changed.id)));
        return kit::update_row(sql_, columns(), tenant_id_, changed, version);
      },
      to_json, [](const Survey& s) { return audited(s); }, "the survey was changed meanwhile");
}

void SurveyStore::remove(const core::AuthContext* who, const std::string& id) {
  db::WriteTx tx(sql_);
  get(id);
  if (db::scalar(sql_, kRoundCount, {{"tenant_id", tenant_id_}, {"id", id}}) > 0)
    throw core::Conflict("a survey that was sent is kept with its answers");
  kit::remove_row(
      sql_, tenant_id_, who, "survey", columns(), id, [&] { return get(id); },
      [](const Survey& s) { return audited(s); });
  tx.commit();
}

Round SurveyStore::add_round(const core::AuthContext* who, const std::string& survey_id, Round r) {
  if (r.closes_on < r.opens_on)
    throw core::ValidationError("closes_on", "must not be before opens_on");
  db::WriteTx tx(sql_);
  get(survey_id);
  r.id = core::new_id();
  r.survey_id = survey_id;
  r.number = db::scalar(sql_, kNextNumber, {{"tenant_id", tenant_id_}, {"survey_id", survey_id}});
  r.grouping.clear();
  for (const auto& u : org::UnitStore(sql_, tenant_id_).all())
    r.grouping.push_back({u.id, u.parent_id, u.name});
  const std::string now = core::now_iso();
  db::execute(sql_, kInsertRound,
              {{"tenant_id", tenant_id_},
               {"id", r.id},
               {"survey_id", survey_id},
               {"number", r.number},
               {"label", r.label},
               {"opens_on", r.opens_on},
               {"closes_on", r.closes_on},
               {"grouping", grouping_json(r.grouping).dump()},
               {"now", now}});
  auto stored = get_round(r.id);
  audit::record(sql_, tenant_id_, who, "survey_round", r.id, "create", nullptr, audited(stored));
  tx.commit();
  return stored;
}

Round SurveyStore::get_round(const std::string& id) {
  auto rows = db::query(sql_, kSelectRound, {{"tenant_id", tenant_id_}, {"id", id}});
  if (rows.empty()) throw core::NotFound("no survey round with id " + id);
  return round_from(rows[0]);
}

std::vector<Round> SurveyStore::rounds(const std::string& survey_id) {
  std::vector<Round> out;
  for (const auto& r :
       db::query(sql_, kSurveyRounds, {{"tenant_id", tenant_id_}, {"survey_id", survey_id}}))
    out.push_back(round_from(r));
  return out;
}

Round SurveyStore::set_status(const core::AuthContext* who, const std::string& round_id,
                              const std::string& status, long long expected_version) {
  if (std::find(kRoundStatuses.begin(), kRoundStatuses.end(), status) == kRoundStatuses.end())
    throw core::ValidationError("status", "must be one of planned, open, closed");
  db::WriteTx tx(sql_);
  auto before = get_round(round_id);
  if (db::execute(sql_, kSetStatus,
                  {{"tenant_id", tenant_id_},
                   {"id", round_id},
                   {"status", status},
                   {"version", expected_version},
                   {"now", core::now_iso()}}) == 0)
    throw core::Conflict("the round was changed meanwhile", json{{"version", before.version}});
  auto after = get_round(round_id);
  audit::record(sql_, tenant_id_, who, "survey_round", round_id, "update", audited(before),
                audited(after));
  tx.commit();
  return after;
}

std::vector<IssuedLink> SurveyStore::invite(const std::string& round_id,
                                            const std::vector<Invitee>& people) {
  db::WriteTx tx(sql_);
  get_round(round_id);
  std::vector<IssuedLink> out;
  for (const auto& p : people) {
    IssuedLink link{p.person_id, core::random_token()};
    db::execute(sql_, kInsertInvitation,
                {{"hash", core::sha256_hex(link.secret)},
                 {"tenant_id", tenant_id_},
                 {"round_id", round_id},
                 {"unit_id", p.unit_id},
                 {"person_id", p.person_id}});
    out.push_back(std::move(link));
  }
  tx.commit();
  return out;
}

std::vector<Participation> SurveyStore::participation(const std::string& round_id) {
  std::vector<Participation> out;
  for (const auto& r :
       db::query(sql_, kParticipation, {{"tenant_id", tenant_id_}, {"round_id", round_id}}))
    out.push_back({db::opt_text(r, "unit_id"), db::integer(r, "invited"),
                   db::opt_integer(r, "answered").value_or(0)});
  return out;
}

namespace {

// A total's unit: '' is none (an answer through the public link).
std::optional<std::string> unit_of_total(const db::Row& r) {
  auto unit = db::text(r, "unit_key");
  if (unit.empty()) return std::nullopt;
  return unit;
}

}  // namespace

std::vector<ScaleSums> SurveyStore::scale_sums(const std::string& round_id) {
  std::vector<ScaleSums> out;
  for (const auto& r :
       db::query(sql_, kScaleSums, {{"tenant_id", tenant_id_}, {"round_id", round_id}}))
    out.push_back({db::text(r, "subject_key"), unit_of_total(r), db::integer(r, "n"),
                   db::real(r, "total"), db::real(r, "squares")});
  return out;
}

std::vector<ItemSums> SurveyStore::item_sums(const std::string& round_id) {
  std::vector<ItemSums> out;
  for (const auto& r :
       db::query(sql_, kItemSums, {{"tenant_id", tenant_id_}, {"round_id", round_id}}))
    out.push_back({db::text(r, "subject_key"), unit_of_total(r), db::integer(r, "n"),
                   db::real(r, "total"), db::real(r, "squares")});
  return out;
}

long long SurveyStore::tenant_min_group() {
  auto rows = db::query(sql_, kTenantMinGroup, {{"tenant_id", tenant_id_}});
  return rows.empty() ? kDefaultMinGroup : db::integer(rows[0], "survey_min_group");
}

long long SurveyStore::responses(const std::string& round_id) {
  return db::scalar(sql_, kResponses, {{"tenant_id", tenant_id_}, {"round_id", round_id}});
}

std::map<std::string, std::vector<std::string>> SurveyStore::texts(const std::string& round_id) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& r : db::query(sql_, kTexts, {{"tenant_id", tenant_id_}, {"round_id", round_id}}))
    out[db::text(r, "item_key")].push_back(db::text(r, "text"));
  return out;
}

std::vector<IssuedLink> SurveyStore::reissue(const std::string& round_id,
                                             const std::set<std::string>& people) {
  db::WriteTx tx(sql_);
  std::vector<IssuedLink> out;
  for (const auto& r :
       db::query(sql_, kUnusedLinks, {{"tenant_id", tenant_id_}, {"round_id", round_id}})) {
    const std::string person = db::text(r, "person_id");
    if (!people.count(person)) continue;
    IssuedLink link{person, core::random_token()};
    if (db::execute(sql_, kReplaceLink,
                    {{"new_hash", core::sha256_hex(link.secret)},
                     {"tenant_id", tenant_id_},
                     {"old_hash", db::text(r, "link_hash")}}) == 1)
      out.push_back(std::move(link));
  }
  tx.commit();
  return out;
}

std::vector<std::string> SurveyStore::not_answered(const std::string& round_id) {
  std::vector<std::string> out;
  for (const auto& r :
       db::query(sql_, kUnusedLinks, {{"tenant_id", tenant_id_}, {"round_id", round_id}}))
    out.push_back(db::text(r, "person_id"));
  return out;
}

std::string SurveyStore::open_public_link(const std::string& round_id) {
  const std::string secret = core::random_token();
  db::execute(sql_, kSetPublicLink,
              {{"hash", core::sha256_hex(secret)}, {"tenant_id", tenant_id_}, {"id", round_id}});
  return secret;
}

}  // namespace surveys
