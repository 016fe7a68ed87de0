// Measurements on the KPI page: the week grid (the last periods, saved all or none) and
// the import of a CSV or XLSX file, previewed first.
#include <algorithm>
#include <map>
#include <optional>

#include "core/errors.hpp"
#include "core/imports.hpp"
#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kpis/kpi_pages.hpp"
#include "kpis/kpi_store.hpp"
#include "web/i18n.hpp"

namespace kpis {
namespace {

constexpr int kGridPeriods = 8;

// The grid's filled cells as push rows (typed numbers read with either decimal mark); the
// typed text of every cell into `state`, and each row's period into `periods`.
json grid_rows(const std::map<std::string, std::string>& form, PageState& state,
               std::vector<std::string>& periods) {
  json rows = json::array();
  for (const auto& [key, value] : form) {
    if (key.rfind("v_", 0) != 0) continue;
    std::string period = key.substr(2);
    state.grid_typed[period] = value;
    if (value.find_first_not_of(" \t") == std::string::npos) continue;
    auto number = core::parse_decimal(value);
    rows.push_back({{"period", period}, {"value", number ? json(*number) : json(value)}});
    periods.push_back(period);
  }
  return rows;
}

// A refused grid: "3.value" names the fourth filled cell; the rest is about the form.
json grid_errors(const json& errors, const std::vector<std::string>& periods) {
  json out = json::object();
  for (const auto& [field, message] : errors.items()) {
    auto dot = field.find('.');
    if (dot == std::string::npos) {
      out["_form"] = message;
    } else if (auto index = std::stoul(field.substr(0, dot)); index < periods.size()) {
      out[periods[index]] = message;
    }
  }
  return out;
}

// Plans the posted file (or the confirmed preview's CSV) into `state`; imports it when
// the preview was confirmed and every row is good, answering the redirect.
std::optional<Response> plan_import(soci::session& sql, const Request& req, const Kpi& k,
                                    PageState& state) {
  core::ImportSlot slot;
  auto form = req.form();
  bool confirm = form.count("confirm") && form.at("confirm") == "1";
  auto table = confirm ? read_import_file(form.count("csv") ? form.at("csv") : "")
                       : read_import_file(import_upload(req));
  KpiStore store(sql, req.who().tenant_id);
  state.import_rows = plan_measurement_import(k, table, store.stored_periods(k.id));
  if (state.import_rows.empty())
    throw core::ValidationError("file", "has no rows below the header");
  state.import_previewed = true;
  bool ready = std::none_of(state.import_rows.begin(), state.import_rows.end(),
                            [](const auto& r) { return r.action == "error"; });
  if (!confirm || !ready) return std::nullopt;
  auto r = store.push(&req.who(), k, measurements_of(state.import_rows));
  return Response::redirect(kpi_url(k) + "?imported=1&created=" + std::to_string(r.created) +
                            "&updated=" + std::to_string(r.updated) + "#import");
}

json import_preview(const Request& req, const PageState& state) {
  json rows = json::array();
  int counts[3] = {0, 0, 0};
  core::ImportListing listing;
  for (const auto& r : state.import_rows) {
    counts[r.action == "create" ? 0 : r.action == "update" ? 1 : 2]++;
    if (!listing.take(r.action == "error")) continue;
    json errors = json::array();
    for (const auto& [column, message] : r.errors)
      errors.push_back({{"column", web::t(req.locale, "kpi_import_col_" + column)},
                        {"message", web::translate_message(req.locale, message)}});
    rows.push_back({{"row", r.row},
                    {"period", r.period},
                    {"value", r.measurement ? shown(req, r.measurement->value) : r.value},
                    {"action_label", web::t(req.locale, "kpi_import_" + r.action)},
                    {"error", r.action == "error"},
                    {"errors", errors}});
  }
  return {{"rows", rows},
          {"create", std::to_string(counts[0])},
          {"update", std::to_string(counts[1])},
          {"errors", std::to_string(counts[2])},
          {"ready", counts[2] == 0 && !rows.empty()},
          // Mustache shows a section for 0 too: only a count above zero is passed.
          {"not_listed", listing.omitted() > 0 ? json(listing.omitted()) : json(false)},
          {"csv", plan_csv(state.import_rows)}};
}

}  // namespace

Response save_grid(soci::session& sql, const KpiHooks& hooks, const Request& req) {
  auto loaded = kpi_in_project(sql, req);
  loaded.second.require(ProjectRight::kEdit);
  PageState state;
  std::vector<std::string> periods;
  auto form = req.form();
  json rows = grid_rows(form, state, periods);
  if (form.count("grid_end")) state.grid_end = form.at("grid_end");
  return kit::form_post(
      req,
      [&] {
        if (rows.empty()) throw core::ValidationError("measurements", "is empty");
        const Kpi& k = loaded.first;
        KpiStore(sql, loaded.second.tenant_id()).push(&req.who(), k, parse_measurements(k, rows));
        // Back to the weeks just saved: the paging link carries a checked period.
        std::string back = grid_paging(k, state, req.who().today())["end"];
        return Response::redirect(kpi_url(k) + "?saved=1" +
                                  (back.empty() ? "" : "&grid_end=" + back) + "#grid");
      },
      [&](const kit::FormRefusal& refused) {
        state.grid_errors = grid_errors(refused.errors, periods);
        return kpi_page(sql, hooks, req, state, refused.status);
      });
}

// The file input previews; the preview's confirmation carries the checked rows back
// as CSV text and imports them all or nothing (checked again against what is stored).
Response import_file(soci::session& sql, const KpiHooks& hooks, const Request& req) {
  auto loaded = kpi_in_project(sql, req);
  loaded.second.require(ProjectRight::kEdit);
  PageState state;
  return kit::form_post(
      req,
      [&] {
        if (auto imported = plan_import(sql, req, loaded.first, state)) return *imported;
        return kpi_page(sql, hooks, req, state, 200);
      },
      [&](const kit::FormRefusal& refused) {
        PageState failed;
        failed.import_errors = refused.errors;
        return kpi_page(sql, hooks, req, failed, refused.status);
      });
}

namespace {

// The grid's last period and the newest it may show: today's (on the grid), or an
// earlier one asked for; never a later one.
std::pair<long, long> grid_last(const Kpi& k, const PageState& state, const std::string& today) {
  auto freq = frequency_of(k.frequency);
  std::optional<long> start;
  if (k.start_period) start = parse_period(freq, *k.start_period);
  long newest = period_of_date(freq, today).value_or(0);
  while (!on_grid(freq, newest, start)) --newest;
  long p = newest;
  if (auto asked = parse_period(freq, state.grid_end); asked && *asked < newest) {
    p = *asked;
    while (!on_grid(freq, p, start)) --p;
  }
  return {p, newest};
}

}  // namespace

json grid_paging(const Kpi& k, const PageState& state, const std::string& today) {
  auto freq = frequency_of(k.frequency);
  const auto [p, last] = grid_last(k, state, today);
  const long newest = last;  // a lambda cannot capture a structured binding in clang 14
  long width = kGridPeriods * step(freq);
  auto url = [&](long end) {
    return kpi_url(k) + (end >= newest ? "" : "?grid_end=" + format_period(freq, end)) + "#grid";
  };
  json paging = {{"earlier", url(p - width)},
                 {"end", p < newest ? format_period(freq, p) : ""},
                 {"from", format_period(freq, p - width + step(freq))},
                 {"to", format_period(freq, p)}};
  if (p < newest) paging["later"] = url(std::min(p + width, newest));
  return paging;
}

json grid_cells(const Kpi& k, const std::vector<ChartPoint>& points, const PageState& state,
                const std::string& today, const std::string& locale) {
  auto freq = frequency_of(k.frequency);
  long p = grid_last(k, state, today).first;
  std::map<long, double> stored;
  for (const auto& pt : points) stored[pt.period] = pt.value;
  json cells = json::array();
  for (int i = kGridPeriods - 1; i >= 0; --i) {
    long period = p - i * step(freq);
    std::string text = format_period(freq, period);
    std::string value = stored.count(period) ? number_text(locale, stored[period]) : "";
    if (state.grid_typed.contains(text)) value = state.grid_typed[text];
    json cell = {{"period", text}, {"id", "g-" + text}, {"value", value}};
    if (state.grid_errors.contains(text)) cell["error"] = state.grid_errors[text];
    cells.push_back(cell);
  }
  return cells;
}

void add_import_view(json& view, const Request& req, const PageState& state) {
  if (state.import_previewed) view["preview"] = import_preview(req, state);
  json import_errors = json::array();
  for (const auto& [field, message] : state.import_errors.items())
    import_errors.push_back({{"field", field == "file" || field == "period" || field == "value"
                                           ? web::t(req.locale, "kpi_import_col_" + field)
                                           : field},
                             {"message", message}});
  view["import_errors"] = import_errors;
  view["has_import_errors"] = !import_errors.empty();
  if (req.query_param("imported")) {
    view["imported"] = {{"created", req.query_param("created").value_or("0")},
                        {"updated", req.query_param("updated").value_or("0")}};
  }
}

}  // namespace kpis
