// The effect report's reads: every statement starts from programme_projects on the
// programme's owner and id, so only attached projects' rows come back, whichever tenant holds
// them.
#include "programmes/effect_store.hpp"

#include <algorithm>
#include <map>
#include <string_view>

#include "db/query.hpp"
#include "kpis/period_row.hpp"

namespace programmes::effects {
namespace {

using nlohmann::json;

// Every statement starts from the programme's attached projects and walks down by keys:
// programme_projects → the project's rows → their children. Written as CROSS JOIN with the
// conditions in WHERE because SQLite keeps that order as written (its documented way to fix a
// join order; without statistics it scanned a tenant's measurements once per project),
// while PostgreSQL plans it as the inner join it is.
constexpr std::string_view kAttached = "pp.tenant_id = :owner AND pp.programme_id = :programme_id ";
// `x` (with tenant_id and project_id) is a row of an attached project.
std::string of_attached(std::string_view x) {
  const std::string a(x);
  return "WHERE " + std::string(kAttached) + "AND " + a + ".tenant_id = pp.project_tenant_id AND " +
         a + ".project_id = pp.project_id ";
}

const std::string kKpis =
    "SELECT k.tenant_id, k.id, k.project_id, k.name, k.unit, k.direction, k.baseline, k.target, "
    "k.frequency, k.start_period, k.level, k.category, k.rule_set FROM programme_projects pp "
    "CROSS JOIN kpis k " +
    of_attached("k") + "ORDER BY k.tenant_id, k.project_id, k.name, k.id";
const std::string kPoints =
    "SELECT m.tenant_id, m.kpi_id, m.period_index, m.value FROM programme_projects pp CROSS JOIN "
    "kpis k CROSS JOIN kpi_measurements m " +
    of_attached("k") +
    "AND m.tenant_id = k.tenant_id AND m.kpi_id = k.id ORDER BY m.tenant_id, m.kpi_id, "
    "m.period_index";
const std::string kPeriods =
    "SELECT c.tenant_id, c.kpi_id, c.id, c.start_index, c.start_period, c.label, c.frozen, "
    "c.freeze_until, c.freeze_until_index FROM programme_projects pp CROSS JOIN kpis k CROSS "
    "JOIN kpi_periods c " +
    of_attached("k") +
    "AND c.tenant_id = k.tenant_id AND c.kpi_id = k.id ORDER BY c.tenant_id, c.kpi_id, "
    "c.start_index";
// Only what the report shows of a benefit: no people, no judgement's reason.
const std::string kBenefits =
    "SELECT b.tenant_id, b.id, b.project_id, b.title, b.category, b.target_date, b.kpi_ids, "
    "b.realisation, b.judged_on FROM programme_projects pp CROSS JOIN benefits b " +
    of_attached("b") + "ORDER BY b.tenant_id, b.project_id, b.target_date, b.id";
const std::string kSurveys =
    "SELECT s.tenant_id, s.id, s.project_id, s.title, s.questionnaire, s.min_group, "
    "t.survey_min_group FROM programme_projects pp CROSS JOIN surveys s CROSS JOIN tenants t " +
    of_attached("s") + "AND t.id = s.tenant_id ORDER BY s.tenant_id, s.id";
// A survey's closed baseline (round 0) and its latest closed round.
constexpr std::string_view kReportedRound =
    "AND r.tenant_id = s.tenant_id AND r.survey_id = s.id AND r.status = 'closed' AND (r.number "
    "= 0 OR r.number = (SELECT MAX(x.number) FROM survey_rounds x WHERE x.tenant_id = "
    "r.tenant_id AND x.survey_id = r.survey_id AND x.status = 'closed')) ";
const std::string kRounds =
    "SELECT r.tenant_id, r.id, r.survey_id, r.number, r.label, r.closes_on, r.grouping FROM "
    "programme_projects pp CROSS JOIN surveys s CROSS JOIN survey_rounds r " +
    of_attached("s") + std::string(kReportedRound) + "ORDER BY r.tenant_id, r.survey_id, r.number";
// The rounds' running totals per unit and scale (never an answer): the round's results are
// computed from them as the survey's own report does, with its suppression.
const std::string kTotals =
    "SELECT o.tenant_id, o.round_id, o.unit_key, o.subject_key, o.n, o.total, o.squares FROM "
    "programme_projects pp CROSS JOIN surveys s CROSS JOIN survey_rounds r CROSS JOIN "
    "survey_totals o " +
    of_attached("s") + std::string(kReportedRound) +
    "AND o.tenant_id = r.tenant_id AND o.round_id = r.id AND o.kind = 'scale' AND o.n > 0 "
    "ORDER BY o.tenant_id, o.round_id, o.subject_key, o.unit_key";

using Key = std::pair<std::string, std::string>;  // (tenant, id)

kpis::Kpi kpi_of(const db::Row& r) {
  kpis::Kpi k;
  k.id = db::text(r, "id");
  k.project_id = db::text(r, "project_id");
  k.name = db::text(r, "name");
  k.unit = db::text(r, "unit");
  k.direction = db::text(r, "direction");
  k.baseline = db::opt_real(r, "baseline");
  k.target = db::opt_real(r, "target");
  k.frequency = db::text(r, "frequency");
  k.start_period = db::opt_text(r, "start_period");
  k.level = db::text(r, "level");
  k.category = db::text(r, "category");
  k.rule_set = db::text(r, "rule_set");
  return k;
}

std::vector<std::string> texts_of(const std::string& stored) {
  std::vector<std::string> out;
  const auto list = json::parse(stored, nullptr, false);
  if (!list.is_array()) return out;
  for (const auto& v : list)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

void read_kpis(soci::session& sql, std::initializer_list<db::Arg> args, Rows& out) {
  std::map<Key, std::size_t> index;
  for (const auto& r : db::query(sql, kKpis, args)) {
    KpiRow row{db::text(r, "tenant_id"), kpi_of(r), {}, {}};
    index[{row.tenant_id, row.kpi.id}] = out.kpis.size();
    out.kpis.push_back(std::move(row));
  }
  for (const auto& r : db::query(sql, kPoints, args)) {
    auto it = index.find({db::text(r, "tenant_id"), db::text(r, "kpi_id")});
    if (it == index.end()) continue;
    out.kpis[it->second].points.push_back(
        {static_cast<long>(db::integer(r, "period_index")), db::real(r, "value")});
  }
  for (const auto& r : db::query(sql, kPeriods, args)) {
    auto it = index.find({db::text(r, "tenant_id"), db::text(r, "kpi_id")});
    if (it != index.end()) out.kpis[it->second].periods.push_back(kpis::read_period(r));
  }
}

void read_benefits(soci::session& sql, std::initializer_list<db::Arg> args, Rows& out) {
  for (const auto& r : db::query(sql, kBenefits, args)) {
    BenefitRow row{db::text(r, "tenant_id"), {}};
    auto& b = row.benefit;
    b.id = db::text(r, "id");
    b.project_id = db::text(r, "project_id");
    b.title = db::text(r, "title");
    b.category = db::text(r, "category");
    b.target_date = db::text(r, "target_date");
    b.kpi_ids = texts_of(db::text(r, "kpi_ids"));
    b.realisation = db::text(r, "realisation");
    b.judged_on = db::opt_text(r, "judged_on");
    out.benefits.push_back(std::move(row));
  }
}

// The questionnaire's scales, key and name only.
json scales_of(const std::string& questionnaire) {
  json out = json::array();
  const auto q = json::parse(questionnaire, nullptr, false);
  if (!q.is_object()) return out;
  for (const auto& s : q.value("scales", json::array()))
    if (s.is_object())
      out.push_back({{"key", s.value("key", "")}, {"name", s.value("name", json::object())}});
  return out;
}

void read_surveys(soci::session& sql, std::initializer_list<db::Arg> args, Rows& out) {
  std::map<Key, std::size_t> index;
  for (const auto& r : db::query(sql, kSurveys, args)) {
    SurveyRow row;
    row.tenant_id = db::text(r, "tenant_id");
    row.id = db::text(r, "id");
    row.project_id = db::text(r, "project_id");
    row.title = db::text(r, "title");
    row.scales = scales_of(db::text(r, "questionnaire"));
    row.min_n =
        static_cast<int>(std::max(db::integer(r, "min_group"), db::integer(r, "survey_min_group")));
    index[{row.tenant_id, row.id}] = out.surveys.size();
    out.surveys.push_back(std::move(row));
  }
  std::map<Key, std::pair<std::size_t, std::size_t>> rounds;  // round → (survey, round)
  for (const auto& r : db::query(sql, kRounds, args)) {
    const std::string tenant = db::text(r, "tenant_id");
    auto it = index.find({tenant, db::text(r, "survey_id")});
    if (it == index.end()) continue;
    auto& list = out.surveys[it->second].rounds;
    rounds[{tenant, db::text(r, "id")}] = {it->second, list.size()};
    list.push_back({db::text(r, "id"),
                    db::integer(r, "number"),
                    db::text(r, "label"),
                    db::text(r, "closes_on"),
                    surveys::grouping_from(json::parse(db::text(r, "grouping"), nullptr, false)),
                    {}});
  }
  for (const auto& r : db::query(sql, kTotals, args)) {
    auto it = rounds.find({db::text(r, "tenant_id"), db::text(r, "round_id")});
    if (it == rounds.end()) continue;
    auto unit = db::text(r, "unit_key");
    out.surveys[it->second.first].rounds[it->second.second].sums.push_back(
        {db::text(r, "subject_key"), unit.empty() ? std::nullopt : std::optional(unit),
         db::integer(r, "n"), db::real(r, "total"), db::real(r, "squares")});
  }
}

}  // namespace

Rows read_rows(soci::session& sql, const Programme& programme) {
  Rows out;
  const std::initializer_list<db::Arg> args = {{"owner", programme.tenant_id},
                                               {"programme_id", programme.id}};
  read_kpis(sql, args, out);
  read_benefits(sql, args, out);
  read_surveys(sql, args, out);
  return out;
}

}  // namespace programmes::effects
