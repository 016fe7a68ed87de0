#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/csv.hpp"
#include "kpis/kpi.hpp"

namespace kpis {

// Measurement import from CSV or XLSX: two columns, period and value, named in Danish,
// Swedish or English (any case). Planned first — every row checked, nothing stored —
// then stored through KpiStore::push, all or nothing.
inline constexpr const char* kImportType = "text/csv";
inline constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

struct MeasurementImportRow {
  int row = 0;         // the row in the file; the header is the first non-empty row
  std::string period;  // as normalised ("2026-W14", "2026-04"), or as written when bad
  std::string value;   // as written
  std::optional<Measurement> measurement;
  std::string action;                         // create | update | error
  std::map<std::string, std::string> errors;  // period | value | row → message
};

// The file's rows: an .xlsx workbook's first sheet when the bytes are a ZIP archive,
// otherwise CSV (";" or ",", with or without BOM). ValidationError naming `field`
// when the file cannot be read.
core::Table read_import_file(std::string_view bytes, const std::string& field = "file");

// Checks the header (ValidationError naming the heading that is not a column, a
// column twice, or the missing one) and every row against the KPI's frequency and
// grid and the periods already stored. A period twice in the file is an error on the
// later row naming the earlier one. Rows with only empty cells are skipped.
std::vector<MeasurementImportRow> plan_measurement_import(const Kpi& kpi, const core::Table& table,
                                                          const std::set<long>& stored);

// The measurements of a plan without errors, in period order.
std::vector<Measurement> measurements_of(const std::vector<MeasurementImportRow>& rows);

// A CSV of the planned rows (period;value, the periods normalised) to carry through
// a preview page to its confirmation.
std::string plan_csv(const std::vector<MeasurementImportRow>& rows);

nlohmann::json to_json(const MeasurementImportRow& row);

}  // namespace kpis
