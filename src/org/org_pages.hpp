#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/input.hpp"
#include "db/database.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "org/org.hpp"

// What the organisation pages (/org, /people) share: select options and the typed form.
namespace org::pages {

// Units in tree order, indented by depth, marking `selected`; `exclude` leaves one out.
nlohmann::json unit_options(const std::vector<Unit>& units, const std::string& selected,
                            const std::string& exclude = "");
// Every person of the tenant by name.
nlohmann::json person_options(soci::session& sql, const std::string& tenant_id,
                              const std::string& selected);
nlohmann::json kind_options(const http::Request& req, const std::string& selected);
nlohmann::json locale_options(const http::Request& req, const std::string& selected);
std::map<std::string, std::string> person_names(soci::session& sql, const std::string& tenant_id);

// The form as typed, for showing it again.
nlohmann::json typed(const std::map<std::string, std::string>& form);
// The version an edit form was loaded at; a missing one fails the input.
long long form_version(core::Input& input);

// A list page with an add form and an edit page per object, for administrators to change:
//   GET <list_path>             the list (list_page)
//   POST <add_path>             add from the list's form; refused, the list again
//   GET <item_path>             the edit page (edit_page)
//   POST <item_path>            save at the version the form was loaded at; refused, the
//                               edit page again (after a 409 with the stored object)
//   POST <item_path>/delete     remove
// Saved, each goes back to <list_path>?saved=1.
template <typename T, typename Store>
struct EditablePages {
  std::string list_path, add_path, item_path;
  const kit::Fields<T>* fields;
  std::function<http::Response(db::Database&, const http::Request&, const nlohmann::json& form,
                               const nlohmann::json& errors, int status)>
      list_page;
  std::function<http::Response(db::Database&, const http::Request&, const T&,
                               const nlohmann::json& form, const nlohmann::json& errors,
                               const nlohmann::json& conflict, int status)>
      edit_page;
  // Optional: the posted edit form before it is read (an unticked checkbox is absent).
  std::function<void(std::map<std::string, std::string>&)> complete_form;
  struct Summaries {
    std::string list, add, edit, save, remove;
  } summaries;
};

// The edit form of a stored object, at its version.
template <typename T>
nlohmann::json edit_form(const kit::Fields<T>& fields, const T& t) {
  nlohmann::json form = fields.form_values(t);
  form["version"] = std::to_string(t.version);
  return form;
}

template <typename T, typename Store>
T stored(db::Database& db, const http::Request& req) {
  auto sql = db.lease();
  return Store(*sql, req.who().tenant_id).get(req.param("id"));
}

template <typename T, typename Store>
http::Response add_post(db::Database& db, const http::Request& req,
                        const EditablePages<T, Store>& p) {
  auto form = req.form();
  return kit::form_post(
      req,
      [&] {
        auto input = core::Input::from_form(form);
        T fresh = p.fields->parse_new(input);
        auto sql = db.lease();
        Store(*sql, req.who().tenant_id).create(&req.who(), fresh);
        return http::Response::redirect(p.list_path + "?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        return p.list_page(db, req, typed(form), refused.errors, refused.status);
      });
}

template <typename T, typename Store>
http::Response save_post(db::Database& db, const http::Request& req,
                         const EditablePages<T, Store>& p) {
  auto form = req.form();
  if (p.complete_form) p.complete_form(form);
  return kit::form_post(
      req,
      [&] {
        auto input = core::Input::from_form(form);
        long long version = form_version(input);
        auto sql = db.lease();
        Store store(*sql, req.who().tenant_id);
        store.update(&req.who(), p.fields->apply(input, store.get(req.param("id"))), version);
        return http::Response::redirect(p.list_path + "?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        T now = stored<T, Store>(db, req);
        auto again = typed(form);
        nlohmann::json conflict = nullptr;
        if (refused.status == 409) {
          conflict = edit_form(*p.fields, now);
          // The next save goes against the version now stored, keeping what was typed.
          again["version"] = std::to_string(now.version);
        }
        return p.edit_page(db, req, now, again, refused.errors, conflict, refused.status);
      });
}

template <typename T, typename Store>
void add_editable_pages(http::Router& router, db::Database& db, EditablePages<T, Store> declared) {
  using http::Access;
  using http::Request;
  auto p = std::make_shared<const EditablePages<T, Store>>(std::move(declared));
  kit::add_page_routes(
      router, db,
      {{"GET", p->list_path,
        [p](db::Database& db, const Request& req) {
          return p->list_page(db, req, nlohmann::json::object(), nlohmann::json::object(), 200);
        },
        p->summaries.list},
       {"POST", p->add_path,
        [p](db::Database& db, const Request& req) { return add_post(db, req, *p); },
        p->summaries.add, Access::kAdmin},
       {"GET", p->item_path,
        [p](db::Database& db, const Request& req) {
          T t = stored<T, Store>(db, req);
          return p->edit_page(db, req, t, edit_form(*p->fields, t), nlohmann::json::object(),
                              nullptr, 200);
        },
        p->summaries.edit},
       {"POST", p->item_path,
        [p](db::Database& db, const Request& req) { return save_post(db, req, *p); },
        p->summaries.save, Access::kAdmin},
       {"POST", p->item_path + "/delete",
        [p](db::Database& db, const Request& req) {
          auto sql = db.lease();
          Store(*sql, req.who().tenant_id).remove(&req.who(), req.param("id"), std::nullopt);
          return http::Response::redirect(p->list_path + "?saved=1");
        },
        p->summaries.remove, Access::kAdmin}});
}

void add_unit_pages(http::Router& router, db::Database& db);
void add_people_pages(http::Router& router, db::Database& db);

}  // namespace org::pages
