#include "surveys/survey_store.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
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
// The link's round with what an answer needs: whether it is open and its questionnaire.
constexpr std::string_view kLinkRound =
    "SELECT i.tenant_id, i.round_id, i.unit_id, i.used, r.status, r.opens_on, r.closes_on, "
    "s.questionnaire, s.title, s.description, t.default_locale FROM survey_invitations i "
    "JOIN survey_rounds r ON r.tenant_id = i.tenant_id AND r.id = i.round_id "
    "JOIN surveys s ON s.tenant_id = r.tenant_id AND s.id = r.survey_id "
    "JOIN tenants t ON t.id = i.tenant_id WHERE i.link_hash = :hash";
// A public link (a citizens' round): answered any number of times, each answer in no unit.
constexpr std::string_view kPublicLinkRound =
    "SELECT r.tenant_id, r.id AS round_id, NULL AS unit_id, 0 AS used, r.status, r.opens_on, "
    "r.closes_on, s.questionnaire, s.title, s.description, t.default_locale FROM survey_rounds r "
    "JOIN surveys s ON s.tenant_id = r.tenant_id AND s.id = r.survey_id "
    "JOIN tenants t ON t.id = r.tenant_id WHERE r.public_link_hash = :hash";
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
// Used once: the row changes only while unused, so two answers racing on one link store one.
constexpr std::string_view kUseLink =
    "UPDATE survey_invitations SET used = 1, person_id = NULL "
    "WHERE link_hash = :hash AND used = 0";
constexpr std::string_view kInsertResponse =
    "INSERT INTO survey_responses (tenant_id, round_id, id, unit_id) "
    "VALUES (:tenant_id, :round_id, :id, :unit_id)";
// A response's answers, scale scores and additions to the round's totals, each in one
// statement (one round trip on PostgreSQL): the rows' values follow as (…), (…).
// A closed round's responses, a slice at a time in the order of their random ids, to be
// written again in that order (dissolve_order).
constexpr std::string_view kResponseSlice =
    "SELECT id, unit_id FROM survey_responses WHERE tenant_id = :tenant_id "
    "AND round_id = :round_id AND id > :after ORDER BY id LIMIT :lim";
constexpr std::string_view kAnswerSlice =
    "SELECT response_id, item_key, number, text FROM survey_answers WHERE tenant_id = :tenant_id "
    "AND round_id = :round_id AND response_id > :after AND response_id <= :last "
    "ORDER BY response_id, item_key";
constexpr std::string_view kScoreSlice =
    "SELECT response_id, unit_id, scale_key, score FROM survey_scale_scores "
    "WHERE tenant_id = :tenant_id AND round_id = :round_id AND response_id > :after "
    "AND response_id <= :last ORDER BY response_id, scale_key";
constexpr std::string_view kDeleteAnswerSlice =
    "DELETE FROM survey_answers WHERE tenant_id = :tenant_id AND round_id = :round_id "
    "AND response_id > :after AND response_id <= :last";
constexpr std::string_view kDeleteScoreSlice =
    "DELETE FROM survey_scale_scores WHERE tenant_id = :tenant_id AND round_id = :round_id "
    "AND response_id > :after AND response_id <= :last";
constexpr std::string_view kDeleteResponseSlice =
    "DELETE FROM survey_responses WHERE tenant_id = :tenant_id AND round_id = :round_id "
    "AND id > :after AND id <= :last";
constexpr std::string_view kInsertResponses =
    "INSERT INTO survey_responses (tenant_id, round_id, id, unit_id) VALUES ";
// Few enough rows that a slice's answers stay under SQLite's 32,766 parameters.
constexpr int kSliceResponses = 200;
constexpr std::string_view kInsertAnswers =
    "INSERT INTO survey_answers (tenant_id, round_id, response_id, item_key, number, text) "
    "VALUES ";
constexpr std::string_view kInsertScores =
    "INSERT INTO survey_scale_scores (tenant_id, round_id, response_id, unit_id, scale_key, "
    "score) VALUES ";
constexpr std::string_view kAddToTotals =
    "INSERT INTO survey_totals (tenant_id, round_id, unit_key, kind, n, subject_key, total, "
    "squares) VALUES ";
constexpr std::string_view kAddedToTotals =
    " ON CONFLICT (tenant_id, round_id, unit_key, kind, subject_key) DO UPDATE SET "
    "n = survey_totals.n + excluded.n, total = survey_totals.total + excluded.total, "
    "squares = survey_totals.squares + excluded.squares";

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

namespace {

// A questionnaire as an answer needs it: parsed, with its scales.
struct Parsed {
  json questionnaire;
  std::vector<Scale> scales;
  // Its items' and scales' keys, each once, in order: the rows of a unit's totals.
  std::set<std::string> item_keys;
  std::set<std::string> scale_keys;
};

// The questionnaire stored as `text`, parsed once per thread while it is among the last few
// this thread read: an answer reads its round's questionnaire twice (the answer route finds
// the link, then submit_answer), a survey's questionnaire cannot change once a round is sent,
// and parsing one (about 8 kB in three languages) was a sixth of an answer's CPU.
std::shared_ptr<const Parsed> parsed(std::string_view text) {
  constexpr std::size_t kKept = 8;
  thread_local std::vector<std::pair<std::string, std::shared_ptr<const Parsed>>> kept;
  thread_local std::size_t next = 0;
  for (const auto& entry : kept)
    if (entry.first == text) return entry.second;
  auto fresh = std::make_shared<Parsed>();
  fresh->questionnaire = json::parse(text);
  fresh->scales = scales_of(fresh->questionnaire);
  for (const auto& item : fresh->questionnaire.value("items", json::array()))
    fresh->item_keys.insert(item.value("key", ""));
  for (const auto& scale : fresh->scales) fresh->scale_keys.insert(scale.key);
  if (kept.size() < kKept) {
    kept.emplace_back(std::string(text), fresh);
  } else {
    kept[next] = {std::string(text), fresh};
    next = (next + 1) % kKept;
  }
  return fresh;
}

std::string_view text_view(const db::Row& row, std::string_view column) {
  return row.text_of(row.cell(column));
}

// A statement of many rows, "INSERT … VALUES (…), (…)", in one round trip on PostgreSQL:
// each row opens with SQL shared by all (":tenant_id, :round_id"), then its own values, bound
// as :p0, :p1… (their names kept here while the statement runs: an Arg only points at its
// name).
class ManyRows {
 public:
  ManyRows(std::string_view head, std::initializer_list<db::Arg> shared)
      : sql_(head), args_(shared) {}

  ManyRows& row(std::string_view shared) {
    sql_.append(rows_++ == 0 ? "(" : "), (").append(shared);
    return *this;
  }
  ManyRows& value(db::Arg::Value v) {
    names_.push_back("p" + std::to_string(names_.size()));
    sql_.append(", :").append(names_.back());
    args_.emplace_back(names_.back(), std::move(v));
    return *this;
  }
  // Runs the statement, `tail` after its rows; nothing without rows.
  void run(soci::session& sql, std::string_view tail = {}) {
    if (rows_ == 0) return;
    sql_.append(")").append(tail);
    db::execute(sql, sql_, args_);
  }

 private:
  std::string sql_;
  std::vector<db::Arg> args_;
  std::deque<std::string> names_;  // stable: the args point at them
  std::size_t rows_ = 0;
};

// The link's row: a personal link's invitation, or else a round's public link.
db::Rows link_rows(soci::session& sql, const std::string& hash, bool& is_public) {
  auto rows = db::query(sql, kLinkRound, {{"hash", hash}});
  is_public = rows.empty();
  if (is_public) rows = db::query(sql, kPublicLinkRound, {{"hash", hash}});
  return rows;
}

}  // namespace

std::optional<LinkedRound> find_link(soci::session& sql, const std::string& secret) {
  bool is_public = false;
  const auto rows = link_rows(sql, core::sha256_hex(secret), is_public);
  if (rows.empty()) return std::nullopt;
  const auto row = rows[0];
  LinkedRound out;
  out.tenant_id = db::text(row, "tenant_id");
  out.round_id = db::text(row, "round_id");
  out.used = db::integer(row, "used") != 0;
  out.is_public = is_public;
  out.status = db::text(row, "status");
  out.opens_on = db::text(row, "opens_on");
  out.closes_on = db::text(row, "closes_on");
  out.questionnaire = parsed(text_view(row, "questionnaire"))->questionnaire;
  out.title = db::text(row, "title");
  out.description = db::opt_text(row, "description");
  out.tenant_locale = db::text(row, "default_locale");
  return out;
}

bool LinkedRound::open_on(const std::string& today) const {
  return status == "open" && today >= opens_on && today <= closes_on;
}

void submit_answer(soci::session& sql, const std::string& secret, const Answers& answers,
                   const std::string& today) {
  const std::string hash = core::sha256_hex(secret);
  db::WriteTx tx(sql);
  bool is_public = false;
  const auto rows = link_rows(sql, hash, is_public);
  if (rows.empty()) throw core::NotFound(core::Message{"survey_err_link_unknown"});
  const auto link = rows[0];
  if (db::integer(link, "used") != 0)
    throw core::Conflict(core::Message{"survey_err_link_used"}, nullptr, "link_used");
  if (db::text(link, "status") != "open" || today < db::text(link, "opens_on") ||
      today > db::text(link, "closes_on"))
    throw core::ValidationError("round", core::Message{"survey_err_round_not_open"});
  const auto questionnaire = parsed(text_view(link, "questionnaire"));
  check_answers(questionnaire->questionnaire, answers);
  if (!is_public && db::execute(sql, kUseLink, {{"hash", hash}}) == 0)
    throw core::Conflict(core::Message{"survey_err_link_used"}, nullptr, "link_used");
  const std::string tenant_id = db::text(link, "tenant_id");
  const std::string round_id = db::text(link, "round_id");
  const auto unit_id = db::opt_text(link, "unit_id");
  const std::string unit_key = unit_id.value_or("");
  // Random, not time-ordered: the order of the rows says nothing of who answered when.
  const std::string response_id = core::random_token(16);
  db::execute(sql, kInsertResponse,
              {{"tenant_id", tenant_id},
               {"round_id", round_id},
               {"id", response_id},
               {"unit_id", unit_id}});
  const auto scores = scale_scores(questionnaire->scales, answers);
  ManyRows answer_rows(
      kInsertAnswers,
      {{"tenant_id", tenant_id}, {"round_id", round_id}, {"response_id", response_id}});
  ManyRows score_rows(kInsertScores, {{"tenant_id", tenant_id},
                                      {"round_id", round_id},
                                      {"response_id", response_id},
                                      {"unit_id", unit_id}});
  // The round's totals: a row for each of the questionnaire's items and scales, answered or
  // not (adding 0), so a unit's rows are made together at its first answer and lie together
  // (an answer changes a page or two, not one per row); in one order for every answer (item
  // before scale, then by key), so PostgreSQL writers adding to the same rows cannot deadlock.
  ManyRows totals(kAddToTotals,
                  {{"tenant_id", tenant_id}, {"round_id", round_id}, {"unit_key", unit_key}});
  for (const auto& [key, a] : answers)
    answer_rows.row(":tenant_id, :round_id, :response_id")
        .value(std::string_view(key))
        .value(a.number ? db::Arg::Value(*a.number) : db::Arg::Value())
        .value(a.text ? db::Arg::Value(std::string_view(*a.text)) : db::Arg::Value());
  for (const auto& key : questionnaire->item_keys) {
    const auto a = answers.find(key);
    const bool counted = a != answers.end() && a->second.number.has_value();
    const double v = counted ? *a->second.number : 0;
    totals.row(":tenant_id, :round_id, :unit_key, 'item'")
        .value(std::int64_t{counted ? 1 : 0})
        .value(std::string_view(key))
        .value(v)
        .value(v * v);
  }
  for (const auto& [scale, score] : scores)
    score_rows.row(":tenant_id, :round_id, :response_id, :unit_id")
        .value(std::string_view(scale))
        .value(score);
  for (const auto& key : questionnaire->scale_keys) {
    const auto score = scores.find(key);
    const bool counted = score != scores.end();
    const double v = counted ? score->second : 0;
    totals.row(":tenant_id, :round_id, :unit_key, 'scale'")
        .value(std::int64_t{counted ? 1 : 0})
        .value(std::string_view(key))
        .value(v)
        .value(v * v);
  }
  answer_rows.run(sql);
  score_rows.run(sql);
  totals.run(sql, kAddedToTotals);
  tx.commit();
}

void SurveyStore::dissolve_order(const std::string& round_id) {
  db::WriteTx tx(sql_);
  // SQLite zeroes what it deletes, so the old rows do not linger in free pages in the order
  // they came. (PostgreSQL keeps dead rows until VACUUM; see D38.)
  if (sql_.get_backend_name() == "sqlite3") db::execute(sql_, "PRAGMA secure_delete = ON");
  std::string after;
  for (;;) {
    const auto responses = db::query(sql_, kResponseSlice,
                                     {{"tenant_id", tenant_id_},
                                      {"round_id", round_id},
                                      {"after", after},
                                      {"lim", std::int64_t{kSliceResponses}}});
    if (responses.empty()) break;
    const std::string last = db::text(responses[responses.size() - 1], "id");
    const std::initializer_list<db::Arg> slice = {
        {"tenant_id", tenant_id_}, {"round_id", round_id}, {"after", after}, {"last", last}};
    const auto answers = db::query(sql_, kAnswerSlice, slice);
    const auto scores = db::query(sql_, kScoreSlice, slice);
    db::execute(sql_, kDeleteAnswerSlice, slice);
    db::execute(sql_, kDeleteScoreSlice, slice);
    db::execute(sql_, kDeleteResponseSlice, slice);
    ManyRows response_rows(kInsertResponses, {{"tenant_id", tenant_id_}, {"round_id", round_id}});
    for (const auto& r : responses)
      response_rows.row(":tenant_id, :round_id")
          .value(db::text(r, "id"))
          .value(r.is_null("unit_id") ? db::Arg::Value() : db::Arg::Value(db::text(r, "unit_id")));
    response_rows.run(sql_);
    ManyRows answer_rows(kInsertAnswers, {{"tenant_id", tenant_id_}, {"round_id", round_id}});
    for (const auto& a : answers)
      answer_rows.row(":tenant_id, :round_id")
          .value(db::text(a, "response_id"))
          .value(db::text(a, "item_key"))
          .value(a.is_null("number") ? db::Arg::Value() : db::Arg::Value(db::real(a, "number")))
          .value(a.is_null("text") ? db::Arg::Value() : db::Arg::Value(db::text(a, "text")));
    answer_rows.run(sql_);
    ManyRows score_rows(kInsertScores, {{"tenant_id", tenant_id_}, {"round_id", round_id}});
    for (const auto& sc : scores)
      score_rows.row(":tenant_id, :round_id")
          .value(db::text(sc, "response_id"))
          .value(sc.is_null("unit_id") ? db::Arg::Value() : db::Arg::Value(db::text(sc, "unit_id")))
          .value(db::text(sc, "scale_key"))
          .value(db::real(sc, "score"));
    score_rows.run(sql_);
    after = last;
  }
  tx.commit();
}

}  // namespace surveys
