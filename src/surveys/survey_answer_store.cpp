#include <deque>
#include <memory>
#include <set>
#include <string_view>
#include <utility>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/message.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "surveys/survey_store.hpp"

// The anonymous side of a survey: a link found, an answer stored without a trace of who
// gave it, and a closed round's rows written again in an order that says nothing (D38).
namespace surveys {
namespace {

using nlohmann::json;

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
// Used once: the row changes only while unused, so two answers racing on one link store one.
constexpr std::string_view kUseLink =
    "UPDATE survey_invitations SET used = 1, person_id = NULL "
    "WHERE link_hash = :hash AND used = 0";
constexpr std::string_view kInsertResponse =
    "INSERT INTO survey_responses (tenant_id, round_id, id, unit_id) "
    "VALUES (:tenant_id, :round_id, :id, :unit_id)";
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
// A response's answers, scale scores and additions to the round's totals, each in one
// statement (one round trip on PostgreSQL): the rows' values follow as (…), (…).
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
