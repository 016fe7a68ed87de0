// A project's page for the workflow bank, /projects/{id}/bank (under the adoption tab): the
// classification form, the preview of exactly what would be published, and only then the
// publish button; unpublish. Publishing and unpublishing need the decide right, as the API.
#include "bank/bank_input.hpp"
#include "bank/bank_routes.hpp"
#include "bank/bank_store.hpp"
#include "bank/bank_views.hpp"
#include "bank/project_source.hpp"
#include "bank/snapshot.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/scope.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace bank {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;
using projects::ProjectScope;

constexpr std::initializer_list<const char*> kFields = {
    "summary", "service_area", "kle", "tags", "licence", "contact_role", "language"};

// What the form starts from: the published entry's classification, or the defaults.
json first_form(const Request& req, BankStore& store, const std::string& project_id) {
  json form = {{"summary", ""},
               {"service_area", "other"},
               {"kle", ""},
               {"tags", ""},
               {"licence", "cc_by_4_0"},
               {"contact_role", "project_leader"},
               {"language", req.who().tenant_locale.empty() ? "da" : req.who().tenant_locale}};
  if (auto listed = store.of_project(project_id)) {
    auto e = store.get(listed->id).entry;
    std::string tags;
    for (const auto& t : e.tags) tags += (tags.empty() ? "" : ", ") + t;
    form = {{"summary", e.summary},      {"service_area", e.service_area},
            {"kle", e.kle.value_or("")}, {"tags", tags},
            {"licence", e.licence},      {"contact_role", e.contact_role},
            {"language", e.language}};
  }
  return form;
}

Response render(db::Database& db, const Request& req, json form, const json& errors, int status,
                const json& preview) {
  auto sql = db.lease();
  ProjectScope scope(*sql, req, req.param("id"));
  BankStore store(*sql, scope.tenant_id());
  auto view = kit::project_view(req, scope, "adoption");
  if (auto listed = store.of_project(scope.project().id))
    view["listed"] = listed_view(req, *listed);
  if (form.is_null()) form = first_form(req, store, scope.project().id);
  view["form"] = form;
  view["errors"] = errors;
  view["may_decide"] = scope.may(ProjectRight::kDecide);
  view["areas"] = area_choices(req, form.value("service_area", ""));
  view["licences"] = licence_choices(req, form.value("licence", ""));
  view["roles"] = role_choices(req, form.value("contact_role", ""));
  view["languages"] = language_choices(req, form.value("language", ""));
  if (!preview.is_null()) {
    view["preview"] = true;
    view["entry"] = preview;
    view["entry_html"] = web::render_template("bank/entry_body", view);
  }
  return web::page(req, "bank/publish", view, {"bank_publish_title", "", status});
}

Response show_page(db::Database& db, const Request& req) {
  return render(db, req, nullptr, json::object(), 200, nullptr);
}

Response post_publish(db::Database& db, const Request& req) {
  auto posted = req.form();
  json typed = kit::typed_fields(posted, kFields);
  bool publish = posted.count("step") != 0 && posted.at("step") == "publish";
  return kit::project_form_post(
      db, req, ProjectRight::kDecide,
      [&](const ProjectScope& scope) {
        core::Input input(typed, true);
        auto c = parse_classification(input, req.who().tenant_locale);
        input.check();
        auto entry =
            build_entry(read_project(scope.sql(), scope.tenant_id(), scope.project().id), c);
        if (!publish) return render(db, req, typed, json::object(), 200, entry_view(req, entry));
        auto listed = BankStore(scope.sql(), scope.tenant_id())
                          .publish(&req.who(), scope.project().id, entry);
        return Response::redirect("/bank/" + listed.id);
      },
      [&](const kit::FormRefusal& refused) {
        return render(db, req, typed, refused.errors, refused.status, nullptr);
      });
}

Response post_unpublish(db::Database& db, const Request& req) {
  return kit::project_form_post(
      db, req, ProjectRight::kDecide,
      [&](const ProjectScope& scope) {
        BankStore(scope.sql(), scope.tenant_id()).unpublish(&req.who(), scope.project().id);
        return Response::redirect("/projects/" + scope.project().id + "/bank");
      },
      [&](const kit::FormRefusal& refused) {
        return render(db, req, nullptr, refused.errors, refused.status, nullptr);
      });
}

}  // namespace

projects::PageSection project_page_section() {
  return [](const ProjectScope& scope, const Request& req) {
    auto view = kit::section_view(req, scope);
    if (auto listed = BankStore(scope.sql(), scope.tenant_id()).of_project(scope.project().id))
      view["listed"] = listed_view(req, *listed);
    return web::render_template("bank/project_section", view);
  };
}

void add_publish_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}/bank", show_page, "Share the project in the workflow bank"},
       {"POST", "/projects/{id}/bank", post_publish, "Preview, then publish to the workflow bank"},
       {"POST", "/projects/{id}/bank/unpublish", post_unpublish,
        "Take the entry out of the bank"}});
}

}  // namespace bank
