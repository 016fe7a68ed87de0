#include "stakeholders/stakeholder_view.hpp"

#include <map>
#include <utility>

#include "web/i18n.hpp"

namespace stakeholders {
namespace {

using nlohmann::json;

std::string page_url(const Stakeholder& s) {
  return "/projects/" + s.project_id + "/stakeholders/" + s.id;
}

// The quadrant each corner of the grid names, so the words sit where the colour is.
std::optional<std::string> corner(long long influence, long long interest) {
  const bool top = influence == kScaleMax;
  const bool bottom = influence == kScaleMin;
  if (top && interest == kScaleMin) return "keep_satisfied";
  if (top && interest == kScaleMax) return "manage_closely";
  if (bottom && interest == kScaleMin) return "monitor";
  if (bottom && interest == kScaleMax) return "keep_informed";
  return std::nullopt;
}

json chip(const Stakeholder& s) {
  return {{"id", s.id}, {"label", label(s)}, {"url", page_url(s)}, {"side", side(s)}};
}

}  // namespace

std::string group_label(const std::string& locale, const std::string& group) {
  return web::t(locale, "stakeholder_group_" + group);
}

std::string quadrant_label(const std::string& locale, const std::string& quadrant) {
  return web::t(locale, "stakeholder_quadrant_" + quadrant);
}

json suggestions_json(const std::vector<Stakeholder>& present, const std::string& locale) {
  json items = json::array();
  for (const auto& g : suggested_groups(present))
    items.push_back({{"group", g},
                     {"side", is_internal_group(g) ? "internal" : "external"},
                     {"name", group_label(locale, g)}});
  return items;
}

Stakeholder from_suggestion(const std::string& group, const std::string& locale) {
  Stakeholder s;
  s.group = group;
  s.name = group_label(locale, group);
  return s;
}

core::Table export_table(const std::vector<Stakeholder>& all, const std::string& locale) {
  core::Table table;
  std::vector<std::string> headings;
  for (const char* c : {"name", "side", "group", "influence", "interest", "quadrant", "involvement",
                        "involved_by", "next_contact", "notes"})
    headings.push_back(web::t(locale, std::string("stakeholder_col_") + c));
  table.push_back(std::move(headings));
  for (const auto& s : all) {
    table.push_back(
        {label(s), web::t(locale, "stakeholder_side_" + side(s)), group_label(locale, s.group),
         std::to_string(s.influence), std::to_string(s.interest),
         quadrant_label(locale, quadrant(s.influence, s.interest)), s.involvement.value_or(""),
         s.involved_by_name.value_or(""), s.next_contact.value_or(""), s.notes.value_or("")});
  }
  return table;
}

json row_view(const Stakeholder& s, const std::string& locale) {
  json row = to_json(s);
  row["url"] = page_url(s);
  row["group_label"] = group_label(locale, s.group);
  row["quadrant_label"] = quadrant_label(locale, row["quadrant"]);
  return row;
}

json grid_view(const std::vector<Stakeholder>& all, const std::string& locale) {
  std::map<std::pair<long long, long long>, json> placed;
  for (const auto& s : all) {
    auto& cell = placed[{s.influence, s.interest}];
    if (cell.is_null()) cell = json::array();
    cell.push_back(chip(s));
  }
  json rows = json::array();
  for (long long influence = kScaleMax; influence >= kScaleMin; --influence) {
    json cells = json::array();
    for (long long interest = kScaleMin; interest <= kScaleMax; ++interest) {
      auto here = placed.find({influence, interest});
      const bool taken = here != placed.end();
      json cell = {{"interest", interest},
                   {"quadrant", quadrant(influence, interest)},
                   {"placed", taken},
                   {"stakeholders", taken ? here->second : json::array()}};
      if (auto name = corner(influence, interest)) cell["corner"] = quadrant_label(locale, *name);
      cells.push_back(std::move(cell));
    }
    rows.push_back({{"influence", influence}, {"cells", std::move(cells)}});
  }
  return rows;
}

json quadrant_counts(const std::map<std::string, long long>& counts, const std::string& locale) {
  json out = json::array();
  for (const auto& q : kQuadrants) {
    auto n = counts.find(q);
    out.push_back({{"key", q},
                   {"label", quadrant_label(locale, q)},
                   {"count", n == counts.end() ? 0 : n->second}});
  }
  return out;
}

json quadrants_view(const std::vector<Stakeholder>& all, const std::string& locale) {
  json out = json::array();
  for (const auto& q : kQuadrants) {
    json members = json::array();
    for (const auto& s : all)
      if (quadrant(s.influence, s.interest) == q) members.push_back(chip(s));
    const auto count = members.size();
    out.push_back({{"key", q},
                   {"label", quadrant_label(locale, q)},
                   {"hint", web::t(locale, "stakeholder_quadrant_hint_" + q)},
                   {"count", count},
                   {"empty", count == 0},
                   {"stakeholders", std::move(members)}});
  }
  return out;
}

}  // namespace stakeholders
