#include "surveys/round_report.hpp"

#include <algorithm>
#include <map>

#include "surveys/results.hpp"
#include "web/i18n.hpp"

namespace surveys {
namespace {

using nlohmann::json;

// Every key of `keys` gets a result, answered or not: a zero sum in no unit adds nothing but
// makes round_results list the key (hidden, as nobody answered).
std::map<std::string, ScaleResult> results_by_key(const Round& round, std::vector<ScaleSums> sums,
                                                  const std::vector<std::string>& keys, int min_n) {
  for (const auto& k : keys) sums.push_back({k, std::nullopt, 0, 0, 0});
  std::map<std::string, ScaleResult> out;
  for (auto& r : round_results(round.grouping, sums, min_n)) out[r.scale_key] = std::move(r);
  return out;
}

UnitLine line_of(const UnitResult& now, const ScaleResult* baseline) {
  UnitLine line{now.unit_id, now.name, now.parent_id, now.hidden, now.index, std::nullopt};
  if (now.hidden || !baseline) return line;
  const UnitResult* then = nullptr;
  if (now.unit_id.empty()) {
    then = &baseline->total;
  } else {
    for (const auto& u : baseline->units)
      if (u.unit_id == now.unit_id) then = &u;
  }
  if (then && !then->hidden) line.change = change_since(then->index, now.index);
  return line;
}

// The whole round and each unit of `now`, each with its change since `baseline` (if any).
void fill_lines(const ScaleResult& now, const ScaleResult* baseline, UnitLine& total,
                std::vector<UnitLine>& units) {
  total = line_of(now.total, baseline);
  for (const auto& u : now.units) units.push_back(line_of(u, baseline));
}

const ScaleResult* result_of(const std::map<std::string, ScaleResult>& results,
                             const std::string& key) {
  auto found = results.find(key);
  return found == results.end() ? nullptr : &found->second;
}

std::vector<std::string> scale_keys(const json& questionnaire) {
  std::vector<std::string> out;
  for (const auto& s : questionnaire.value("scales", json::array()))
    out.push_back(s.value("key", ""));
  return out;
}

std::vector<json> likert_items(const json& questionnaire) {
  std::vector<json> out;
  for (const auto& item : questionnaire.value("items", json::array()))
    if (item.value("kind", "") == "likert") out.push_back(item);
  return out;
}

std::vector<std::string> item_keys(const json& questionnaire) {
  std::vector<std::string> out;
  for (const auto& item : likert_items(questionnaire)) out.push_back(item.value("key", ""));
  return out;
}

json change_json(const std::optional<Change>& c) {
  if (!c) return nullptr;
  return {{"difference", c->difference},
          {"t", c->t},
          {"df", c->df},
          {"beyond_chance", c->beyond_chance}};
}

json line_json(const UnitLine& u) {
  json out = {{"unit_id", u.unit_id.empty() ? json() : json(u.unit_id)}, {"hidden", u.hidden}};
  if (!u.unit_id.empty()) {
    out["name"] = u.name;
    out["parent_id"] = u.parent_id ? json(*u.parent_id) : json();
  }
  // A hidden result says nothing more, not even how many it would be over.
  if (!u.hidden) out.update({{"n", u.index.n}, {"mean", u.index.mean}, {"sd", u.index.sd}});
  out["change"] = change_json(u.change);
  return out;
}

json lines_json(const std::vector<UnitLine>& lines) {
  json out = json::array();
  for (const auto& u : lines) out.push_back(line_json(u));
  return out;
}

}  // namespace

std::vector<ScaleSums> item_score_sums(const json& questionnaire,
                                       const std::vector<ItemSums>& points) {
  std::map<std::string, bool> reverse;
  for (const auto& item : likert_items(questionnaire))
    reverse[item.value("key", "")] = item.value("reverse", false);
  // A score is a + b·point: 25·point, or 100 − 25·point reversed; the sums follow from the
  // points' sums without reading an answer again.
  const double step = 100.0 / (kLikertPoints - 1);
  std::vector<ScaleSums> out;
  for (const auto& p : points) {
    auto item = reverse.find(p.item_key);
    if (item == reverse.end()) continue;
    const double a = item->second ? 100.0 : 0.0;
    const double b = item->second ? -step : step;
    const auto n = static_cast<double>(p.n);
    out.push_back({p.item_key, p.unit_id, p.n, a * n + b * p.sum,
                   a * a * n + 2 * a * b * p.sum + b * b * p.sum_of_squares});
  }
  return out;
}

RoundReport build_report(const Survey& survey, const Round& round,
                         std::vector<Participation> participation,
                         const std::vector<RoundSums>& closed_rounds) {
  RoundReport report{round, survey, std::move(participation), round.status == "closed", {}, {}, {}};
  const RoundSums* now = nullptr;
  const RoundSums* baseline = nullptr;
  for (const auto& r : closed_rounds) {
    if (r.round.id == round.id) now = &r;
    if (r.round.number == 0 && r.round.id != round.id) baseline = &r;
  }
  if (baseline) report.baseline = baseline->round;
  if (!report.closed || !now) return report;

  const int min_n = static_cast<int>(survey.min_group);
  const json& q = survey.questionnaire;
  const auto scales = scale_keys(q);
  const auto items = item_keys(q);
  const auto scale_results = results_by_key(round, now->scales, scales, min_n);
  const auto item_results = results_by_key(round, item_score_sums(q, now->items), items, min_n);
  std::map<std::string, ScaleResult> baseline_scales;
  std::map<std::string, ScaleResult> baseline_items;
  if (baseline) {
    baseline_scales = results_by_key(baseline->round, baseline->scales, scales, min_n);
    baseline_items =
        results_by_key(baseline->round, item_score_sums(q, baseline->items), items, min_n);
  }

  // The trend: each closed round's whole-round index, by the same rules as its own report.
  std::vector<const RoundSums*> in_order;
  for (const auto& r : closed_rounds) in_order.push_back(&r);
  std::sort(in_order.begin(), in_order.end(), [](const RoundSums* a, const RoundSums* b) {
    return a->round.number < b->round.number;
  });
  std::vector<std::map<std::string, ScaleResult>> per_round;
  for (const auto* r : in_order)
    per_round.push_back(r == now ? scale_results
                                 : results_by_key(r->round, r->scales, scales, min_n));

  for (const auto& s : q.value("scales", json::array())) {
    const std::string key = s.value("key", "");
    ScaleLine line{key, s.value("name", json::object()), {}, {}, {}};
    fill_lines(*result_of(scale_results, key), result_of(baseline_scales, key), line.total,
               line.units);
    for (std::size_t i = 0; i < in_order.size(); ++i) {
      const auto& total = result_of(per_round[i], key)->total;
      TrendPoint p{in_order[i]->round.id,
                   in_order[i]->round.number,
                   in_order[i]->round.label,
                   total.hidden,
                   {}};
      if (!total.hidden) p.index = total.index;
      line.trend.push_back(std::move(p));
    }
    report.scales.push_back(std::move(line));
  }
  for (const auto& item : likert_items(q)) {
    const std::string key = item.value("key", "");
    ItemLine line{key,
                  item.value("text", json::object()),
                  item.value("scale", ""),
                  item.value("reverse", false),
                  {},
                  {}};
    fill_lines(*result_of(item_results, key), result_of(baseline_items, key), line.total,
               line.units);
    report.items.push_back(std::move(line));
  }
  return report;
}

RoundReport round_report(SurveyStore& store, const Round& round, const Survey& survey) {
  auto participation = store.participation(round.id);
  std::vector<RoundSums> closed;
  if (round.status == "closed") {
    for (auto& r : store.rounds(survey.id)) {
      if (r.status != "closed") continue;
      RoundSums sums{r, store.scale_sums(r.id), {}};
      // Item figures are shown for this round and compared with the baseline only.
      if (r.id == round.id || r.number == 0) sums.items = store.item_sums(r.id);
      closed.push_back(std::move(sums));
    }
  } else {
    // Not closed: no results, but the report still names its baseline.
    for (auto& r : store.rounds(survey.id))
      if (r.status == "closed" && r.number == 0) closed.push_back({r, {}, {}});
  }
  // The municipality's floor applies to every survey, the ones already running too.
  Survey shown = survey;
  shown.min_group = std::max(survey.min_group, store.tenant_min_group());
  return build_report(shown, round, std::move(participation), closed);
}

json participation_json(const std::vector<Participation>& all) {
  json out = json::array();
  for (const auto& p : all)
    out.push_back({{"unit_id", p.unit_id ? json(*p.unit_id) : json()},
                   {"invited", p.invited},
                   {"answered", p.answered}});
  return out;
}

json report_json(const RoundReport& report, json round) {
  json scales = json::array();
  for (const auto& s : report.scales) {
    json trend = json::array();
    for (const auto& p : s.trend) {
      json point = {
          {"round_id", p.round_id}, {"number", p.number}, {"label", p.label}, {"hidden", p.hidden}};
      if (!p.hidden) point.update({{"n", p.index.n}, {"mean", p.index.mean}, {"sd", p.index.sd}});
      trend.push_back(std::move(point));
    }
    scales.push_back({{"key", s.key},
                      {"name", s.name},
                      {"total", line_json(s.total)},
                      {"units", lines_json(s.units)},
                      {"trend", std::move(trend)}});
  }
  json items = json::array();
  for (const auto& i : report.items)
    items.push_back({{"key", i.key},
                     {"text", i.text},
                     {"scale", i.scale},
                     {"reverse", i.reverse},
                     {"total", line_json(i.total)},
                     {"units", lines_json(i.units)}});
  return {{"round", std::move(round)},
          {"min_group", report.survey.min_group},
          {"participation", participation_json(report.participation)},
          {"closed", report.closed},
          {"baseline_round_id", report.baseline ? json(report.baseline->id) : json()},
          {"test", kChangeTest},
          {"scales", std::move(scales)},
          {"items", std::move(items)}};
}

core::Table report_table(const RoundReport& report, const std::string& locale) {
  // Headings are the API's field names: the file is data for another tool, not a page.
  core::Table table{{"kind", "key", "name", "unit_id", "unit", "hidden", "n", "mean", "sd",
                     "change", "beyond_chance"}};
  auto number = [&](double v) { return web::format_number(locale, v, 2); };
  auto add = [&](const char* kind, const std::string& key, const std::string& name,
                 const UnitLine& u) {
    std::vector<std::string> row{kind, key, name, u.unit_id, u.name, u.hidden ? "true" : "false"};
    if (u.hidden) {
      row.resize(table[0].size());
    } else {
      row.insert(row.end(), {std::to_string(u.index.n), number(u.index.mean), number(u.index.sd),
                             u.change ? number(u.change->difference) : "",
                             u.change ? (u.change->beyond_chance ? "true" : "false") : ""});
    }
    table.push_back(std::move(row));
  };
  for (const auto& s : report.scales) {
    const auto name = text_in(s.name, locale);
    add("scale", s.key, name, s.total);
    for (const auto& u : s.units) add("scale", s.key, name, u);
  }
  for (const auto& i : report.items) {
    const auto text = text_in(i.text, locale);
    add("item", i.key, text, i.total);
    for (const auto& u : i.units) add("item", i.key, text, u);
  }
  return table;
}

}  // namespace surveys
