// The organisation tree page (/org) with its add form, and a unit's edit page.
#include <algorithm>

#include "org/org_pages.hpp"
#include "org/unit_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace org::pages {
namespace {

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

}  // namespace

void add_unit_pages(http::Router& router, db::Database& db) {
  add_editable_pages(
      router, db,
      EditablePages<Unit, UnitStore>{.list_path = "/org",
                                     .add_path = "/org/units",
                                     .item_path = "/org/units/{id}",
                                     .fields = &unit_fields(),
                                     .list_page = org_page,
                                     .edit_page = unit_edit_page,
                                     .summaries = {.list = "Organisation tree",
                                                   .add = "Add a unit from the form",
                                                   .edit = "Edit a unit",
                                                   .save = "Save a unit from the form",
                                                   .remove = "Delete a unit from the form"}});
}

}  // namespace org::pages
