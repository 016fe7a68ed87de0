// The business case page: the year table, the figures, the chart of cumulative net value,
// approval by a steering-group decision and the approved version compared; and the
// project page's section.
#include <algorithm>
#include <cmath>

#include "business_case/business_case_routes.hpp"
#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/scope.hpp"
#include "projects/project_input.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace business_case {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;

// Money as the reader writes it, whole units with thousands grouped: "1.234.500" (da),
// "1 234 500" (sv), "1,234,500" (en).
std::string money(const std::string& locale, double value) {
  std::string digits = std::to_string(std::llround(std::fabs(value)));
  const std::string group = locale == "en" ? "," : locale == "sv" ? "\u00a0" : ".";
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += group;
    out += digits[i];
  }
  return (value <= -0.5 ? "−" : "") + out;
}

std::string payback_text(const std::string& locale, const std::optional<long long>& year) {
  if (!year) return web::t(locale, "bcase_payback_never");
  return web::render_message(locale, core::Message{"bcase_payback_year", {{"year", *year}}});
}

// The figures' summary: NPV, payback (undiscounted and discounted), what they used.
json figures_view(const Request& req, const BusinessCase& bc, const Pricing& p, const Figures& f) {
  const auto& l = req.locale;
  return {{"npv", money(l, f.npv) + " " + bc.currency},
          {"npv_negative", f.npv < 0},
          {"payback", payback_text(l, f.payback_year)},
          {"discounted_payback", payback_text(l, f.discounted_payback_year)},
          {"pays_back", f.payback_year.has_value()},
          {"rate", web::format_number(l, p.rate)},
          {"hour_price", money(l, p.hour_price) + " " + bc.currency},
          {"total_costs", money(l, f.total_costs)},
          {"total_benefits", money(l, f.total_benefits)},
          {"currency", bc.currency}};
}

// A bar per year of the cumulative net value, drawn to scale around the zero line;
// the table beside it carries the same figures for those who do not see the chart.
json chart_view(const Request& req, const Figures& f) {
  constexpr double kTop = 16, kHeight = 180, kLeft = 90, kWidth = 600;
  double high = 0, low = 0;
  for (const auto& y : f.years) {
    high = std::max(high, y.cumulative_net);
    low = std::min(low, y.cumulative_net);
  }
  const double range = high - low > 0 ? high - low : 1;  // an all-zero case still draws
  auto at = [&](double v) { return kTop + (high - v) / range * kHeight; };
  const double slot = kWidth / static_cast<double>(std::max<std::size_t>(f.years.size(), 1));
  json bars = json::array();
  for (std::size_t i = 0; i < f.years.size(); ++i) {
    const auto& y = f.years[i];
    const double top = at(std::max(y.cumulative_net, 0.0));
    const double bottom = at(std::min(y.cumulative_net, 0.0));
    bars.push_back({{"x", std::lround(kLeft + i * slot + slot * 0.15)},
                    {"y", std::lround(top)},
                    {"width", std::lround(slot * 0.7)},
                    {"height", std::max(1L, std::lround(bottom - top))},
                    {"label_x", std::lround(kLeft + i * slot + slot / 2)},
                    {"negative", y.cumulative_net < 0},
                    {"year", y.year},
                    {"value", money(req.locale, y.cumulative_net)}});
  }
  return {{"bars", bars},
          {"zero_y", std::lround(at(0))},
          {"high_y", std::lround(kTop)},
          {"low_y", std::lround(kTop + kHeight)},
          {"high", money(req.locale, high)},
          {"low", money(req.locale, low)},
          {"axis_y", std::lround(kTop + kHeight + 18)},
          {"left", std::lround(kLeft)},
          {"label_x", std::lround(kLeft - 6)},
          {"right", std::lround(kLeft + kWidth)}};
}

// A cell's form field: "y2_running_costs". (Built by appending: GCC 12 warns falsely on
// a literal + std::to_string.)
std::string cell_key(long long year, const std::string& name) {
  std::string key = "y";
  key.append(std::to_string(year)).append("_").append(name);
  return key;
}

std::string amount_text(const std::string& locale, double v) {
  return web::format_number(locale, v, 2);
}

// The year table: per year its eight inputs (typed, or stored) and the computed figures.
json table_view(const Request& req, const BusinessCase& bc, const Figures& f, const json& typed,
                const json& errors) {
  json rows = json::array();
  for (const auto& y : f.years) {
    json cells = json::array();
    for (const auto& name : amount_names()) {
      const std::string key = cell_key(y.year, name);
      std::string value = "0";
      for (const auto& r : bc.rows)
        if (r.year == y.year)
          value = amount_text(req.locale, rows_to_json({r})[0][name].get<double>());
      if (typed.contains(key)) value = typed[key].get<std::string>();
      std::string error_key = "rows[";
      error_key.append(std::to_string(y.year)).append("].").append(name);
      cells.push_back({{"name", key},
                       {"value", value},
                       {"label", web::t(req.locale, "bcase_" + name)},
                       {"error", errors.contains(error_key) ? errors[error_key] : json(false)}});
    }
    rows.push_back({{"year", y.year},
                    {"cells", cells},
                    {"net", money(req.locale, y.net)},
                    {"cumulative", money(req.locale, y.cumulative_net)},
                    {"cumulative_discounted", money(req.locale, y.cumulative_discounted_net)},
                    {"negative", y.cumulative_net < 0}});
  }
  return rows;
}

json comparison_view(const Request& req, const json& approved) {
  json years = json::array();
  for (const auto& y : approved["comparison"]["years"])
    years.push_back({{"year", y["year"]},
                     {"approved", money(req.locale, y["approved_net"].get<double>())},
                     {"current", money(req.locale, y["current_net"].get<double>())},
                     {"difference", money(req.locale, y["difference"].get<double>())}});
  std::optional<long long> payback;
  if (!approved["payback_year"].is_null()) payback = approved["payback_year"].get<long long>();
  return {
      {"number", approved["number"]},
      {"decision", approved["decision"]},
      {"approved_on", approved["approved_on"]},
      {"npv", money(req.locale, approved["npv"].get<double>())},
      {"npv_difference", money(req.locale, approved["comparison"]["npv_difference"].get<double>())},
      {"payback", payback_text(req.locale, payback)},
      {"years", years}};
}

json currency_options(const std::string& selected) {
  json out = json::array();
  for (const auto& c : kCurrencies) out.push_back({{"value", c}, {"selected", c == selected}});
  return out;
}

struct Typed {
  json form = json::object();    // the case's fields and cells as typed
  json errors = json::object();  // field → message
  json approve = json::object();
  json approve_errors = json::object();
  int status = 200;
};

// The case's fields as stored, or as typed when the form came back; on 409 the stored
// version, to save over it.
json form_view(const Request& req, const BusinessCase& bc, const Typed& typed) {
  json form = {
      {"horizon", std::to_string(bc.horizon)},
      {"discount_rate", bc.discount_rate ? amount_text(req.locale, *bc.discount_rate) : ""},
      {"note", bc.note.value_or("")},
      {"version", std::to_string(bc.version)}};
  for (const char* k : {"horizon", "discount_rate", "note"})
    if (typed.form.contains(k)) form[k] = typed.form[k];
  if (typed.status != 409 && typed.form.contains("version"))
    form["version"] = typed.form["version"];
  return form;
}

Response case_page(db::Database& db, const Request& req, const Typed& typed) {
  auto sql = db.lease();
  kit::ProjectScope scope(*sql, req, req.param("id"));
  BusinessCaseStore store(*sql, scope.tenant_id());
  auto bc = store.current(scope.checked());
  auto pricing = store.pricing(bc);
  auto f = compute(bc.rows, bc.horizon, pricing);
  auto view = kit::project_view(req, scope, "benefits");
  view.update({{"figures", figures_view(req, bc, pricing, f)},
               {"chart", chart_view(req, f)},
               {"rows", table_view(req, bc, f, typed.form, typed.errors)},
               {"amount_headings", json::array()},
               {"form", form_view(req, bc, typed)},
               {"errors", typed.errors},
               {"has_row_errors", typed.errors.contains("rows")},
               {"currency_options", currency_options(typed.form.value("currency", bc.currency))},
               {"approve", typed.approve},
               {"approve_errors", typed.approve_errors},
               {"may_edit", scope.may(ProjectRight::kEdit)},
               {"may_decide", scope.may(ProjectRight::kDecide) && bc.version > 0},
               {"may_settings", req.who().is_admin()},
               {"saved", req.query_param("saved").has_value()},
               {"approved_now", req.query_param("approved").has_value()}});
  for (const auto& name : amount_names())
    view["amount_headings"].push_back(web::t(req.locale, "bcase_" + name));
  auto approved = answer(store, bc)["approved"];
  view["has_approved"] = !approved.is_null();
  if (!approved.is_null()) view["approved"] = comparison_view(req, approved);
  return web::page(req, "business_case/case", view, {"bcase_title", "projects", typed.status});
}

// The posted form as the API's input: the fields and a row per year shown.
json form_input(const std::map<std::string, std::string>& form) {
  json in = json::object();
  for (const char* k : {"horizon", "discount_rate", "currency", "note"})
    if (form.count(k)) in[k] = form.at(k);
  json rows = json::array();
  for (long long y = 0; y <= kHorizonMax; ++y) {
    json row = {{"year", y}};
    bool shown = false;
    for (const auto& name : amount_names()) {
      auto it = form.find(cell_key(y, name));
      if (it == form.end()) continue;
      row[name] = it->second;
      shown = true;
    }
    if (!shown) break;
    rows.push_back(row);
  }
  in["rows"] = rows;
  return in;
}

Response save_case(db::Database& db, const Request& req) {
  auto form = req.form();
  Typed typed;
  for (const auto& [k, v] : form)
    if (k != "_csrf") typed.form[k] = v;
  return kit::project_form_post(
      db, req, ProjectRight::kEdit,
      [&](const kit::ProjectScope& scope) {
        core::Input input(form_input(form), true);
        auto version =
            core::Input(json{{"v", form["version"]}}, true).optional_int("v", 0, 1LL << 40);
        BusinessCaseStore store(scope.sql(), scope.tenant_id());
        auto changed = business_case_fields().apply(input, store.current(scope.checked()));
        store.save(&req.who(), scope.project().id, changed, version.value_or(-1));
        return Response::redirect("/projects/" + req.param("id") + "/business-case?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        typed.errors = refused.errors;
        for (const auto& [k, v] : refused.errors.items())
          if (k.rfind("rows", 0) == 0)
            typed.errors["rows"] = web::t(req.locale, "bcase_rows_error");
        typed.status = refused.status;
        return case_page(db, req, typed);
      });
}

Response approve_case(db::Database& db, const Request& req) {
  auto form = req.form();
  Typed typed;
  typed.approve = kit::typed_fields(form, {"decision", "decided_on", "version"});
  return kit::project_form_post(
      db, req, ProjectRight::kDecide,
      [&](const kit::ProjectScope& scope) {
        auto input = core::Input::from_form(form);
        auto decision = projects::parse_gate_decision(input, req.who(), false);
        auto version = input.optional_int("version", 1, 1LL << 40);
        input.check();
        BusinessCaseStore(scope.sql(), scope.tenant_id())
            .approve(&req.who(), scope.project().id, decision, version.value_or(0));
        return Response::redirect("/projects/" + req.param("id") + "/business-case?approved=1");
      },
      [&](const kit::FormRefusal& refused) {
        typed.approve_errors = refused.errors;
        typed.status = refused.status;
        return case_page(db, req, typed);
      });
}

}  // namespace

projects::PageSection project_page_section() {
  return [](const projects::ProjectScope& scope, const Request& req) {
    auto view = kit::section_view(req, scope);
    BusinessCaseStore store(scope.sql(), scope.tenant_id());
    auto bc = store.current(scope.checked());
    auto pricing = store.pricing(bc);
    view["saved_case"] = bc.version > 0;
    view["figures"] = figures_view(req, bc, pricing, compute(bc.rows, bc.horizon, pricing));
    auto approved = bc.version > 0 ? store.last_approval(bc.project_id) : std::nullopt;
    view["has_approved"] = approved.has_value();
    if (approved)
      view["approved"] = {{"number", approved->number}, {"approved_on", approved->approved_on}};
    return web::render_template("business_case/project_section", view);
  };
}

void add_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}/business-case",
        [](db::Database& db, const Request& req) { return case_page(db, req, Typed{}); },
        "The project's business case"},
       {"POST", "/projects/{id}/business-case", save_case, "Save the business case from the form"},
       {"POST", "/projects/{id}/business-case/approve", approve_case,
        "Approve the business case by a steering-group decision"}});
}

}  // namespace business_case
