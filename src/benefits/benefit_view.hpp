#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "benefits/benefit.hpp"
#include "core/csv.hpp"
#include "http/request.hpp"
#include "kit/scope.hpp"

namespace benefits {

using Names = std::map<std::string, std::string>;  // person id → name

// The tenant's people by id, for names and pickers.
Names person_names(const kit::ProjectScope& scope);
// The names of the people `plan` names (owner, responsible, leader): a few lookups by id.
Names names_in(const kit::ProjectScope& scope, const std::vector<Benefit>& plan);

// One benefit as the pages show it: labels in the reader's language, people by name, each
// linked KPI with its chart status and link.
nlohmann::json benefit_row(const http::Request& req, const Benefit& b, const Names& people);

// The gevinstdiagram as an inline SVG's geometry (nodes, wrapped lines, arrows) and its
// text alternative, for templates/benefits/plan.
nlohmann::json diagram_view(const http::Request& req, const std::vector<Benefit>& plan,
                            const std::string& purpose);

// The realisation plan as a spreadsheet, headings first, in the reader's language.
inline constexpr std::size_t kTargetDateColumn = 8;
core::Table export_table(const kit::ProjectScope& scope, const http::Request& req);

}  // namespace benefits
