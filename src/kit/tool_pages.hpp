#pragma once

// The pages of one of a project's tools, written once: the tool's page with its add form at
// /projects/{id}/<path>, one object's page at /projects/{id}/<path>/{<param>} with its change
// form, and the removal. A feature declares only what its views show:
//
//   const kit::ToolPages<Win, WinStore>& pages() {
//     static const kit::ToolPages<Win, WinStore> kPages{
//         .path = "wins", .param = "win", .noun = "win", .fields = win_fields,
//         .typed = typed_form, .list_view = wins_view, .object_view = win_view};
//     return kPages;
//   }
//   kit::add_page_routes(router, db, pages().routes("The project's wins log"));
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/resource.hpp"
#include "kit/scope.hpp"

namespace kit {

// What a page's form shows: a null form is the blank one (tool page) or the stored object's
// (object page); after a refused post, what was typed, the messages, the status and, on 409,
// the stored object.
struct Shown {
  nlohmann::json form;
  nlohmann::json errors = nlohmann::json::object();
  int status = 200;
  nlohmann::json conflict;
};

// After a refused post: `typed` shown again, with the version to save over (keep_version).
inline Shown shown_again(nlohmann::json typed, const FormRefusal& refused) {
  keep_version(typed, refused);
  return {std::move(typed), refused.errors, refused.status,
          refused.status == 409 ? refused.current : nlohmann::json()};
}

inline std::string tool_url(const std::string& project_id, const std::string& path) {
  return "/projects/" + project_id + "/" + path;
}

// What every tool page's view holds besides its own: whether a save just happened, whether the
// caller may edit, what is stored after a 409, and, for one who may not edit and so sees no
// form, why a post was refused. Returns whether the page shows its form.
inline bool add_form_state(nlohmann::json& view, const http::Request& req,
                           const ProjectScope& scope, const Shown& shown) {
  view["saved"] = req.query_param("saved").has_value();
  const bool may_edit = scope.may(ProjectRight::kEdit);
  view["may_edit"] = may_edit;
  if (!shown.conflict.is_null()) view["conflict"] = shown.conflict;
  if (!may_edit && shown.errors.contains("_form")) view["refused"] = shown.errors["_form"];
  return may_edit;
}

// An object's page: the tool's tab, the object's view under `key` (its "url" gives the
// removal's "delete_url"), and add_form_state.
inline nlohmann::json object_view(const http::Request& req, const ProjectScope& scope,
                                  const std::string& tab, const std::string& key,
                                  nlohmann::json object, const Shown& shown) {
  auto view = project_view(req, scope, tab);
  view["delete_url"] = object["url"].get<std::string>() + "/delete";
  view[key] = std::move(object);
  add_form_state(view, req, scope, shown);
  return view;
}

// Objects that fall due carry the reader's today, so their views can say what is overdue.
template <typename T>
void set_today(T& item, const http::Request& req) {
  if constexpr (requires { item.today; }) item.today = req.who().today();
}

template <typename T>
std::vector<T> with_today(std::vector<T> items, const http::Request& req) {
  for (auto& item : items) set_today(item, req);
  return items;
}

template <typename T, typename Store>
struct ToolPages {
  using Form = std::map<std::string, std::string>;
  using ListView = std::function<http::Response(soci::session&, const http::Request&,
                                                const ProjectScope&, const Shown&)>;
  using ObjectView = std::function<http::Response(soci::session&, const http::Request&, T&,
                                                  const ProjectScope&, const Shown&)>;
  using Place = std::function<std::string(const T&)>;

  std::string path;   // "communication": the tool's page is /projects/{id}/communication
  std::string param;  // "row": one object's page is /projects/{id}/communication/{row}
  std::string noun;  // "communication": in "no communication with id …" and the routes' summaries
  const Fields<T>& (*fields)() = nullptr;
  std::function<nlohmann::json(const Form&)> typed;  // the posted form as typed, to show again
  ListView list_view;
  ObjectView object_view;
  // What is read by `fields` from a posted form; the form itself unless set.
  std::function<nlohmann::json(const Form&)> body = nullptr;
  // Fills in what a posted change form does not send, such as an unticked box.
  std::function<void(Form&)> complete = nullptr;
  // Where a save leads (with "?saved=1"): the tool's page unless set.
  Place after_create = nullptr;
  Place after_change = nullptr;

  std::string url(const std::string& project_id) const { return tool_url(project_id, path); }

  // The object of the address and the caller's scope in its project (NotFound first).
  std::pair<T, ProjectScope> load(soci::session& sql, const http::Request& req) const {
    auto loaded = load_in_project<T, Store>(sql, req, param, not_found(req));
    set_today(loaded.first, req);
    return loaded;
  }

  http::Response list(db::Database& db, const http::Request& req, const Shown& shown) const {
    auto sql = db.lease();
    ProjectScope scope(*sql, req, req.param("id"));
    return list_view(*sql, req, scope, shown);
  }

  http::Response object(soci::session& sql, const http::Request& req, const Shown& shown) const {
    auto [item, scope] = load(sql, req);
    return object_view(sql, req, item, scope, shown);
  }

  // The add form: the object created in the project `{id}` once the caller may edit it.
  http::Response create(db::Database& db, const http::Request& req) const {
    auto form = req.form();
    return project_form_post(
        db, req, ProjectRight::kEdit,
        [&](const ProjectScope& scope) {
          core::Input input(read(form), true);
          auto made = Store(scope.sql(), scope.tenant_id())
                          .create(&req.who(), scope.project().id, fields().parse_new(input));
          return http::Response::redirect(place(after_create, made) + "?saved=1");
        },
        [&](const FormRefusal& refused) {
          return list(db, req, shown_again(typed(form), refused));
        });
  }

  // A change of the object at the version the form was shown with.
  http::Response change(db::Database& db, const http::Request& req, const Form& posted) const {
    return form_update<Store>(
        db, req, fields(), read(posted),
        [this](soci::session& sql, const http::Request& r) { return load(sql, r); },
        [this](const T& item) { return place(after_change, item) + "?saved=1"; },
        [&](soci::session& sql, const FormRefusal& refused) {
          return object(sql, req, shown_again(typed(posted), refused));
        });
  }

  http::Response remove(db::Database& db, const http::Request& req) const {
    auto item = remove_in_project<T, Store>(db, req, param, not_found(req));
    return http::Response::redirect(url(item.project_id) + "?saved=1");
  }

  // The tool's page, its add form, one object's page, its change form and its removal.
  std::vector<PageRoute> routes(const std::string& list_summary) const {
    const std::string base = "/projects/{id}/" + path;
    const std::string one = base + "/{" + param + "}";
    return {
        {"GET", base,
         [this](db::Database& db, const http::Request& req) { return list(db, req, {}); },
         list_summary},
        {"POST", base,
         [this](db::Database& db, const http::Request& req) { return create(db, req); },
         "Add a " + noun + " from the form"},
        {"GET", one,
         [this](db::Database& db, const http::Request& req) {
           auto sql = db.lease();
           return object(*sql, req, {});
         },
         "One " + noun},
        {"POST", one,
         [this](db::Database& db, const http::Request& req) {
           auto form = req.form();
           if (complete) complete(form);
           return change(db, req, form);
         },
         "Change a " + noun},
        {"POST", one + "/delete",
         [this](db::Database& db, const http::Request& req) { return remove(db, req); },
         "Remove a " + noun},
    };
  }

 private:
  std::string not_found(const http::Request& req) const {
    return "no " + noun + " with id " + req.param(param);
  }
  nlohmann::json read(const Form& form) const { return body ? body(form) : nlohmann::json(form); }
  std::string place(const Place& chosen, const T& item) const {
    return chosen ? chosen(item) : url(item.project_id);
  }
};

}  // namespace kit
