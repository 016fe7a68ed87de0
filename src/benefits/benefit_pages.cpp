// Benefits realisation in the browser: the plan with the gevinstdiagram and the form to add
// a benefit, a benefit's page to edit it, link KPIs and judge it, and the overview's section.
#include <algorithm>

#include "benefits/benefit_api.hpp"
#include "benefits/benefit_reader.hpp"
#include "benefits/benefit_routes.hpp"
#include "benefits/benefit_store.hpp"
#include "benefits/benefit_view.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/resource.hpp"
#include "kit/scope.hpp"
#include "kpis/kpi_pages.hpp"
#include "web/choices.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace benefits {
namespace {

using http::Request;
using http::Response;
using kit::ProjectRight;
using kit::ProjectScope;
using nlohmann::json;

constexpr std::size_t kSectionRows = 5;

std::string lines_text(const json& v) {
  if (!v.is_array()) return v.is_string() ? v.get<std::string>() : "";
  std::string out;
  for (const auto& line : v) out += (out.empty() ? "" : "\n") + line.get<std::string>();
  return out;
}

// The form's values from a benefit (numbers with the reader's decimal mark, lists as one
// item per line).
json form_of(const Request& req, const Benefit& b) {
  json form = benefit_fields().form_values(b);
  form["baseline"] = b.baseline ? kpis::number_text(req.locale, *b.baseline) : "";
  form["target"] = b.target ? kpis::number_text(req.locale, *b.target) : "";
  form["deliverables"] = lines_text(form["deliverables"]);
  form["changes"] = lines_text(form["changes"]);
  return form;
}

// The form as posted: lists of KPIs as arrays, everything else as typed.
json posted(const Request& req) {
  json form = http::form_json(req.body, {"kpi_ids"});
  for (const char* k : {"title", "category", "owner_id", "responsible_id", "leader_id", "baseline",
                        "target", "unit", "target_date", "deliverables", "changes"})
    if (!form.contains(k)) form[k] = "";
  return form;
}

json people_options(const Names& people, const json& selected) {
  json out = json::array();
  std::string chosen = selected.is_string() ? selected.get<std::string>() : "";
  for (const auto& [id, name] : people)
    out.push_back({{"value", id}, {"label", name}, {"selected", id == chosen}});
  std::sort(out.begin(), out.end(),
            [](const json& a, const json& b) { return a["label"] < b["label"]; });
  return out;
}

// The form's choices: categories, people for the three roles, the project's KPIs to link.
void form_choices(json& view, const Request& req, const BenefitReader& reader, const Names& people,
                  const json& form) {
  view["category_options"] = web::translated_options(req.locale, kCategories, "benefit_category_",
                                                     form.value("category", "citizen_quality"));
  for (const char* k : {"owner_id", "responsible_id", "leader_id"})
    view[std::string(k) + "_options"] = people_options(people, form[k]);
  json kpis = json::array();
  const json& linked = form["kpi_ids"];
  for (const auto& k : reader.project_kpis()) {
    bool on = linked.is_array() && std::find(linked.begin(), linked.end(), k.id) != linked.end();
    kpis.push_back({{"id", k.id}, {"name", k.name}, {"checked", on}});
  }
  view["kpi_options"] = kpis;
  view["has_kpi_options"] = !kpis.empty();
}

// The benefit form (templates/benefits/form), shared by the plan and a benefit's page.
std::string form_html(const Request& req, json& view, const std::string& action,
                      const char* submit_key) {
  view["form_action"] = action;
  view["form_submit"] = web::t(req.locale, submit_key);
  return web::render_template("benefits/form", view);
}

Response plan_page(db::Database& db, const Request& req, json form, const json& errors,
                   int status) {
  auto sql = db.lease();
  ProjectScope scope(*sql, req, req.param("id"));
  const auto& p = scope.project();
  BenefitReader reader(*sql, scope.tenant_id(), p.id, req.who().today());
  auto plan = reader.plan(p.id);
  auto people = person_names(scope);
  auto view = kit::project_view(req, scope, "benefits");
  json rows = json::array();
  for (const auto& b : plan) rows.push_back(benefit_row(req, b, people));
  view["benefits"] = rows;
  view["has_benefits"] = !plan.empty();
  view["diagram"] =
      diagram_view(req, plan, p.purpose.value_or(web::t(req.locale, "benefit_no_purpose")));
  view["may_edit"] = scope.may(ProjectRight::kEdit);
  if (form.is_null()) {
    form = form_of(req, BenefitStore(*sql, scope.tenant_id()).with_role_defaults({}, p.id));
    form.erase("version");
  }
  form_choices(view, req, reader, people, form);
  view["form"] = form;
  view["errors"] = errors;
  view["form_html"] = form_html(req, view, "/projects/" + p.id + "/benefits", "benefit_save");
  view["saved"] = req.query_param("saved").has_value();
  return web::page(req, "benefits/plan", view, {"benefit_plan_title", "projects", status});
}

Response add_benefit(db::Database& db, const Request& req) {
  json typed = posted(req);
  return kit::project_form_post(
      db, req, ProjectRight::kEdit,
      [&](const ProjectScope& scope) {
        core::Input input(typed, true);
        BenefitStore store(scope.sql(), scope.tenant_id());
        auto b =
            benefit_fields().parse_new(input, store.with_role_defaults({}, scope.project().id));
        auto stored = store.create(&req.who(), scope.project().id, b);
        return Response::redirect("/projects/" + stored.project_id + "/benefits/" + stored.id +
                                  "?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        return plan_page(db, req, typed, refused.errors, refused.status);
      });
}

// The judgement's form; a refused one shows what was typed with its errors.
void judge_form(json& view, const Request& req, const json& errors) {
  auto typed = kit::typed_fields(req.form(), {"realisation", "reason"});
  view["judge"] = typed;
  view["judge_errors"] = errors;
  view["judgement_options"] = web::translated_options(req.locale, kJudgements,
                                                      "benefit_realisation_", typed["realisation"]);
}

// A benefit's page: its facts and KPIs, the edit form, the judgement.
Response benefit_page(db::Database& db, const Request& req, json form, const json& errors,
                      int status, const std::string& refused_form = "") {
  auto sql = db.lease();
  auto [b, scope] = kit::load_in_project<Benefit, BenefitStore>(
      *sql, req, "benefit", "no benefit with id " + req.param("benefit"));
  BenefitReader reader(*sql, scope.tenant_id(), b.project_id, req.who().today());
  auto completed = reader.complete(b);
  auto people = person_names(scope);
  auto view = kit::project_view(req, scope, "benefits");
  view["benefit"] = benefit_row(req, completed, people);
  view["version"] = b.version;
  view["may_edit"] = scope.may(ProjectRight::kEdit);
  view["may_decide"] = scope.may(ProjectRight::kDecide);
  if (form.is_null() || refused_form == "judge") form = form_of(req, b);
  form_choices(view, req, reader, people, form);
  view["form"] = form;
  view["errors"] = refused_form == "judge" ? json::object() : errors;
  view["form_html"] = form_html(req, view, "/projects/" + b.project_id + "/benefits/" + b.id,
                                "benefit_save_changes");
  judge_form(view, req, refused_form == "judge" ? errors : json::object());
  view["saved"] = req.query_param("saved").has_value();
  return web::page(req, "benefits/benefit", view, {"benefit_page_title", "projects", status});
}

Response show_benefit(db::Database& db, const Request& req) {
  return benefit_page(db, req, nullptr, json::object(), 200);
}

Benefit load_for(soci::session& sql, const Request& req, ProjectRight right) {
  auto [b, scope] = kit::load_in_project<Benefit, BenefitStore>(
      sql, req, "benefit", "no benefit with id " + req.param("benefit"));
  scope.require(right);
  return b;
}

Response save_benefit(db::Database& db, const Request& req) {
  json typed = posted(req);
  return kit::form_post_on(
      db, req, [&](soci::session& sql) { return load_for(sql, req, ProjectRight::kEdit); },
      [&](soci::session& sql, const Benefit& b) {
        core::Input input(typed, true);
        long long version = http::required_version(req, input.raw());
        auto changed = benefit_fields().apply(input, b);
        BenefitStore(sql, req.who().tenant_id).update(&req.who(), changed, version);
        return Response::redirect("/projects/" + b.project_id + "/benefits/" + b.id + "?saved=1");
      },
      [&](soci::session&, const kit::FormRefusal& refused) {
        return benefit_page(db, req, typed, refused.errors, refused.status);
      });
}

Response judge_benefit(db::Database& db, const Request& req) {
  return kit::form_post_on(
      db, req, [&](soci::session& sql) { return load_for(sql, req, ProjectRight::kDecide); },
      [&](soci::session& sql, const Benefit& b) {
        auto input = core::Input::from_form(req.form());
        auto judgement = parse_judgement(input, req.who().today());
        long long version = http::required_version(req, input.raw());
        BenefitStore(sql, req.who().tenant_id).judge(&req.who(), b, judgement, version);
        return Response::redirect("/projects/" + b.project_id + "/benefits/" + b.id + "?saved=1");
      },
      [&](soci::session&, const kit::FormRefusal& refused) {
        return benefit_page(db, req, nullptr, refused.errors, refused.status, "judge");
      });
}

Response delete_benefit(db::Database& db, const Request& req) {
  auto b = kit::remove_in_project<Benefit, BenefitStore>(
      db, req, "benefit", "no benefit with id " + req.param("benefit"));
  return Response::redirect("/projects/" + b.project_id + "/benefits?saved=1");
}

}  // namespace

projects::PageSection project_page_section() {
  return [](const ProjectScope& scope, const Request& req) {
    auto view = kit::section_view(req, scope);
    auto plan = BenefitReader(scope.sql(), scope.tenant_id(), req.who().today(),
                              kpis::project_standings(scope))
                    .plan(scope.checked());
    auto people = names_in(scope, plan);
    json rows = json::array();
    for (const auto& b : plan)
      if (rows.size() < kSectionRows) rows.push_back(benefit_row(req, b, people));
    auto on_track = std::count_if(plan.begin(), plan.end(),
                                  [](const Benefit& b) { return counts_as_on_track(b.status); });
    view["benefits"] = rows;
    view["has_benefits"] = !plan.empty();
    view["summary"] = web::render_message(
        req.locale,
        core::Message{"benefit_on_track_count", {{"on_track", on_track}, {"count", plan.size()}}});
    return web::render_template("benefits/project_section", view);
  };
}

void add_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}/benefits",
        [](db::Database& db, const Request& req) {
          return plan_page(db, req, nullptr, json::object(), 200);
        },
        "The benefits realisation plan and its gevinstdiagram"},
       {"POST", "/projects/{id}/benefits", add_benefit, "Add a benefit from the form"},
       {"GET", "/projects/{id}/benefits/{benefit}", show_benefit, "A benefit of the project"},
       {"POST", "/projects/{id}/benefits/{benefit}", save_benefit, "Change a benefit"},
       {"POST", "/projects/{id}/benefits/{benefit}/judge", judge_benefit,
        "Judge a benefit in the Revisit phase (a decision)"},
       {"POST", "/projects/{id}/benefits/{benefit}/delete", delete_benefit, "Remove a benefit"}});
}

}  // namespace benefits
