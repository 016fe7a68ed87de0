#include "kpis/kpi_import.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/errors.hpp"
#include "core/imports.hpp"
#include "core/xlsx_reader.hpp"

namespace kpis {
namespace {

constexpr double kValueLimit = 1e12;
constexpr std::size_t kCellMax = 100;

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

// ASCII and the Latin-1 capitals (Æ Ø Å Ä Ö: C3 80–9E in UTF-8) in lower case.
std::string lower(std::string s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      s[i] = static_cast<char>(std::tolower(c));
    } else if (c == 0xC3 && i + 1 < s.size()) {
      auto n = static_cast<unsigned char>(s[i + 1]);
      if (n >= 0x80 && n <= 0x9E && n != 0x97) s[i + 1] = static_cast<char>(n + 0x20);
      ++i;
    }
  }
  return s;
}

// Heading → column. English, Danish and Swedish, lower-cased.
const std::map<std::string, std::string>& headings() {
  static const std::map<std::string, std::string> kHeadings = {
      {"period", "period"},    {"periode", "period"}, {"week", "period"},  {"uge", "period"},
      {"vecka", "period"},     {"month", "period"},   {"måned", "period"}, {"månad", "period"},
      {"date", "period"},      {"dato", "period"},    {"datum", "period"}, {"value", "value"},
      {"værdi", "value"},      {"värde", "value"},    {"måling", "value"}, {"mätning", "value"},
      {"measurement", "value"}};
  return kHeadings;
}

bool blank(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(),
                     [](const std::string& c) { return trim(c).empty(); });
}

// 31-03-2026, 31.03.2026, 31/03/2026 → 2026-03-31; "2026-03-31 00:00:00" → the date.
std::string normalise_period_text(std::string text) {
  if (text.size() > 10 && text[4] == '-' && text[7] == '-' && (text[10] == ' ' || text[10] == 'T'))
    text = text.substr(0, 10);
  if (text.size() == 10 && (text[2] == '-' || text[2] == '.' || text[2] == '/') &&
      text[5] == text[2])
    return text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2);
  for (auto& c : text)
    if (c == 'w') c = 'W';
  return text;
}

}  // namespace

core::Table read_import_file(std::string_view bytes, const std::string& field) {
  if (bytes.empty()) throw core::ValidationError(field, "is empty");
  if (core::looks_like_zip(bytes)) return core::read_xlsx(bytes, field);
  try {
    return core::read_csv(bytes, core::kMaxImportRows + 1);
  } catch (const core::BadRequest& e) {
    throw core::ValidationError(field, e.what());
  } catch (const core::PayloadTooLarge& e) {
    throw core::ValidationError(field, e.what());
  }
}

namespace {

// The columns named by the header: period and value → their index. ValidationError
// naming a heading that is not a column, one twice, or a missing column.
std::map<std::string, std::size_t> columns_of(const std::vector<std::string>& header) {
  std::map<std::string, std::size_t> at;
  std::map<std::string, std::string> errors;
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string heading = trim(header[i]);
    if (heading.empty()) continue;
    auto it = headings().find(lower(heading));
    if (it == headings().end()) {
      errors[heading.substr(0, kCellMax)] = "is not a column; use period and value";
    } else if (at.count(it->second)) {
      errors[heading] = "appears twice";
    } else {
      at[it->second] = i;
    }
  }
  for (const char* c : {"period", "value"})
    if (!at.count(c)) errors[c] = "column is missing";
  if (!errors.empty()) throw core::ValidationError(errors);
  return at;
}

// What the rows planned so far share: the KPI's grid and the periods already taken.
struct Planning {
  Frequency freq;
  std::optional<long> start;
  std::map<long, int> seen;  // period → the row that has it
};

std::optional<long> planned_period(MeasurementImportRow& row, Planning& plan) {
  if (row.period.empty()) {
    row.errors["period"] = "is required";
    return std::nullopt;
  }
  auto period = parse_period(plan.freq, normalise_period_text(row.period));
  if (!period) {
    row.errors["period"] = plan.freq == Frequency::kMonthly
                               ? "is not a month like 2026-04 or a date"
                               : "is not a week like 2026-W14 or a date";
    return std::nullopt;
  }
  if (!on_grid(plan.freq, *period, plan.start)) {
    row.errors["period"] = "is not on the KPI's every-second-week grid";
    return std::nullopt;
  }
  row.period = format_period(plan.freq, *period);
  auto [it, fresh] = plan.seen.emplace(*period, row.row);
  if (!fresh) {
    row.errors["period"] = "row " + std::to_string(it->second) + " has the same period";
    return std::nullopt;
  }
  return period;
}

std::optional<double> planned_value(MeasurementImportRow& row) {
  std::optional<double> value;
  if (row.value.empty()) {
    row.errors["value"] = "is required";
  } else if (!(value = core::parse_decimal(row.value))) {
    row.errors["value"] = "must be a number";
  } else if (std::fabs(*value) > kValueLimit) {
    row.errors["value"] = "is out of range";
    value.reset();
  }
  return value;
}

}  // namespace

std::vector<MeasurementImportRow> plan_measurement_import(const Kpi& kpi, const core::Table& table,
                                                          const std::set<long>& stored) {
  std::size_t header_at = 0;
  while (header_at < table.size() && blank(table[header_at])) ++header_at;
  if (header_at == table.size())
    throw core::ValidationError("file", "is empty; the first line names the columns");
  auto at = columns_of(table[header_at]);
  Planning plan{frequency_of(kpi.frequency), std::nullopt, {}};
  if (kpi.start_period) plan.start = parse_period(plan.freq, *kpi.start_period);
  std::vector<MeasurementImportRow> out;
  for (std::size_t r = header_at + 1; r < table.size(); ++r) {
    const auto& cells = table[r];
    if (blank(cells)) continue;
    auto cell = [&](const char* c) {
      std::size_t i = at[c];
      return i < cells.size() ? trim(cells[i]).substr(0, kCellMax) : std::string();
    };
    MeasurementImportRow row{static_cast<int>(r) + 1, cell("period"), cell("value")};
    auto period = planned_period(row, plan);
    auto value = planned_value(row);
    if (period && value && row.errors.empty()) {
      row.measurement = Measurement{*period, *value};
      row.action = stored.count(*period) ? "update" : "create";
    } else {
      row.action = "error";
    }
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<Measurement> measurements_of(const std::vector<MeasurementImportRow>& rows) {
  std::vector<Measurement> out;
  for (const auto& r : rows)
    if (r.measurement) out.push_back(*r.measurement);
  std::sort(out.begin(), out.end(),
            [](const Measurement& a, const Measurement& b) { return a.period < b.period; });
  return out;
}

std::string plan_csv(const std::vector<MeasurementImportRow>& rows) {
  core::Table table = {{"period", "value"}};
  for (const auto& r : rows) table.push_back({r.period, r.value});
  return core::to_csv(table);
}

nlohmann::json to_json(const MeasurementImportRow& row) {
  nlohmann::json errors = nlohmann::json::object();
  for (const auto& [k, v] : row.errors) errors[k] = v;
  return {{"row", row.row},
          {"action", row.action},
          {"period", row.period},
          {"value",
           row.measurement ? nlohmann::json(row.measurement->value) : nlohmann::json(row.value)},
          {"errors", errors}};
}

}  // namespace kpis
