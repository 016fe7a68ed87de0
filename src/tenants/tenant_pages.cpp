// The tenant's settings page for administrators: name, default language, time zone, and
// the hour price and discount rate of business cases.
#include "core/input.hpp"
#include "core/time.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "tenants/tenant_routes.hpp"
#include "tenants/tenant_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace tenants {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

const std::vector<std::string> kLocales = {"da", "sv", "en"};

json locale_options(const std::string& selected) {
  json out = json::array();
  for (const auto& l : kLocales)
    out.push_back({{"value", l}, {"label", web::t(l, "lang.self")}, {"selected", selected == l}});
  return out;
}

json zone_options(const std::string& selected) {
  json out = json::array();
  for (const auto& z : core::time_zones())
    out.push_back({{"value", std::string(z.name)}, {"selected", selected == z.name}});
  return out;
}

Response settings_page(db::Database& db, const Request& req, json form, const json& errors,
                       int status) {
  auto view = web::base_view(req);
  Tenant t;
  {
    auto sql = db.lease();
    auto found = TenantStore(*sql).find(req.who().tenant_id);
    if (!found) throw core::NotFound("no such tenant");
    t = *found;
  }
  auto number = [&req](const std::optional<double>& v) {
    return v ? web::format_number(req.locale, *v) : std::string();
  };
  json stored = {{"name", t.name},
                 {"default_locale", t.default_locale},
                 {"time_zone", t.time_zone},
                 {"hour_price", number(t.hour_price)},
                 {"discount_rate", number(t.discount_rate)},
                 {"risk_low_max", std::to_string(t.risk_low_max)},
                 {"risk_high_min", std::to_string(t.risk_high_min)},
                 {"signal_deadline_days", std::to_string(t.signal_deadline_days)},
                 {"holidays", t.holidays},
                 {"survey_min_group", std::to_string(t.survey_min_group)},
                 {"benchmark_opt_in", t.benchmark_opt_in ? "on" : ""},
                 {"inhabitants", t.inhabitants > 0 ? std::to_string(t.inhabitants) : ""},
                 {"version", std::to_string(t.version)}};
  if (form.is_null()) form = stored;
  if (status == 409) form["version"] = stored["version"];  // save again over the stored one
  view["form"] = form;
  view["errors"] = errors;
  view["locale_options"] = locale_options(form.value("default_locale", ""));
  view["zone_options"] = zone_options(form.value("time_zone", ""));
  view["holidays_se"] = form.value("holidays", "") == "se";
  view["benchmark_checked"] = !form.value("benchmark_opt_in", "").empty();
  view["saved"] = req.query_param("saved").has_value();
  return web::page(req, "tenants/settings", view, {"settings_title", "settings", status});
}

Response save_settings(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = {{"name", form["name"]},
                {"default_locale", form["default_locale"]},
                {"time_zone", form["time_zone"]},
                {"hour_price", form["hour_price"]},
                {"discount_rate", form["discount_rate"]},
                {"risk_low_max", form["risk_low_max"]},
                {"risk_high_min", form["risk_high_min"]},
                {"signal_deadline_days", form["signal_deadline_days"]},
                {"holidays", form["holidays"]},
                {"survey_min_group", form["survey_min_group"]},
                {"benchmark_opt_in", form["benchmark_opt_in"]},
                {"inhabitants", form["inhabitants"]},
                {"version", form["version"]}};
  return kit::form_post(
      req,
      [&] {
        auto input = core::Input::from_form(form);
        Tenant changed;
        changed.name = input.required_text("name", core::kNameMax);
        changed.default_locale = form["default_locale"];
        changed.time_zone = form["time_zone"];
        changed.hour_price = input.optional_number("hour_price");
        changed.discount_rate = input.optional_number("discount_rate");
        auto version = input.optional_int("version", 1, 1LL << 40);
        if (!version) input.fail("version", "is required");
        // Left blank: the default bands.
        changed.risk_low_max = input.optional_int("risk_low_max", 1, 24).value_or(4);
        changed.risk_high_min = input.optional_int("risk_high_min", 2, 25).value_or(15);
        changed.signal_deadline_days =
            input.optional_int("signal_deadline_days", 1, 60).value_or(10);
        changed.holidays =
            form["holidays"].empty() ? "dk" : form["holidays"];  // checked by the store
        changed.survey_min_group = input.optional_int("survey_min_group", 3, 100).value_or(5);
        changed.benchmark_opt_in = !form["benchmark_opt_in"].empty();  // a ticked checkbox
        changed.inhabitants = input.optional_int("inhabitants", 0, 20000000).value_or(0);
        input.check();
        auto sql = db.lease();
        TenantStore(*sql).update_settings(req.who(), *version, changed);
        return Response::redirect("/settings?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        return settings_page(db, req, typed, refused.errors, refused.status);
      });
}

}  // namespace

void add_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"GET", "/settings",
        [](db::Database& db, const Request& req) {
          return settings_page(db, req, nullptr, json::object(), 200);
        },
        "The municipality's settings (administrators)", Access::kAdmin},
       {"POST", "/settings", save_settings, "Save the municipality's settings", Access::kAdmin}});
}

}  // namespace tenants
