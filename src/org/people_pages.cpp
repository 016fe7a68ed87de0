// The people list (/people) with its add form, and a person's edit page.
#include "http/paging.hpp"
#include "org/org_pages.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace org::pages {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

json person_rows(const std::vector<Person>& people, const std::vector<Unit>& units) {
  std::map<std::string, std::string> unit_names;
  for (const auto& u : units) unit_names[u.id] = u.name;
  json rows = json::array();
  for (const auto& p : people) {
    rows.push_back(
        {{"id", p.id},
         {"name", p.name},
         {"title", p.title.value_or("")},
         {"email", p.email.value_or("")},
         {"unit", p.unit_id && unit_names.count(*p.unit_id) ? unit_names[*p.unit_id] : ""},
         {"inactive", !p.active}});
  }
  return rows;
}

Response people_page(db::Database& db, const Request& req, const json& form, const json& errors,
                     int status) {
  const auto& tenant = req.who().tenant_id;
  auto page = http::Page::from(req);
  auto unit_filter = req.query_param("unit_id").value_or("");
  auto sql = db.lease();
  auto units = UnitStore(*sql, tenant).all();
  auto people = PersonStore(*sql, tenant).page(page.after, page.limit, unit_filter);
  auto body = http::page_body(person_rows(people, units), page);
  auto view = web::base_view(req);
  view["people"] = body["items"];
  view["has_people"] = !body["items"].empty();
  if (!body["next_cursor"].is_null()) {
    view["next_url"] = "/people?cursor=" + body["next_cursor"].get<std::string>() +
                       (unit_filter.empty() ? "" : "&unit_id=" + http::url_encode(unit_filter));
  }
  view["filter_options"] = unit_options(units, unit_filter);
  view["form"] = form;
  view["errors"] = errors;
  view["unit_options"] = unit_options(units, form.value("unit_id", ""));
  view["locale_options"] = locale_options(req, form.value("locale", ""));
  if (req.query_param("saved")) view["saved"] = true;
  return web::page(req, "org/people", view, {"people.title", "people", status});
}

// A person's edit page; `conflict` shows the stored person after a 409.
Response person_edit_page(db::Database& db, const Request& req, const Person& person,
                          const json& form, const json& errors, const json& conflict, int status) {
  const auto& tenant = req.who().tenant_id;
  auto sql = db.lease();
  auto units = UnitStore(*sql, tenant).all();
  auto view = web::base_view(req);
  view["person"] = to_json(person);
  view["form"] = form;
  // A form shown again holds the checkbox as posted ("on" or "off").
  if (form.contains("active") && form["active"].is_string())
    view["form"]["active"] = form["active"] == "on";
  view["errors"] = errors;
  if (!conflict.is_null()) view["conflict"] = conflict;
  view["unit_options"] = unit_options(units, form.value("unit_id", ""));
  view["locale_options"] = locale_options(req, form.value("locale", ""));
  if (auto manager = nearest_manager_of_person(units, person)) {
    if (auto m = PersonStore(*sql, tenant).find(*manager)) view["nearest_manager"] = m->name;
  }
  return web::page(req, "org/person_edit", view, {"person.edit_title", "people", status});
}

}  // namespace

void add_people_pages(http::Router& router, db::Database& db) {
  add_editable_pages(
      router, db,
      EditablePages<Person, PersonStore>{
          .list_path = "/people",
          .add_path = "/people",
          .item_path = "/people/{id}",
          .fields = &person_fields(),
          .list_page = people_page,
          .edit_page = person_edit_page,
          // An unticked checkbox is absent from the form; absent means inactive here.
          .complete_form =
              [](std::map<std::string, std::string>& form) {
                if (form.count("active") == 0) form["active"] = "off";
              },
          .summaries = {.list = "People",
                        .add = "Add a person from the form",
                        .edit = "Edit a person",
                        .save = "Save a person from the form",
                        .remove = "Delete a person from the form"}});
}

}  // namespace org::pages
