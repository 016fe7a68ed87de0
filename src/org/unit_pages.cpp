// The organisation tree page (/org) with its add form, and a unit's edit page.
#include <algorithm>

#include "kit/forms.hpp"
#include "org/org_pages.hpp"
#include "org/unit_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace org::pages {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

json tree_rows(const Request& req, const std::vector<Unit>& units,
               const std::map<std::string, std::string>& names) {
  json rows = json::array();
  for (const auto& row : tree_order(units)) {
    const Unit& u = *row.unit;
    auto manager = u.manager_id ? names.find(*u.manager_id) : names.end();
    rows.push_back({{"id", u.id},
                    {"name", u.name},
                    {"kind", web::t(req.locale, "unit.kind." + u.kind)},
                    {"depth_class", "depth-" + std::to_string(std::min(row.depth, 6))},
                    {"manager", manager != names.end() ? json(manager->second) : json(nullptr)}});
  }
  return rows;
}

// The organisation page; `form` and `errors` refill the add-unit form after a mistake.
Response org_page(db::Database& db, const Request& req, const json& form, const json& errors,
                  int status) {
  const auto& tenant = req.who().tenant_id;
  auto sql = db.lease();
  auto units = UnitStore(*sql, tenant).all();
  auto view = web::base_view(req);
  view["units"] = tree_rows(req, units, person_names(*sql, tenant));
  view["has_units"] = !view["units"].empty();
  view["form"] = form;
  view["errors"] = errors;
  view["kind_options"] = kind_options(req, form.value("kind", "unit"));
  view["parent_options"] = unit_options(units, form.value("parent_id", ""));
  view["manager_options"] = person_options(*sql, tenant, form.value("manager_id", ""));
  if (req.query_param("saved")) view["saved"] = true;
  return web::page(req, "org/units", view, {"org.title", "org", status});
}

Unit stored_unit(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return UnitStore(*sql, req.who().tenant_id).get(req.param("id"));
}

// A unit's edit page; `conflict` shows the stored unit after a 409.
Response unit_edit_page(db::Database& db, const Request& req, const Unit& unit, const json& form,
                        const json& errors, const json& conflict, int status) {
  const auto& tenant = req.who().tenant_id;
  auto sql = db.lease();
  auto units = UnitStore(*sql, tenant).all();
  auto view = web::base_view(req);
  view["unit"] = to_json(unit);
  view["form"] = form;
  view["errors"] = errors;
  if (!conflict.is_null()) view["conflict"] = conflict;
  view["kind_options"] = kind_options(req, form.value("kind", unit.kind));
  view["parent_options"] = unit_options(units, form.value("parent_id", ""), unit.id);
  view["manager_options"] = person_options(*sql, tenant, form.value("manager_id", ""));
  return web::page(req, "org/unit_edit", view, {"unit.edit_title", "org", status});
}

json edit_form(const Unit& u) {
  json form = unit_fields().form_values(u);
  form["version"] = std::to_string(u.version);
  return form;
}

Response add_unit(db::Database& db, const Request& req) {
  auto form = req.form();
  return kit::form_post(
      req,
      [&] {
        auto input = core::Input::from_form(form);
        Unit unit = unit_fields().parse_new(input);
        auto sql = db.lease();
        UnitStore(*sql, req.who().tenant_id).create(&req.who(), unit);
        return Response::redirect("/org?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        return org_page(db, req, typed(form), refused.errors, refused.status);
      });
}

Response save_unit(db::Database& db, const Request& req) {
  auto form = req.form();
  return kit::form_post(
      req,
      [&] {
        auto input = core::Input::from_form(form);
        long long version = form_version(input);
        auto sql = db.lease();
        UnitStore store(*sql, req.who().tenant_id);
        Unit changed = unit_fields().apply(input, store.get(req.param("id")));
        store.update(&req.who(), changed, version);
        return Response::redirect("/org?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        Unit unit = stored_unit(db, req);
        auto again = typed(form);
        json conflict = nullptr;
        if (refused.status == 409) {
          conflict = edit_form(unit);
          // The next save goes against the version now stored, keeping the text typed.
          again["version"] = std::to_string(unit.version);
        }
        return unit_edit_page(db, req, unit, again, refused.errors, conflict, refused.status);
      });
}

}  // namespace

void add_unit_pages(http::Router& router, db::Database& db) {
  router.add(
      {"GET",
       "/org",
       Access::kAuthenticated,
       [&db](Request& req) { return org_page(db, req, json::object(), json::object(), 200); },
       {"Organisation tree", "web"}});
  router.add({"POST",
              "/org/units",
              Access::kAdmin,
              [&db](Request& req) { return add_unit(db, req); },
              {"Add a unit from the form", "web"}});
  router.add({"GET",
              "/org/units/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                Unit unit = stored_unit(db, req);
                return unit_edit_page(db, req, unit, edit_form(unit), json::object(), nullptr, 200);
              },
              {"Edit a unit", "web"}});
  router.add({"POST",
              "/org/units/{id}",
              Access::kAdmin,
              [&db](Request& req) { return save_unit(db, req); },
              {"Save a unit from the form", "web"}});
  router.add(
      {"POST",
       "/org/units/{id}/delete",
       Access::kAdmin,
       [&db](Request& req) {
         auto sql = db.lease();
         UnitStore(*sql, req.who().tenant_id).remove(&req.who(), req.param("id"), std::nullopt);
         return Response::redirect("/org?saved=1");
       },
       {"Delete a unit from the form", "web"}});
}

}  // namespace org::pages
