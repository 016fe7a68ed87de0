#include <map>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/error_mapping.hpp"
#include "http/paging.hpp"
#include "org/org_input.hpp"
#include "org/org_routes.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace org {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

// Select options for units (indented by depth) and people, marking `selected`.
json unit_options(const std::vector<Unit>& units, const std::string& selected,
                  const std::string& exclude = "") {
  json out = json::array();
  for (const auto& row : tree_order(units)) {
    if (row.unit->id == exclude) continue;
    std::string indent;
    for (int i = 0; i < row.depth; ++i) indent += "\u2003";
    out.push_back({{"id", row.unit->id},
                   {"label", indent + row.unit->name},
                   {"selected", row.unit->id == selected}});
  }
  return out;
}

json person_options(soci::session& sql, const std::string& tenant_id, const std::string& selected) {
  json out = json::array();
  PersonStore people(sql, tenant_id);
  std::string after;
  for (;;) {
    auto page = people.page(after, 200);
    for (std::size_t i = 0; i < page.size() && i < 200; ++i) {
      out.push_back(
          {{"id", page[i].id}, {"label", page[i].name}, {"selected", page[i].id == selected}});
    }
    if (page.size() <= 200) break;
    after = page[199].id;
  }
  std::sort(out.begin(), out.end(),
            [](const json& a, const json& b) { return a["label"] < b["label"]; });
  return out;
}

json kind_options(const Request& req, const std::string& selected) {
  json out = json::array();
  for (const auto& k : kUnitKinds) {
    out.push_back({{"value", k},
                   {"label", web::t(req.locale, "unit.kind." + k)},
                   {"selected", k == selected}});
  }
  return out;
}

std::map<std::string, std::string> names_by_id(soci::session& sql, const std::string& tenant_id) {
  std::map<std::string, std::string> out;
  PersonStore people(sql, tenant_id);
  std::string after;
  for (;;) {
    auto page = people.page(after, 200);
    for (std::size_t i = 0; i < page.size() && i < 200; ++i) out[page[i].id] = page[i].name;
    if (page.size() <= 200) break;
    after = page[199].id;
  }
  return out;
}

// The organisation page; `form` and `errors` refill the add-unit form after a mistake.
Response org_page(db::Database& db, const Request& req, const json& form, const json& errors,
                  int status) {
  const auto& tenant = req.who().tenant_id;
  auto sql = db.lease();
  auto units = UnitStore(*sql, tenant).all();
  auto names = names_by_id(*sql, tenant);
  json rows = json::array();
  std::map<std::string, std::string> unit_names;
  for (const auto& u : units) unit_names[u.id] = u.name;
  for (const auto& row : tree_order(units)) {
    const Unit& u = *row.unit;
    rows.push_back(
        {{"id", u.id},
         {"name", u.name},
         {"kind", web::t(req.locale, "unit.kind." + u.kind)},
         {"depth_class", "depth-" + std::to_string(std::min(row.depth, 6))},
         {"manager", u.manager_id && names.count(*u.manager_id) ? json(names[*u.manager_id])
                                                                : json(nullptr)}});
  }
  auto view = web::base_view(req);
  view["units"] = rows;
  view["has_units"] = !rows.empty();
  view["form"] = form;
  view["errors"] = errors;
  view["kind_options"] = kind_options(req, form.value("kind", "unit"));
  view["parent_options"] = unit_options(units, form.value("parent_id", ""));
  view["manager_options"] = person_options(*sql, tenant, form.value("manager_id", ""));
  if (req.query_param("saved")) view["saved"] = true;
  return web::page(req, "org/units", view, {"org.title", "org", status});
}

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

json unit_form(const Unit& u) {
  return {{"name", u.name},
          {"kind", u.kind},
          {"parent_id", u.parent_id.value_or("")},
          {"manager_id", u.manager_id.value_or("")},
          {"version", std::to_string(u.version)}};
}

json person_form(const Person& p) {
  return {{"name", p.name},
          {"email", p.email.value_or("")},
          {"title", p.title.value_or("")},
          {"unit_id", p.unit_id.value_or("")},
          {"locale", p.locale.value_or("")},
          {"active", p.active},
          {"version", std::to_string(p.version)}};
}

json locale_options(const Request& req, const std::string& selected) {
  json out = json::array({{{"value", ""},
                           {"label", web::t(req.locale, "person.locale_default")},
                           {"selected", selected.empty()}}});
  for (const auto& l : web::kLocales) {
    out.push_back({{"value", l}, {"label", web::t(l, "lang.self")}, {"selected", l == selected}});
  }
  return out;
}

Response people_page(db::Database& db, const Request& req, const json& form, const json& errors,
                     int status) {
  const auto& tenant = req.who().tenant_id;
  auto page = http::Page::from(req);
  auto unit_filter = req.query_param("unit_id").value_or("");
  auto sql = db.lease();
  auto units = UnitStore(*sql, tenant).all();
  std::map<std::string, std::string> unit_names;
  for (const auto& u : units) unit_names[u.id] = u.name;
  json rows = json::array();
  for (const auto& p : PersonStore(*sql, tenant).page(page.after, page.limit, unit_filter)) {
    rows.push_back(
        {{"id", p.id},
         {"name", p.name},
         {"title", p.title.value_or("")},
         {"email", p.email.value_or("")},
         {"unit", p.unit_id && unit_names.count(*p.unit_id) ? unit_names[*p.unit_id] : ""},
         {"inactive", !p.active}});
  }
  auto body = http::page_body(rows, page);
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

// Runs a form write; on a validation error or conflict calls `redisplay` with the
// typed values, translated field errors and (for 409) the stored object.
template <typename Write, typename Redisplay>
Response form_write(const Request& req, Write write, Redisplay redisplay) {
  try {
    return write();
  } catch (const core::ValidationError& e) {
    return redisplay(web::form_errors(req, e.fields()), json(), 422);
  } catch (const core::Conflict& e) {
    json errors = json::object();
    errors["_form"] = web::translate_message(req.locale, e.what());
    return redisplay(errors, e.current().is_null() ? json::object() : e.current(), 409);
  }
}

json form_json(const std::map<std::string, std::string>& form) {
  json out = json::object();
  for (const auto& [k, v] : form) {
    if (k != "_csrf") out[k] = v;
  }
  return out;
}

}  // namespace

void add_pages(http::Router& router, db::Database& db) {
  router.add(
      {"GET",
       "/org",
       Access::kAuthenticated,
       [&db](Request& req) { return org_page(db, req, json::object(), json::object(), 200); },
       {"Organisation tree", "web"}});
  router.add({"POST",
              "/org/units",
              Access::kAdmin,
              [&db](Request& req) {
                auto form = req.form();
                return form_write(
                    req,
                    [&] {
                      auto input = core::Input::from_form(form);
                      auto fields = parse_unit_fields(input, true);
                      input.check();
                      auto sql = db.lease();
                      UnitStore(*sql, req.who().tenant_id).create(&req.who(), fields);
                      return Response::redirect("/org?saved=1");
                    },
                    [&](const json& errors, const json&, int status) {
                      return org_page(db, req, form_json(form), errors, status);
                    });
              },
              {"Add a unit from the form", "web"}});
  router.add({"GET",
              "/org/units/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                Unit unit = [&] {
                  auto sql = db.lease();
                  return UnitStore(*sql, req.who().tenant_id).get(req.param("id"));
                }();
                return unit_edit_page(db, req, unit, unit_form(unit), json::object(), nullptr, 200);
              },
              {"Edit a unit", "web"}});
  router.add({"POST",
              "/org/units/{id}",
              Access::kAdmin,
              [&db](Request& req) {
                auto form = req.form();
                return form_write(
                    req,
                    [&] {
                      auto input = core::Input::from_form(form);
                      auto fields = parse_unit_fields(input, false);
                      auto version = input.optional_int("version", 1, 1LL << 40);
                      if (!version) input.fail("version", "is required");
                      input.check();
                      auto sql = db.lease();
                      UnitStore(*sql, req.who().tenant_id)
                          .update(&req.who(), req.param("id"), *version, fields);
                      return Response::redirect("/org?saved=1");
                    },
                    [&](const json& errors, const json& current, int status) {
                      Unit unit = [&] {
                        auto sql = db.lease();
                        return UnitStore(*sql, req.who().tenant_id).get(req.param("id"));
                      }();
                      auto typed = form_json(form);
                      json conflict = nullptr;
                      if (status == 409) {
                        conflict = unit_form(unit);
                        // The next save goes against the version now stored, keeping the text
                        // typed.
                        typed["version"] = std::to_string(unit.version);
                      }
                      return unit_edit_page(db, req, unit, typed, errors, conflict, status);
                    });
              },
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

  router.add(
      {"GET",
       "/people",
       Access::kAuthenticated,
       [&db](Request& req) { return people_page(db, req, json::object(), json::object(), 200); },
       {"People", "web"}});
  router.add({"POST",
              "/people",
              Access::kAdmin,
              [&db](Request& req) {
                auto form = req.form();
                return form_write(
                    req,
                    [&] {
                      auto input = core::Input::from_form(form);
                      auto fields = parse_person_fields(input, true);
                      input.check();
                      auto sql = db.lease();
                      PersonStore(*sql, req.who().tenant_id).create(&req.who(), fields);
                      return Response::redirect("/people?saved=1");
                    },
                    [&](const json& errors, const json&, int status) {
                      return people_page(db, req, form_json(form), errors, status);
                    });
              },
              {"Add a person from the form", "web"}});
  router.add({"GET",
              "/people/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                Person person = [&] {
                  auto sql = db.lease();
                  return PersonStore(*sql, req.who().tenant_id).get(req.param("id"));
                }();
                return person_edit_page(db, req, person, person_form(person), json::object(),
                                        nullptr, 200);
              },
              {"Edit a person", "web"}});
  router.add({"POST",
              "/people/{id}",
              Access::kAdmin,
              [&db](Request& req) {
                auto form = req.form();
                // An unticked checkbox is absent from the form; absent means inactive here.
                if (form.count("active") == 0) form["active"] = "off";
                return form_write(
                    req,
                    [&] {
                      auto input = core::Input::from_form(form);
                      auto fields = parse_person_fields(input, false);
                      auto version = input.optional_int("version", 1, 1LL << 40);
                      if (!version) input.fail("version", "is required");
                      input.check();
                      auto sql = db.lease();
                      PersonStore(*sql, req.who().tenant_id)
                          .update(&req.who(), req.param("id"), *version, fields);
                      return Response::redirect("/people?saved=1");
                    },
                    [&](const json& errors, const json&, int status) {
                      Person person = [&] {
                        auto sql = db.lease();
                        return PersonStore(*sql, req.who().tenant_id).get(req.param("id"));
                      }();
                      auto typed = form_json(form);
                      typed["active"] = form["active"] == "on";
                      json conflict = nullptr;
                      if (status == 409) {
                        conflict = person_form(person);
                        typed["version"] = std::to_string(person.version);
                      }
                      return person_edit_page(db, req, person, typed, errors, conflict, status);
                    });
              },
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

}  // namespace org
