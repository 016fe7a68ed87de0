#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "actions/action.hpp"
#include "core/csv.hpp"

namespace actions {

// The columns of the export, in order; the import reads the same set back.
inline const std::vector<std::string> kColumns = {
    "id", "task", "responsible", "unit", "effect", "how", "deadline", "status", "kpi", "origin"};
// An import needs these; id (empty: a new row), unit, kpi and origin may be left out.
// unit and origin are only read by people: the unit follows the responsible person.
inline const std::vector<std::string> kRequiredColumns = {"task",        "effect",   "how",
                                                          "responsible", "deadline", "status"};

// What headings and status cells may say: the column keys and statuses themselves
// and their names in every catalogue, lower-cased.
struct ImportVocabulary {
  std::map<std::string, std::string> columns;   // heading → column key
  std::map<std::string, std::string> statuses;  // cell → status
};

// The tenant's people by lower-cased name and by id, to resolve the responsible column.
struct PeopleIndex {
  std::map<std::string, std::vector<std::string>> by_name;
  std::set<std::string> ids;
};

struct ImportRow {
  int row = 0;                    // the line in the file; the header is row 1
  std::string action;             // create | update | error
  std::optional<std::string> id;  // the row updated
  std::string task;
  ActionFields fields;
  std::map<std::string, std::string> errors;  // column → message
};

// Checks the header (ValidationError naming the column: unknown, twice or missing) and
// every row against the people and the project's existing action ids. Stores nothing.
// The kpi column may hold a KPI's id or its name (as the export writes it): names of
// the project's KPIs, lower-cased, map to their ids in `kpis_by_name`.
std::vector<ImportRow> plan_import(const core::Table& table, const ImportVocabulary& vocab,
                                   const PeopleIndex& people,
                                   const std::set<std::string>& project_action_ids,
                                   const std::map<std::string, std::string>& kpis_by_name = {});

// A date as spreadsheets in Danish and Swedish settings write it (31-03-2026,
// 31.03.2026, 31/03/2026) or ISO; nullopt when not a real day.
std::optional<std::string> import_date(const std::string& cell);

nlohmann::json to_json(const ImportRow& row);

}  // namespace actions
