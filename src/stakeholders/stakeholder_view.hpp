#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/csv.hpp"
#include "stakeholders/stakeholder.hpp"

namespace stakeholders {

// The catalogue's words for a group, a quadrant and a side, in `locale`.
std::string group_label(const std::string& locale, const std::string& group);
std::string quadrant_label(const std::string& locale, const std::string& quadrant);

// The seed's groups not yet among the project's stakeholders, as the API lists them:
// {group, side, name} with the name in `locale`.
nlohmann::json suggestions_json(const std::vector<Stakeholder>& present, const std::string& locale);
// A new stakeholder for a suggested group: named as the group in `locale`, in the middle of
// the grid until it is placed.
Stakeholder from_suggestion(const std::string& group, const std::string& locale);

// The analysis as a spreadsheet: headings in `locale`, one row per stakeholder.
inline constexpr std::size_t kNextContactColumn = 8;
core::Table export_table(const std::vector<Stakeholder>& all, const std::string& locale);

// One stakeholder as the page shows it: the JSON with its labels and its page's address.
nlohmann::json row_view(const Stakeholder& s, const std::string& locale);
// The influence × interest grid: five rows (influence 5 at the top) of five cells
// (interest 1 to 5), each with its quadrant and the stakeholders placed there; and the
// quadrants with their stakeholders as the grid's text alternative.
nlohmann::json grid_view(const std::vector<Stakeholder>& all, const std::string& locale);
nlohmann::json quadrants_view(const std::vector<Stakeholder>& all, const std::string& locale);
// The four quadrants in order with how many stand in each (`counts` by quadrant key).
nlohmann::json quadrant_counts(const std::map<std::string, long long>& counts,
                               const std::string& locale);

}  // namespace stakeholders
