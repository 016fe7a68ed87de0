// libFuzzer target for uploaded spreadsheets: the bytes of a .xlsx (or .csv) file as
// the measurement import reads them (src/core/xlsx_reader.cpp, then the import plan
// against a weekly KPI).
//
// Expected rejections are core::ValidationError on the field "file" (or a heading of
// the header row) whose messages serialise as strict JSON. Any other exception, a
// crash, undefined behaviour, a leak, a hang or a table beyond the reader's limits is
// a bug.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/xlsx_reader.hpp"
#include "kpis/kpi_import.hpp"

namespace {

void expect(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "xlsx_fuzz: invariant broken: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  kpis::Kpi kpi;
  kpi.id = "k";
  kpi.frequency = "weekly";
  try {
    auto table = kpis::read_import_file(bytes);
    core::XlsxLimits limits;
    expect(table.size() <= limits.max_rows || !core::looks_like_zip(bytes), "too many rows");
    for (const auto& row : table)
      expect(row.size() <= limits.max_columns || !core::looks_like_zip(bytes), "too many columns");
    auto rows = kpis::plan_measurement_import(kpi, table, {});
    for (const auto& r : rows) {
      expect(r.action == "create" || r.action == "update" || r.action == "error", "action");
      expect((r.action == "error") == !r.measurement.has_value(), "measurement without error");
      (void)kpis::to_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    (void)kpis::measurements_of(rows);
  } catch (const core::ValidationError& e) {
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& [k, v] : e.fields()) fields[k] = v;
    (void)fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return 0;
}
