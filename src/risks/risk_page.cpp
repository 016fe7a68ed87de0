// One risk's page: its scores, mitigations (each may become an action-plan row), what
// happens now once it occurred, the history of its scores, and the form to change it.
#include "http/paging.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/resource.hpp"
#include "risks/risk_form.hpp"
#include "risks/risk_store.hpp"
#include "risks/risk_view.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace risks {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

std::string not_found(const Request& req) { return "no risk with id " + req.param("risk"); }

std::string shown(const json& v) { return v.is_null() ? "–" : v.dump(); }

json history_rows(const std::vector<ScoreChange>& changes, const std::string& locale) {
  json rows = json::array();
  for (const auto& c : changes) {
    json parts = json::array();
    for (const auto& [field, change] : c.changes.items())
      parts.push_back({{"label", web::t(locale, "risk_" + field)},
                       {"before", shown(change.value("before", json()))},
                       {"after", shown(change.value("after", json()))},
                       {"last", false}});
    if (!parts.empty()) parts.back()["last"] = true;
    rows.push_back({{"at", c.at.substr(0, 16)}, {"actor", c.actor}, {"changes", parts}});
  }
  return rows;
}

json mitigation_rows(const Risk& r) {
  json rows = json::array();
  for (std::size_t i = 0; i < r.mitigations.size(); ++i) {
    json row = {{"index", i}, {"text", r.mitigations[i]}};
    for (const auto& l : r.linked_actions)
      if (l.value("source", "") == "mitigation" && l.value("text", "") == r.mitigations[i])
        row["action_id"] = l["action_id"];
    rows.push_back(std::move(row));
  }
  return rows;
}

void risk_view(json& view, const Risk& r, const std::string& locale, RiskStore& store) {
  view["risk"] = to_json(r);
  view["band_label"] =
      web::t(locale, "risk_band_" + band(score(r.probability, r.consequence), r.bands));
  if (auto a = score_after(r))
    view["band_after_label"] = web::t(locale, "risk_band_" + band(*a, r.bands));
  view["status_label"] = web::t(locale, "risk_status_" + r.status);
  view["mitigations"] = mitigation_rows(r);
  view["has_mitigations"] = !r.mitigations.empty();
  view["occurred"] = r.status == "occurred";
  for (const auto& l : r.linked_actions)
    if (l.value("source", "") == "occurred") view["occurred_action"] = l["action_id"];
  view["history"] = history_rows(store.score_history(r.id), locale);
  view["has_history"] = !view["history"].empty();
}

Response risk_page(db::Database& db, const Request& req, const json& form, const json& errors,
                   int status) {
  auto sql = db.lease();
  auto [r, scope] = kit::load_in_project<Risk, RiskStore>(*sql, req, "risk", not_found(req));
  RiskStore store(*sql, scope.tenant_id());
  auto view = kit::project_view(req, scope, "risks");
  risk_view(view, r, req.locale, store);
  view["may_edit"] = scope.may(kit::ProjectRight::kEdit);
  view["saved"] = req.query_param("saved").has_value();
  view["errors"] = errors;
  json shown_form = form.is_null() ? form_of(r) : form;
  view["form"] = shown_form;
  view["form_fields"] = form_fields_html(scope, req, shown_form, errors, true);
  return web::page(req, "risks/risk", view, {"risk_page_title", "projects", status});
}

Response save_risk(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = typed_form(form);
  return kit::form_post(
      req,
      [&] {
        auto sql = db.lease();
        auto [current, scope] =
            kit::load_in_project<Risk, RiskStore>(*sql, req, "risk", not_found(req));
        scope.require(kit::ProjectRight::kEdit);
        auto input = core::Input::from_form(form);
        long long version = http::required_version(req, input.raw());
        auto changed = risk_fields().apply(input, current);
        RiskStore(*sql, scope.tenant_id()).update(&req.who(), changed, version);
        return Response::redirect(req.path + "?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        if (refused.status == 409 && refused.current.is_object())
          typed["version"] = std::to_string(refused.current.value("version", 0LL));
        return risk_page(db, req, typed, refused.errors, refused.status);
      });
}

// "Make this an action": a mitigation (mitigation=<index>) or what happens now
// (occurred=true) becomes an action-plan row; a refusal shows above the page.
Response raise_action(db::Database& db, const Request& req) {
  auto form = req.form();
  return kit::form_post(
      req,
      [&] {
        auto sql = db.lease();
        auto [r, scope] = kit::load_in_project<Risk, RiskStore>(*sql, req, "risk", not_found(req));
        scope.require(kit::ProjectRight::kEdit);
        auto input = core::Input::from_form(form);
        auto index = input.optional_int("mitigation", 0, kMitigationsMax - 1);
        input.check();
        RiskStore(*sql, scope.tenant_id())
            .raise_action(&req.who(), r, index ? std::optional<std::size_t>(*index) : std::nullopt);
        return Response::redirect("/projects/" + r.project_id + "/risks/" + r.id + "?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        json errors = refused.errors;
        if (!errors.contains("_form") && !errors.empty()) errors["_form"] = errors.begin().value();
        return risk_page(db, req, nullptr, errors, refused.status);
      });
}

Response delete_risk(db::Database& db, const Request& req) {
  auto r = kit::remove_in_project<Risk, RiskStore>(db, req, "risk", not_found(req));
  return Response::redirect("/projects/" + r.project_id + "/risks?saved=1");
}

}  // namespace

std::vector<kit::PageRoute> risk_page_routes() {
  return {{"GET", "/projects/{id}/risks/{risk}",
           [](db::Database& db, const Request& req) {
             return risk_page(db, req, nullptr, json::object(), 200);
           },
           "One risk: scores, mitigations, history and the form to change it"},
          {"POST", "/projects/{id}/risks/{risk}", save_risk, "Save a risk from its form"},
          {"POST", "/projects/{id}/risks/{risk}/actions", raise_action,
           "Turn a mitigation or what happens now into an action-plan row"},
          {"POST", "/projects/{id}/risks/{risk}/delete", delete_risk, "Remove a risk"}};
}

}  // namespace risks
