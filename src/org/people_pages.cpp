// The people list (/people) with its add form, and a person's edit page.
#include "http/paging.hpp"
#include "kit/forms.hpp"
#include "org/org_pages.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace org::pages {
namespace {

using http::Access;
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

Person stored_person(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return PersonStore(*sql, req.who().tenant_id).get(req.param("id"));
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
  view["errors"] = errors;
  if (!conflict.is_null()) view["conflict"] = conflict;
  view["unit_options"] = unit_options(units, form.value("unit_id", ""));
  view["locale_options"] = locale_options(req, form.value("locale", ""));
  if (auto manager = nearest_manager_of_person(units, person)) {
    if (auto m = PersonStore(*sql, tenant).find(*manager)) view["nearest_manager"] = m->name;
  }
  return web::page(req, "org/person_edit", view, {"person.edit_title", "people", status});
}

json edit_form(const Person& p) {
  json form = person_fields().form_values(p);
  form["version"] = std::to_string(p.version);
  return form;
}

Response add_person(db::Database& db, const Request& req) {
  auto form = req.form();
  return kit::form_post(
      req,
      [&] {
        auto input = core::Input::from_form(form);
        Person person = person_fields().parse_new(input);
        auto sql = db.lease();
        PersonStore(*sql, req.who().tenant_id).create(&req.who(), person);
        return Response::redirect("/people?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        return people_page(db, req, typed(form), refused.errors, refused.status);
      });
}

Response save_person(db::Database& db, const Request& req) {
  auto form = req.form();
  // An unticked checkbox is absent from the form; absent means inactive here.
  if (form.count("active") == 0) form["active"] = "off";
  return kit::form_post(
      req,
      [&] {
        auto input = core::Input::from_form(form);
        long long version = form_version(input);
        auto sql = db.lease();
        PersonStore store(*sql, req.who().tenant_id);
        Person changed = person_fields().apply(input, store.get(req.param("id")));
        store.update(&req.who(), changed, version);
        return Response::redirect("/people?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        Person person = stored_person(db, req);
        auto again = typed(form);
        again["active"] = form["active"] == "on";
        json conflict = nullptr;
        if (refused.status == 409) {
          conflict = edit_form(person);
          again["version"] = std::to_string(person.version);
        }
        return person_edit_page(db, req, person, again, refused.errors, conflict, refused.status);
      });
}

}  // namespace

void add_people_pages(http::Router& router, db::Database& db) {
  router.add(
      {"GET",
       "/people",
       Access::kAuthenticated,
       [&db](Request& req) { return people_page(db, req, json::object(), json::object(), 200); },
       {"People", "web"}});
  router.add({"POST",
              "/people",
              Access::kAdmin,
              [&db](Request& req) { return add_person(db, req); },
              {"Add a person from the form", "web"}});
  router.add({"GET",
              "/people/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                Person person = stored_person(db, req);
                return person_edit_page(db, req, person, edit_form(person), json::object(), nullptr,
                                        200);
              },
              {"Edit a person", "web"}});
  router.add({"POST",
              "/people/{id}",
              Access::kAdmin,
              [&db](Request& req) { return save_person(db, req); },
              {"Save a person from the form", "web"}});
  router.add(
      {"POST",
       "/people/{id}/delete",
       Access::kAdmin,
       [&db](Request& req) {
         auto sql = db.lease();
         PersonStore(*sql, req.who().tenant_id).remove(&req.who(), req.param("id"), std::nullopt);
         return Response::redirect("/people?saved=1");
       },
       {"Delete a person from the form", "web"}});
}

}  // namespace org::pages
