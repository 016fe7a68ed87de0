#include "benefits/benefit_view.hpp"

#include <algorithm>
#include <set>

#include "benefits/benefit_reader.hpp"
#include "org/person_store.hpp"
#include "web/i18n.hpp"

namespace benefits {
namespace {

using nlohmann::json;

// The diagram's geometry, in SVG user units.
constexpr int kNodeWidth = 210;
constexpr int kNodeHeight = 68;
constexpr int kColumnGap = 56;
constexpr int kPitch = 84;
constexpr int kTop = 40;
constexpr int kPad = 8;
constexpr int kLineHeight = 16;
constexpr std::size_t kLineWidth = 28;
constexpr std::size_t kLines = 3;
constexpr int kPeopleMax = 500;

std::string name_of(const Names& people, const std::optional<std::string>& id) {
  if (!id) return "";
  auto it = people.find(*id);
  return it == people.end() ? "" : it->second;
}

std::string shown(const http::Request& req, const std::optional<double>& v) {
  return v ? web::format_number(req.locale, *v) : "";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "; ") + i;
  return out;
}

int column_x(int column) { return kPad + column * (kNodeWidth + kColumnGap); }

// The purpose, one box for all, has room for a longer text.
int height_of(int column) { return column == 3 ? kNodeHeight + 3 * kLineHeight : kNodeHeight; }

json node_view(const DiagramNode& n, int x, int y) {
  auto lines = wrap_text(n.text, kLineWidth, n.column == 3 ? 2 * kLines : kLines);
  json line_views = json::array();
  int height = height_of(n.column);
  int first = y + height / 2 - static_cast<int>(lines.size() - 1) * kLineHeight / 2 + 5;
  for (std::size_t i = 0; i < lines.size(); ++i)
    line_views.push_back({{"x", x + kNodeWidth / 2},
                          {"y", first + static_cast<int>(i) * kLineHeight},
                          {"text", lines[i]}});
  return {{"x", x},
          {"y", y},
          {"width", kNodeWidth},
          {"height", height},
          {"text", n.text},
          {"lines", line_views},
          {"column", n.column},
          {"status", n.status}};
}

}  // namespace

Names person_names(const kit::ProjectScope& scope) {
  Names out;
  for (const auto& p : org::PersonStore(scope.sql(), scope.tenant_id()).page("", kPeopleMax))
    out[p.id] = p.name;
  return out;
}

Names names_in(const kit::ProjectScope& scope, const std::vector<Benefit>& plan) {
  std::set<std::string> ids;
  for (const auto& b : plan)
    for (const auto* id : {&b.owner_id, &b.responsible_id, &b.leader_id})
      if (*id) ids.insert(**id);
  return org::PersonStore(scope.sql(), scope.tenant_id()).names(ids);
}

json benefit_row(const http::Request& req, const Benefit& b, const Names& people) {
  const auto& l = req.locale;
  json kpis = json::array();
  for (const auto& k : b.kpis) {
    std::string status = k["chart_status"];
    kpis.push_back({{"name", k["name"]},
                    {"url", "/projects/" + b.project_id + "/kpis/" + k["id"].get<std::string>()},
                    {"status", status},
                    {"status_label", web::t(l, "benefit_kpi_" + status)}});
  }
  return {{"id", b.id},
          {"url", "/projects/" + b.project_id + "/benefits/" + b.id},
          {"title", b.title},
          {"category_label", web::t(l, "benefit_category_" + b.category)},
          {"owner", name_of(people, b.owner_id)},
          {"responsible", name_of(people, b.responsible_id)},
          {"leader", name_of(people, b.leader_id)},
          {"baseline", b.baseline ? json(shown(req, b.baseline)) : json()},
          {"target", b.target ? json(shown(req, b.target)) : json()},
          {"unit", b.unit},
          {"target_date", b.target_date.empty() ? json() : json(b.target_date)},
          {"status", b.status},
          {"status_label", web::t(l, "benefit_status_" + b.status)},
          {"kpis", kpis},
          {"has_kpis", !kpis.empty()},
          {"realisation_label", web::t(l, "benefit_realisation_" + b.realisation)},
          {"judgement_reason", b.judgement_reason.value_or("")},
          {"judged_on", b.judged_on.value_or("")},
          {"judged", b.realisation != "not_judged"}};
}

json diagram_view(const http::Request& req, const std::vector<Benefit>& plan,
                  const std::string& purpose) {
  std::vector<DiagramBenefit> chain;
  for (const auto& b : plan) chain.push_back({b.id, b.title, b.status, b.deliverables, b.changes});
  auto d = layout_diagram(chain, purpose);
  std::vector<int> count(kDiagramColumns, 0);
  for (const auto& n : d.nodes) ++count[n.column];
  std::vector<std::pair<int, int>> at;  // each node's top left
  json nodes = json::array();
  for (const auto& n : d.nodes) {
    int x = column_x(n.column);
    int y = std::max(kTop, kTop + (d.rows - count[n.column]) * kPitch / 2 + n.row * kPitch -
                               (height_of(n.column) - kNodeHeight) / 2);
    at.emplace_back(x, y);
    json v = node_view(n, x, y);
    if (!n.benefit_id.empty()) {
      v["url"] = "/projects/" + plan.front().project_id + "/benefits/" + n.benefit_id;
      v["status_label"] = web::t(req.locale, "benefit_status_" + n.status);
    }
    nodes.push_back(v);
  }
  json edges = json::array();
  for (const auto& e : d.edges) {
    const auto& from = d.nodes[e.from];
    const auto& to = d.nodes[e.to];
    int x1 = at[e.from].first + kNodeWidth, y1 = at[e.from].second + height_of(from.column) / 2;
    int x2 = at[e.to].first - 2, y2 = at[e.to].second + height_of(to.column) / 2;
    int mid = (x1 + x2) / 2;
    edges.push_back(
        {{"d", "M" + std::to_string(x1) + " " + std::to_string(y1) + " C" + std::to_string(mid) +
                   " " + std::to_string(y1) + " " + std::to_string(mid) + " " + std::to_string(y2) +
                   " " + std::to_string(x2) + " " + std::to_string(y2)}});
  }
  json headings = json::array();
  const char* keys[] = {"benefit_deliverables", "benefit_changes", "benefit_heading",
                        "benefit_purpose"};
  for (int c = 0; c < kDiagramColumns; ++c)
    headings.push_back(
        {{"x", column_x(c) + kNodeWidth / 2}, {"text", web::t(req.locale, keys[c])}});
  json alt = json::array();
  for (const auto& b : plan)
    alt.push_back({{"title", b.title},
                   {"deliverables", joined(b.deliverables)},
                   {"changes", joined(b.changes)}});
  // A single row still has room for the purpose's taller box.
  int rows_height = std::max(d.rows * kPitch, height_of(3) + kPitch - kNodeHeight);
  return {{"width", 2 * kPad + kDiagramColumns * kNodeWidth + (kDiagramColumns - 1) * kColumnGap},
          {"height", kTop + rows_height + kPad},
          {"nodes", nodes},
          {"edges", edges},
          {"headings", headings},
          {"purpose", purpose},
          {"alt", alt},
          {"has_nodes", !plan.empty()}};
}

core::Table export_table(const kit::ProjectScope& scope, const http::Request& req) {
  const auto& l = req.locale;
  core::Table table;
  std::vector<std::string> headings;
  for (const char* k :
       {"benefit_title", "benefit_category", "benefit_owner", "benefit_responsible",
        "benefit_leader", "benefit_baseline", "benefit_target", "benefit_unit",
        "benefit_target_date", "benefit_status", "benefit_kpis", "benefit_deliverables",
        "benefit_changes", "benefit_realisation", "benefit_reason"})
    headings.push_back(web::t(l, k));
  table.push_back(headings);
  BenefitReader reader(scope.sql(), scope.tenant_id(), scope.project().id, req.who().today());
  const auto plan = reader.plan(scope.checked());
  const auto people = names_in(scope, plan);  // all of them, however many the tenant has
  for (const auto& b : plan) {
    std::vector<std::string> kpi_names;
    for (const auto& k : b.kpis)
      kpi_names.push_back(k["name"].get<std::string>() + " (" +
                          web::t(l, "benefit_kpi_" + k["chart_status"].get<std::string>()) + ")");
    table.push_back(
        {b.title, web::t(l, "benefit_category_" + b.category), name_of(people, b.owner_id),
         name_of(people, b.responsible_id), name_of(people, b.leader_id), shown(req, b.baseline),
         shown(req, b.target), b.unit, b.target_date, web::t(l, "benefit_status_" + b.status),
         joined(kpi_names), joined(b.deliverables), joined(b.changes),
         web::t(l, "benefit_realisation_" + b.realisation), b.judgement_reason.value_or("")});
  }
  return table;
}

}  // namespace benefits
