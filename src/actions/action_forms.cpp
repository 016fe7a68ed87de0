// The action plan page's form posts. A refused post shows the page again with what was
// typed (kit::form_post); not finding the row or the project, or lacking the right to
// edit, is the error page, as for any address.
#include <algorithm>
#include <map>
#include <optional>

#include "actions/action_plan_page.hpp"
#include "actions/action_store.hpp"
#include "actions/action_view.hpp"
#include "core/errors.hpp"
#include "core/imports.hpp"
#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/resource.hpp"
#include "kit/scope.hpp"

namespace actions {
namespace {

using http::Request;
using http::Response;
using kit::ProjectRight;
using nlohmann::json;
using Form = std::map<std::string, std::string>;

std::string value(const Form& form, const char* key) {
  auto it = form.find(key);
  return it == form.end() ? std::string() : it->second;
}

// The form's fields as typed ("" for those not sent), with the version for an edit.
json typed_fields(const Form& form, bool with_version) {
  json out = json::object();
  for (const char* k : {"task", "responsible_id", "effect", "how", "deadline", "status", "kpi_id"})
    out[k] = value(form, k);
  if (with_version) out["version"] = value(form, "version");
  return out;
}

// NotFound or Forbidden before a form is read: the error page, not the form again.
void require_edit(db::Database& db, const Request& req) {
  auto sql = db.lease();
  kit::ProjectScope(*sql, req, req.param("id")).require(ProjectRight::kEdit);
}

// The row in the address, NotFound unless it belongs to the project in the address, and
// Forbidden unless the caller may edit it.
Action editable_row(soci::session& sql, const Request& req) {
  auto [a, scope] = kit::load_in_project<Action, ActionStore>(sql, req, "action",
                                                              "no such action in this project");
  scope.require(ProjectRight::kEdit);
  return a;
}

Response create(db::Database& db, const Request& req) {
  require_edit(db, req);
  json typed = typed_fields(req.form(), false);
  return kit::form_post(
      req,
      [&] {
        auto sql = db.lease();
        core::Input input(typed, true);
        auto a = ActionStore(*sql, req.who().tenant_id)
                     .create(&req.who(), req.param("id"), action_fields().parse_new(input));
        return Response::redirect(plan_url(req.param("id")) + "?saved=1#row-" + a.id);
      },
      [&](const kit::FormRefusal& refused) {
        return plan_page(
            db, req,
            Typed{.create = typed, .create_errors = refused.errors, .status = refused.status});
      });
}

// The inline form again after a refusal; a 409 shows the stored version to save against.
Response row_again(db::Database& db, const Request& req, const Form& form, const json& typed,
                   const std::string& id, const kit::FormRefusal& refused) {
  Typed shown{.row_id = id, .row = typed, .row_errors = refused.errors, .status = refused.status};
  if (!refused.current.is_null())
    shown.row["version"] = std::to_string(refused.current.value("version", 0LL));
  if (!form.count("task")) {
    // A failed quick status change: the other fields as stored.
    auto sql = db.lease();
    auto stored = action_fields().form_values(ActionStore(*sql, req.who().tenant_id).get(id));
    for (const auto& [k, v] : stored.items())
      if (shown.row.contains(k) && !form.count(k)) shown.row[k] = v;
  }
  return plan_page(db, req, shown);
}

// The inline edit: the full form sends every field, the quick status form only the
// status and the version; only the fields sent change.
Response update(db::Database& db, const Request& req) {
  Action current;
  {
    auto sql = db.lease();
    current = editable_row(*sql, req);
  }
  auto form = req.form();
  json typed = typed_fields(form, true);
  json sent = json::object();
  for (const auto& [k, v] : typed.items())
    if (form.count(k)) sent[k] = v;
  return kit::form_post(
      req,
      [&] {
        core::Input input(sent, true);
        auto version = input.optional_int("version", 1, 1LL << 40);
        if (!version) input.fail("version", "is required");
        auto changed = action_fields().apply(input, current);
        auto sql = db.lease();
        ActionStore(*sql, req.who().tenant_id).update(&req.who(), changed, *version);
        return Response::redirect(plan_url(current.project_id) + "?saved=1#row-" + current.id);
      },
      [&](const kit::FormRefusal& refused) {
        return row_again(db, req, form, typed, current.id, refused);
      });
}

Response accept(db::Database& db, const Request& req) {
  auto form = req.form();
  auto sql = db.lease();
  kit::ProjectScope scope(*sql, req, req.param("id"));
  scope.require(ProjectRight::kEdit);
  auto a =
      ActionStore(*sql, scope.tenant_id())
          .accept(&req.who(), scope.project().id, value(form, "map_id"), value(form, "element_id"));
  return Response::redirect(plan_url(scope.project().id) + "?saved=1#row-" + a.id);
}

// The rows the CSV text plans; a file that cannot be read names the csv field.
std::vector<ImportRow> planned(ActionStore& store, const std::string& project_id,
                               const std::string& csv) {
  try {
    return store.plan_import(project_id, csv, import_vocabulary());
  } catch (const core::BadRequest& e) {
    throw core::ValidationError("csv", e.what());
  }
}

// With "confirm" and no errors the import itself (the redirect); otherwise the preview
// in `shown`.
std::optional<Response> import_confirmed(db::Database& db, const Request& req, const Form& form,
                                         Typed& shown) {
  auto sql = db.lease();
  core::ImportSlot slot;
  ActionStore store(*sql, req.who().tenant_id);
  auto rows = planned(store, req.param("id"), shown.csv);
  bool failed =
      std::any_of(rows.begin(), rows.end(), [](const ImportRow& r) { return r.action == "error"; });
  if (value(form, "confirm") == "1" && !failed && !rows.empty()) {
    store.apply_import(&req.who(), req.param("id"), rows);
    return Response::redirect(plan_url(req.param("id")) +
                              "?imported=" + std::to_string(rows.size()));
  }
  shown.preview = core::import_report(rows, [](const ImportRow& r) { return to_json(r); });
  shown.status = failed ? 422 : 200;
  return std::nullopt;
}

Response import(db::Database& db, const Request& req) {
  require_edit(db, req);
  auto form = req.form();
  Typed shown{.csv = value(form, "csv")};
  return kit::form_post(
      req,
      [&] {
        if (auto done = import_confirmed(db, req, form, shown)) return *done;
        return plan_page(db, req, shown);
      },
      [&](const kit::FormRefusal& refused) {
        // A wrong header or an unreadable file: what it names, as a preview with no rows.
        shown.preview = {
            {"rows",
             json::array(
                 {{{"row", 1}, {"task", ""}, {"action", "error"}, {"errors", refused.errors}}})},
            {"summary", {{"create", 0}, {"update", 0}, {"error", 1}}}};
        shown.status = 422;
        return plan_page(db, req, shown);
      });
}

Response remove(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto a = editable_row(*sql, req);
  ActionStore(*sql, req.who().tenant_id).remove(&req.who(), a.id);
  return Response::redirect(plan_url(a.project_id) + "?saved=1");
}

}  // namespace

void add_form_routes(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"POST", "/projects/{id}/actions", create, "Add a row to the action plan from the form"},
       {"POST", "/projects/{id}/actions/suggestions", accept,
        "Add a redesign step's before-go-live note to the plan"},
       {"POST", "/projects/{id}/actions/import", import,
        "Preview, then import, rows from CSV text"},
       {"POST", "/projects/{id}/actions/{action}", update, "Save a row edited inline"},
       {"POST", "/projects/{id}/actions/{action}/delete", remove, "Remove a row from the form"}});
}

}  // namespace actions
