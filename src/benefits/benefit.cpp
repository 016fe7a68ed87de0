#include "benefits/benefit.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "core/input.hpp"

namespace benefits {
namespace {

constexpr std::size_t kIdMax = 64;

std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The node of `text` in `column`, added once.
std::size_t node_of(Diagram& d, std::map<std::pair<int, std::string>, std::size_t>& seen,
                    int column, const std::string& text) {
  auto key = std::make_pair(column, text);
  if (auto it = seen.find(key); it != seen.end()) return it->second;
  DiagramNode n;
  n.column = column;
  n.text = text;
  d.nodes.push_back(std::move(n));
  seen[key] = d.nodes.size() - 1;
  return d.nodes.size() - 1;
}

}  // namespace

const kit::Fields<Benefit>& benefit_fields() {
  static const kit::Fields<Benefit> fields =
      kit::Fields<Benefit>()
          .id(&Benefit::id)
          .parent(&Benefit::project_id)
          .text("title", &Benefit::title, {.required = true, .max = kTitleMax})
          .choice("category", &Benefit::category, kCategories,
                  {.describe = "the triple bottom line; default citizen_quality"})
          .optional_text("owner_id", &Benefit::owner_id,
                         {.max = kIdMax,
                          .describe = "benefit owner, a person of the tenant; default: the "
                                      "project's owner"})
          .optional_text("responsible_id", &Benefit::responsible_id,
                         {.max = kIdMax,
                          .describe = "benefit responsible; default: the project's "
                                      "benefit_responsible, else its head_of_service"})
          .optional_text("leader_id", &Benefit::leader_id,
                         {.max = kIdMax,
                          .describe = "benefit leader; default: the project's benefit_leader, "
                                      "else its team_leader"})
          .number("baseline", &Benefit::baseline)
          .number("target", &Benefit::target)
          .text("unit", &Benefit::unit, {.max = 40})
          .date("target_date", &Benefit::target_date, {.describe = "when the target is due"})
          .lines("deliverables", &Benefit::deliverables, kChainItemMax, kChainItemsMax,
                 {.describe = "the deliverables (ydelser) that lead to it"})
          .lines("changes", &Benefit::changes, kChainItemMax, kChainItemsMax,
                 {.describe = "the changes (forandringer) that lead to it"})
          .lines("kpi_ids", &Benefit::kpi_ids, kIdMax, kKpisMax,
                 {.describe = "ids of KPIs of the same project that measure it"})
          .choice(
              "realisation", &Benefit::realisation, kRealisations,
              {.describe = "judged in the Revisit phase through POST …/judge", .output_only = true})
          .optional_text("judgement_reason", &Benefit::judgement_reason,
                         {.max = core::kTextMax, .output_only = true})
          .optional_text("decision_id", &Benefit::decision_id,
                         {.max = kIdMax,
                          .describe = "the decision in the project's log that judged it",
                          .output_only = true})
          .optional_text("judged_on", &Benefit::judged_on, {.max = 10, .output_only = true})
          .computed("status",
                    {{"type", "string"},
                     {"enum",
                      {"realised", "partly_realised", "not_realised", "at_risk", "on_track",
                       "awaiting", "not_measured"}},
                     {"description",
                      "from the judgement, the linked KPIs' run charts and the target date"}},
                    [](const Benefit& b) { return b.status; })
          .computed("kpis",
                    {{"type", "array"},
                     {"description",
                      "the linked KPIs: id, name, unit, last value and period, and chart_status "
                      "(better, worse, neutral, no_signal, no_data)"},
                     {"items", {{"type", "object"}}}},
                    [](const Benefit& b) { return b.kpis; })
          .stamps();
  return fields;
}

std::string kpi_chart_status(bool has_points, const std::vector<std::string>& effects_by_end) {
  if (!has_points) return "no_data";
  if (effects_by_end.empty()) return "no_signal";
  // A signal without a side (too few crossings) says nothing about the benefit when one with
  // a side is there too.
  auto directed = std::find_if(effects_by_end.rbegin(), effects_by_end.rend(),
                               [](const std::string& e) { return e != "neutral"; });
  return directed == effects_by_end.rend() ? effects_by_end.back() : *directed;
}

std::string benefit_status(const Benefit& b, const std::vector<std::string>& kpi_statuses,
                           const std::string& today) {
  if (b.realisation == "realised") return "realised";
  if (b.realisation == "partly") return "partly_realised";
  if (b.realisation == "not_realised") return "not_realised";
  auto any = [&](const char* status) {
    return std::find(kpi_statuses.begin(), kpi_statuses.end(), status) != kpi_statuses.end();
  };
  if (any("worse")) return "at_risk";
  if (!b.target_date.empty() && b.target_date < today) return "at_risk";
  if (any("better")) return "on_track";
  if (kpi_statuses.empty()) return "not_measured";
  return "awaiting";
}

bool counts_as_on_track(const std::string& status) {
  return status == "on_track" || status == "realised";
}

Diagram layout_diagram(const std::vector<DiagramBenefit>& benefits, const std::string& purpose) {
  Diagram d;
  std::map<std::pair<int, std::string>, std::size_t> seen;
  std::set<std::pair<std::size_t, std::size_t>> edges;
  // Columns fill in the order their items first appear; benefits keep the plan's order.
  std::vector<std::size_t> benefit_nodes;
  for (const auto& b : benefits) {
    DiagramNode n{2, 0, b.title, b.id, b.status};
    d.nodes.push_back(n);
    benefit_nodes.push_back(d.nodes.size() - 1);
  }
  std::optional<std::size_t> goal;
  if (!benefits.empty()) {
    d.nodes.push_back({3, 0, purpose, "", ""});
    goal = d.nodes.size() - 1;
  }
  for (std::size_t i = 0; i < benefits.size(); ++i) {
    const auto& b = benefits[i];
    std::vector<std::size_t> changes;
    for (const auto& c : b.changes) changes.push_back(node_of(d, seen, 1, c));
    for (const auto& del : b.deliverables) {
      auto from = node_of(d, seen, 0, del);
      if (changes.empty()) edges.insert({from, benefit_nodes[i]});
      for (auto c : changes) edges.insert({from, c});
    }
    for (auto c : changes) edges.insert({c, benefit_nodes[i]});
    edges.insert({benefit_nodes[i], *goal});
  }
  std::vector<int> count(kDiagramColumns, 0);
  // Rows by column, in the order the nodes were made (deliverables and changes first seen).
  for (auto& n : d.nodes) n.row = count[n.column]++;
  d.rows = *std::max_element(count.begin(), count.end());
  for (const auto& [from, to] : edges) d.edges.push_back({from, to});
  return d;
}

std::vector<std::string> wrap_text(const std::string& text, std::size_t width,
                                   std::size_t max_lines) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text + " ") {
    if (c == ' ' || c == '\n' || c == '\t') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  std::vector<std::string> lines;
  std::string line;
  std::size_t used = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto& w = words[i];
    if (!line.empty() && code_points(line) + 1 + code_points(w) > width) {
      lines.push_back(line);
      line.clear();
      if (lines.size() == max_lines) break;
    }
    line += (line.empty() ? "" : " ") + w;
    used = i + 1;
  }
  if (!line.empty() && lines.size() < max_lines) lines.push_back(line);
  if (used < words.size() && !lines.empty()) lines.back() += "…";
  return lines;
}

}  // namespace benefits
