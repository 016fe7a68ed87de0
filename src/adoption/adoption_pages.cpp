// Adoption pages: the project page's section and the adoption page with a form per
// step; the closing report and the KPI page's split are in closing_report_pages.cpp.
#include <cstdlib>

#include "adoption/adoption_input.hpp"
#include "adoption/adoption_routes.hpp"
#include "adoption/adoption_store.hpp"
#include "adoption/adoption_views.hpp"
#include "core/errors.hpp"
#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/scope.hpp"
#include "maps/map_routes.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace adoption {
namespace {

json step_view(const Request& req, const std::string& project_id, const Step& s) {
  json v = to_json(s);
  v["status_label"] = status_label(req, s.status);
  v["url"] = "/projects/" + project_id + "/adoption/steps/" + s.element_id;
  v["decided"] = s.decision_id.has_value();
  v["may_change"] = !next_statuses(s.status).empty();
  return v;
}

// The status history, of one step when `element_id` is given.
json history_rows(const Request& req, AdoptionStore& store, const std::string& project_id,
                  const std::string& element_id = "") {
  json history = json::array();
  for (const auto& h : store.history(project_id)) {
    if (!element_id.empty() && h.element_id != element_id) continue;
    json row = to_json(h);
    row["from_label"] = status_label(req, h.from_status);
    row["to_label"] = status_label(req, h.to_status);
    history.push_back(row);
  }
  return history;
}

Response adoption_page(db::Database& db, const Request& req) {
  auto sql = db.lease();
  kit::ProjectScope scope(*sql, req, req.param("id"));
  scope.require(ProjectRight::kRead);
  auto view = kit::project_view(req, scope, "adoption");
  AdoptionStore store(*sql, scope.tenant_id());
  auto o = store.overview(scope.project().id);
  json steps = json::array();
  for (const auto& s : o.steps) steps.push_back(step_view(req, scope.project().id, s));
  view["steps"] = steps;
  view["has_steps"] = !o.steps.empty();
  view["map_title"] = o.map_title.value_or("");
  view["has_map"] = o.map_id.has_value();
  view["share"] = share_view(req, o.share);
  view["history"] = history_rows(req, store, scope.project().id);
  view["has_history"] = !view["history"].empty();
  view["may_decide"] = scope.may(ProjectRight::kDecide);
  view["saved"] = req.query_param("saved").has_value();
  return web::page(req, "adoption/adoption", view, {"adoption_title", "projects", 200});
}

json status_options(const Request& req, const Step& step, const json& form) {
  json options = json::array();
  for (const auto& s : next_statuses(step.status))
    options.push_back({{"value", s},
                       {"label", status_label(req, s)},
                       {"selected", form.value("status", "") == s},
                       {"id", "a-status-" + s}});
  return options;
}

json meeting_options(AdoptionStore& store, const std::string& project_id, const json& form) {
  json meetings = json::array();
  for (auto m : store.meetings(project_id)) {
    m["selected"] = form.value("meeting_id", "") == m["id"];
    m["starts_on"] = m["starts_at"].get<std::string>().substr(0, 10);
    meetings.push_back(m);
  }
  return meetings;
}

Response step_page(db::Database& db, const Request& req, json form, const json& errors,
                   int status) {
  auto sql = db.lease();
  kit::ProjectScope scope(*sql, req, req.param("id"));
  scope.require(ProjectRight::kDecide);
  auto view = kit::project_view(req, scope, "adoption");
  AdoptionStore store(*sql, scope.tenant_id());
  auto step = store.step(scope.project().id, req.param("element"));
  view["step"] = step_view(req, scope.project().id, step);
  if (form.is_null())
    form = {{"status", ""},
            {"decision", ""},
            {"decided_on", ""},
            {"meeting_id", ""},
            {"version", std::to_string(step.version)}};
  view["status_options"] = status_options(req, step, form);
  view["meetings"] = meeting_options(store, scope.project().id, form);
  view["has_meetings"] = !view["meetings"].empty();
  view["history"] = history_rows(req, store, scope.project().id, step.element_id);
  view["has_history"] = !view["history"].empty();
  view["form"] = form;
  view["errors"] = errors;
  return web::page(req, "adoption/step", view, {"adoption_step_title", "projects", status});
}

Response save_step(db::Database& db, const Request& req) {
  json typed =
      kit::typed_fields(req.form(), {"status", "decision", "decided_on", "meeting_id", "version"});
  return kit::project_form_post(
      db, req, ProjectRight::kDecide,
      [&](const kit::ProjectScope& scope) {
        json in = {{"element_id", req.param("element")},
                   {"decision", typed["decision"]},
                   {"decided_on", typed["decided_on"]},
                   {"meeting_id", typed["meeting_id"]}};
        if (typed["status"] != "") in["status"] = typed["status"];
        core::Input input(in, true);
        auto change = parse_change(input, req.who());
        input.check();
        long long version = std::atoll(typed["version"].get<std::string>().c_str());
        AdoptionStore(scope.sql(), scope.tenant_id())
            .change(&req.who(), scope.project().id, change, version);
        return Response::redirect("/projects/" + req.param("id") + "/adoption?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        if (refused.status == 409)
          typed["version"] = std::to_string(refused.current.value("version", 1LL));
        return step_page(db, req, typed, refused.errors, refused.status);
      });
}

}  // namespace

std::string status_label(const Request& req, const std::string& status) {
  return web::t(req.locale, "adoption_status_" + status);
}

std::string replace(std::string text, const std::string& key, const std::string& value) {
  auto pos = text.find(key);
  if (pos != std::string::npos) text.replace(pos, key.size(), value);
  return text;
}

json share_view(const Request& req, const Share& share) {
  std::string text = web::t(req.locale, "adoption_share_text");
  text = replace(text, "{adopted}", std::to_string(share.adopted));
  text = replace(text, "{total}", std::to_string(share.total));
  text = replace(text, "{percent}", std::to_string(share.percent));
  return {{"adopted", share.adopted},
          {"total", share.total},
          {"percent", share.percent},
          {"text", text},
          {"has_steps", share.total > 0}};
}

projects::PageSection project_page_section() {
  return [](const projects::ProjectScope& scope, const Request& req) {
    auto view = kit::section_view(req, scope);
    auto o = AdoptionStore(scope.sql(), scope.tenant_id())
                 .overview(scope.checked(), maps::project_maps(scope));
    view["share"] = share_view(req, o.share);
    view["has_map"] = o.map_id.has_value();
    return web::render_template("adoption/project_section", view);
  };
}

void add_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(router, db,
                       {{"GET", "/projects/{id}/adoption", adoption_page,
                         "How much of the redesign is adopted, step by step"},
                        {"GET", "/projects/{id}/adoption/steps/{element}",
                         [](db::Database& db, const Request& req) {
                           return step_page(db, req, nullptr, json::object(), 200);
                         },
                         "Change a step's adoption status by a decision"},
                        {"POST", "/projects/{id}/adoption/steps/{element}", save_step,
                         "Record the decision and change the step's status"}});
  add_report_pages(router, db);
}

}  // namespace adoption
