// Method templates: the shipped ones read-only, a tenant's own copies edited by
// its administrators, as API and pages.
#include <functional>
#include <map>
#include <set>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "kit/fields.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/routes.hpp"
#include "projects/project_routes.hpp"
#include "projects/project_views.hpp"
#include "projects/template_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace projects {
namespace {

struct CopyInput {
  std::string copy_of;
  std::string key;
  std::optional<std::string> name;
};

const kit::Fields<CopyInput>& copy_fields() {
  static const auto fields =
      kit::Fields<CopyInput>()
          .text("copy_of", &CopyInput::copy_of, {.required = true, .max = 40})
          .text("key", &CopyInput::key, {.required = true, .max = 40})
          .optional_text("name", &CopyInput::name, {.max = 200})
          .check([](const CopyInput& c, core::Input& input) {
            if (c.key.empty()) return;
            if (auto problem = template_key_problem(c.key); !problem.empty())
              input.fail("key", problem);
          });
  return fields;
}

std::string group_key(std::size_t phase, const std::string& dimension) {
  return "items." + std::to_string(phase) + "." + (dimension.empty() ? "_" : dimension);
}

std::vector<std::string> form_lines(const std::string& text) {
  std::vector<std::string> out;
  std::string line;
  auto flush = [&] {
    auto b = line.find_first_not_of(" \t\r");
    if (b != std::string::npos)
      out.push_back(line.substr(b, line.find_last_not_of(" \t\r") - b + 1));
    line.clear();
  };
  for (char ch : text) {
    if (ch == '\n')
      flush();
    else
      line += ch;
  }
  flush();
  return out;
}

// The edit form works in the reader's language: one text box per phase and
// dimension with an item per line. Lines that match an existing item keep it
// (key and the other languages); new lines become new items.
json definition_from_form(const TenantTemplate& current,
                          const std::map<std::string, std::string>& form,
                          const std::string& locale) {
  json d = to_json(current.method);
  auto set_text = [&](json& text, const std::string& field) {
    auto it = form.find(field);
    if (it == form.end()) return;
    if (!text.is_object()) text = json::object();
    text[locale] = it->second;
  };
  set_text(d["name"], "name");
  set_text(d["description"], "description");
  std::vector<std::string> dims;
  for (const auto& [k, n] : current.method.dimensions) dims.push_back(k);
  if (dims.empty()) dims.push_back("");
  for (std::size_t i = 0; i < d["phases"].size(); ++i) {
    json& phase = d["phases"][i];
    set_text(phase["name"], "phase." + std::to_string(i) + ".name");
    set_text(phase["description"], "phase." + std::to_string(i) + ".description");
    json items = json::array();
    for (const auto& dim : dims) {
      auto in_group = [&dim](const json& item) {
        return dim.empty() ? !item["dimension"].is_string() : item["dimension"] == dim;
      };
      auto it = form.find(group_key(i, dim));
      if (it == form.end()) {  // not in the form: keep the group as it was
        for (const auto& item : phase["items"])
          if (in_group(item)) items.push_back(item);
        continue;
      }
      std::set<std::string> taken;  // two equal lines must not both claim one item
      for (const auto& line : form_lines(it->second)) {
        json found;
        for (const auto& item : phase["items"]) {
          if (found.is_null() && in_group(item) && localized(item["text"], locale) == line &&
              taken.insert(item["key"].get<std::string>()).second) {
            found = item;
          }
        }
        if (found.is_null()) {
          found = {{"text", {{locale, line}}}};
          if (!dim.empty()) found["dimension"] = dim;
        }
        items.push_back(found);
      }
    }
    phase["items"] = items;
  }
  return d;
}

json template_row(const Request& req, const TenantTemplate& t) {
  std::size_t items = 0;
  for (const auto& p : t.method.phases) items += p.items.size();
  return {{"key", t.method.key},
          {"name", localized(t.method.name, req.locale)},
          {"shipped", t.shipped},
          {"phases", t.method.phases.size()},
          {"items", items}};
}

Response list_page(db::Database& db, const Request& req, const json& form, const json& errors,
                   int status) {
  auto view = web::base_view(req);
  json rows = json::array();
  json options = json::array();
  {
    auto sql = db.lease();
    for (const auto& t : TemplateStore(*sql, req.who().tenant_id).all()) {
      rows.push_back(template_row(req, t));
      options.push_back({{"value", t.method.key},
                         {"label", localized(t.method.name, req.locale)},
                         {"selected", form.value("copy_of", "") == t.method.key}});
    }
  }
  view["templates"] = rows;
  view["copy_options"] = options;
  view["is_admin"] = req.who().is_admin();
  view["form"] = form;
  view["errors"] = errors;
  return web::page(req, "projects/templates", view, {"templates.title", "projects", status});
}

using Shown = std::function<std::string(const std::string& field, const std::string& stored)>;

// Per phase its texts and a box per dimension with an item per line.
json phases_view(const Request& req, const TenantTemplate& t, const Shown& shown) {
  std::map<std::string, std::string> dim_names;
  for (const auto& [k, n] : t.method.dimensions) dim_names[k] = localized(n, req.locale);
  json phases = json::array();
  for (std::size_t i = 0; i < t.method.phases.size(); ++i) {
    const auto& p = t.method.phases[i];
    std::vector<std::string> dims;
    for (const auto& [k, n] : t.method.dimensions) dims.push_back(k);
    if (dims.empty()) dims.push_back("");
    json groups = json::array();
    for (const auto& dim : dims) {
      json items = json::array();
      std::string lines;
      for (const auto& item : p.items) {
        if (item.dimension.value_or("") != dim) continue;
        auto text = localized(item.text, req.locale);
        items.push_back(text);
        lines += (lines.empty() ? "" : "\n") + text;
      }
      lines = shown(group_key(i, dim), lines);
      groups.push_back({{"field", group_key(i, dim)},
                        {"id", "g-" + std::to_string(i) + "-" + (dim.empty() ? "all" : dim)},
                        {"dimension", dim.empty() ? json() : json(dim_names[dim])},
                        {"items", items},
                        {"lines", lines}});
    }
    phases.push_back(
        {{"index", i},
         {"name", shown("phase." + std::to_string(i) + ".name", localized(p.name, req.locale))},
         {"description", shown("phase." + std::to_string(i) + ".description",
                               localized(p.description, req.locale))},
         {"groups", groups}});
  }
  return phases;
}

// `typed`: what the user sent, shown again after an error instead of the stored text.
Response template_page(db::Database& db, const Request& req, const json& errors,
                       const json& conflict, int status,
                       const std::map<std::string, std::string>& typed = {}) {
  auto shown = [&typed](const std::string& field, const std::string& stored) {
    auto it = typed.find(field);
    return it == typed.end() ? stored : it->second;
  };
  auto view = web::base_view(req);
  TenantTemplate t;
  {
    auto sql = db.lease();
    t = TemplateStore(*sql, req.who().tenant_id).get(req.param("key"));
  }
  json phases = phases_view(req, t, shown);
  view["template"] = {
      {"key", t.method.key},
      {"name", shown("name", localized(t.method.name, req.locale))},
      {"description", shown("description", localized(t.method.description, req.locale))},
      {"source", t.method.source},
      {"shipped", t.shipped},
      {"version", std::to_string(t.version)},
      {"phases", phases}};
  view["editable"] = !t.shipped && req.who().is_admin();
  view["errors"] = errors;
  view["conflict"] = conflict;
  if (req.query_param("saved")) view["saved"] = true;
  view["page_title"] = localized(t.method.name, req.locale);
  return web::page(req, "projects/template", view, {"templates.one", "projects", status});
}

void register_schemas() {
  http::register_schema("TemplateCopy",
                        {{"type", "object"},
                         {"required", {"copy_of", "key"}},
                         {"properties",
                          {{"copy_of", {{"type", "string"}}},
                           {"key", {{"type", "string"}, {"pattern", "^[a-z0-9][a-z0-9-]{1,39}$"}}},
                           {"name", {{"type", "string"}}}}}});
  http::register_schema(
      "TemplateDefinition",
      {{"type", "object"},
       {"required", {"name", "phases", "version"}},
       {"properties",
        {{"name", {{"type", "object"}, {"description", "{da, sv, en}; one language is enough"}}},
         {"description", {{"type", "object"}}},
         {"dimensions", {{"type", "array"}}},
         {"phases",
          {{"type", "array"},
           {"description", "[{key, name, description, items: [{key?, dimension?, text}]}]"}}},
         {"version", {{"type", "integer"}}}}}});
}

Response copy_from_form(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = {{"copy_of", form["copy_of"]}, {"key", form["key"]}, {"name", form["name"]}};
  return kit::form_post(
      req,
      [&] {
        auto input = core::Input::from_form(form);
        auto c = copy_fields().parse_new(input);
        auto sql = db.lease();
        TemplateStore(*sql, req.who().tenant_id).copy(&req.who(), c.copy_of, c.key, c.name);
        return Response::redirect("/templates/" + c.key + "?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        return list_page(db, req, typed, refused.errors, refused.status);
      });
}

Response save_from_form(db::Database& db, const Request& req) {
  auto form = req.form();
  return kit::form_post(
      req,
      [&] {
        auto sql = db.lease();
        TemplateStore store(*sql, req.who().tenant_id);
        auto current = store.get(req.param("key"));
        auto input = core::Input::from_form(form);
        auto version = input.optional_int("version", 1, 1LL << 40);
        if (!version) input.fail("version", "is required");
        input.check();
        store.update(&req.who(), req.param("key"), *version,
                     definition_from_form(current, form, req.locale));
        return Response::redirect("/templates/" + req.param("key") + "?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        json conflict = refused.status == 409 ? json(true) : json(nullptr);
        return template_page(db, req, refused.errors, conflict, refused.status, form);
      });
}

Response delete_from_form(TemplateStore& store, const Request& req) {
  store.remove(&req.who(), req.param("key"));
  return Response::redirect("/templates");
}

Response copy_template(TemplateStore& store, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto c = copy_fields().parse_new(input);
  return Response::json(201, to_json(store.copy(&req.who(), c.copy_of, c.key, c.name)));
}

Response read_template(TemplateStore& store, const Request& req) {
  return Response::json(200, to_json(store.get(req.param("key"))));
}

Response replace_template(TemplateStore& store, const Request& req) {
  store.get(req.param("key"));
  auto body = json::parse(req.body, nullptr, false);
  if (!body.is_object()) throw core::BadRequest("the body must be a JSON object");
  long long version = http::required_version(req, body);
  return Response::json(200, to_json(store.update(&req.who(), req.param("key"), version, body)));
}

Response delete_template(TemplateStore& store, const Request& req) {
  store.remove(&req.who(), req.param("key"));
  return Response::no_content();
}

}  // namespace

void add_template_routes(http::Router& router, db::Database& db) {
  register_schemas();
  constexpr auto kAdmin = Access::kAdmin;
  using kit::with_store;
  kit::add_routes(router, db,
                  {{"POST",
                    "/api/v1/templates",
                    kAdmin,
                    with_store<TemplateStore>(copy_template),
                    {"Copy a method template into the tenant's own (administrators)", "projects",
                     "TemplateCopy", "MethodTemplate", false, 201}},
                   {"GET",
                    "/api/v1/templates/{key}",
                    Access::kAuthenticated,
                    with_store<TemplateStore>(read_template),
                    {"Read one method template", "projects", "", "MethodTemplate"}},
                   {"PUT",
                    "/api/v1/templates/{key}",
                    kAdmin,
                    with_store<TemplateStore>(replace_template),
                    {"Replace a tenant template's phases and items (needs the version)", "projects",
                     "TemplateDefinition", "MethodTemplate"}},
                   {"DELETE",
                    "/api/v1/templates/{key}",
                    kAdmin,
                    with_store<TemplateStore>(delete_template),
                    {"Delete a tenant template (running projects keep their copy)", "projects", "",
                     "", false, 204}}});
  kit::add_page_routes(
      router, db,
      {{"GET", "/templates",
        [](db::Database& db, const Request& req) {
          return list_page(db, req, json::object(), json::object(), 200);
        },
        "Method templates"},
       {"POST", "/templates", copy_from_form, "Copy a template from the form", kAdmin},
       {"GET", "/templates/{key}",
        [](db::Database& db, const Request& req) {
          return template_page(db, req, json::object(), nullptr, 200);
        },
        "One method template"},
       {"POST", "/templates/{key}", save_from_form, "Save a tenant template from the form", kAdmin},
       {"POST", "/templates/{key}/delete", with_store<TemplateStore>(delete_from_form),
        "Delete a tenant template from the form", kAdmin}});
}

}  // namespace projects
