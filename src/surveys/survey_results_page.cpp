// A round's results page (issue 17): per scale and question and unit the index with a bar,
// the change since the baseline and the trend over the rounds, the units indented as the
// round's tree and only those it asked; free text for the survey's owner.
#include <algorithm>
#include <map>
#include <set>

#include "surveys/round_report.hpp"
#include "surveys/round_sending.hpp"
#include "surveys/survey_store.hpp"
#include "surveys/survey_views.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace surveys::pages {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

std::string one_decimal(const Request& req, double value) {
  return web::format_number(req.locale, value, 1);
}

// A unit's line as the results page shows it: the index with a bar, or why it is hidden.
json line_view(const Request& req, const UnitLine& line) {
  json out = {{"name", line.unit_id.empty() ? web::t(req.locale, "survey_everyone") : line.name},
              {"hidden", line.hidden}};
  if (line.hidden) return out;
  out["n"] = line.index.n;
  out["mean"] = one_decimal(req, line.index.mean);
  out["bar"] = static_cast<int>(line.index.mean + 0.5);
  if (line.change) {
    const double d = line.change->difference;
    out["change"] = (d > 0 ? "+" : "") + one_decimal(req, d);
    out["beyond_chance"] = line.change->beyond_chance;
  }
  return out;
}

// The units the round asked, with their depth in the round's tree: those with invitations
// and the units above them. The others of the tenant's tree would only fill the page with
// empty, hidden rows.
std::map<std::string, int> asked_units(const Round& round,
                                       const std::vector<Participation>& counts) {
  std::map<std::string, std::optional<std::string>> parent;
  for (const auto& u : round.grouping) parent[u.id] = u.parent_id;
  std::map<std::string, int> out;
  for (const auto& p : counts) {
    std::optional<std::string> at = p.invited > 0 ? p.unit_id : std::nullopt;
    while (at && parent.count(*at) && out.emplace(*at, 0).second) at = parent[*at];
  }
  for (auto& entry : out) {
    std::optional<std::string> up = parent[entry.first];
    for (std::size_t steps = 0; up && parent.count(*up) && steps < parent.size(); ++steps) {
      ++entry.second;
      up = parent[*up];
    }
  }
  return out;
}

json lines_view(const Request& req, const std::vector<UnitLine>& lines,
                const std::map<std::string, int>& asked) {
  json out = json::array();
  for (const auto& l : lines) {
    auto depth = asked.find(l.unit_id);
    if (depth == asked.end()) continue;
    out.push_back(line_view(req, l));
    out.back()["name"] = indent(depth->second) + out.back()["name"].get<std::string>();
  }
  return out;
}

json trend_view(const Request& req, const std::vector<TrendPoint>& trend) {
  json out = json::array();
  for (const auto& p : trend) {
    json point = {{"label", p.label}, {"hidden", p.hidden}};
    if (!p.hidden) {
      point["mean"] = one_decimal(req, p.index.mean);
      point["bar"] = static_cast<int>(p.index.mean + 0.5);
      point["n"] = p.index.n;
    }
    out.push_back(point);
  }
  return out;
}

// The free text, for the survey's owner only and only once at least the minimum group
// answered the round: a comment from a handful could be told by its words.
void add_free_texts(SurveyStore& store, const Request& req, const RoundReport& report, json& view) {
  if (!report.closed || !is_owner(report.survey, req.who())) return;
  if (store.responses(report.round.id) < report.survey.min_group) return;
  const auto texts = store.texts(report.round.id);
  json out = json::array();
  for (const auto& item : report.survey.questionnaire.value("items", json::array())) {
    auto found = texts.find(item.value("key", ""));
    if (item.value("kind", "") != "text" || found == texts.end()) continue;
    out.push_back({{"question", text_in(item.value("text", json()), req.locale)},
                   {"answers", found->second}});
  }
  view["free_texts"] = out;
  view["has_free_texts"] = !out.empty();
}

}  // namespace

http::Response results_page(db::Database& db, const http::Request& req) {
  auto sql = db.lease();
  SurveyStore store(*sql, req.who().tenant_id);
  auto round = store.get_round(req.param("id"));
  auto survey = store.get(round.survey_id);
  auto report = round_report(store, round, survey);
  auto view = web::base_view(req);
  view["survey"] = {{"id", survey.id}, {"title", survey.title}, {"min_group", survey.min_group}};
  view["round"] = {{"name", round_name(req, round)},
                   {"label", round.label},
                   {"status", web::t(req.locale, "survey_status_" + round.status)}};
  view["participation"] = participation_view(req, round, report.participation);
  view["closed"] = report.closed;
  if (report.baseline) view["baseline"] = round_name(req, *report.baseline);
  const auto asked = asked_units(round, report.participation);
  json scales = json::array();
  for (const auto& sc : report.scales)
    scales.push_back({{"key", sc.key},
                      {"name", text_in(sc.name, req.locale)},
                      {"total", line_view(req, sc.total)},
                      {"units", lines_view(req, sc.units, asked)},
                      {"trend", trend_view(req, sc.trend)},
                      {"has_trend", sc.trend.size() > 1}});
  view["scales"] = scales;
  json items = json::array();
  for (const auto& it : report.items) {
    json lines = json::array({line_view(req, it.total)});
    for (const auto& l : lines_view(req, it.units, asked)) lines.push_back(l);
    items.push_back({{"text", text_in(it.text, req.locale)}, {"lines", lines}});
  }
  view["items"] = items;
  view["has_items"] = !items.empty();
  add_free_texts(store, req, report, view);
  view["export_csv"] = "/api/v1/rounds/" + round.id + "/results.csv";
  view["export_xlsx"] = "/api/v1/rounds/" + round.id + "/results.xlsx";
  return web::page(req, "surveys/results", view, {"survey_results_title", "surveys", 200});
}

}  // namespace surveys::pages
