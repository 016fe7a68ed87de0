// The closing report (printable, downloadable as HTML) with its lessons learned, and
// the suggested split a KPI page offers.
#include <functional>
#include <map>

#include "adoption/adoption_input.hpp"
#include "adoption/adoption_routes.hpp"
#include "adoption/adoption_store.hpp"
#include "adoption/adoption_views.hpp"
#include "adoption/closing_report.hpp"
#include "adoption/goal_outcome_store.hpp"
#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/resource.hpp"
#include "kpis/kpi_store.hpp"
#include "maps/map_view.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"
#include "web/resources.hpp"

namespace adoption {
namespace {

// With the reader's decimal mark ("21,5" in Danish and Swedish).
std::string number_text(const Request& req, const json& v) {
  return v.is_number() ? web::format_number(req.locale, v.get<double>(), 6) : "";
}

json steps_view(const Request& req, const json& steps) {
  json out = json::array();
  for (const auto& s : steps) {
    json v = s;
    v["status_label"] = status_label(req, s["status"]);
    out.push_back(v);
  }
  return out;
}

json kpi_rows(const Request& req, const json& kpis) {
  json out = json::array();
  for (const auto& k : kpis) {
    out.push_back(
        {{"name", k["name"]},
         {"unit", k["unit"]},
         {"direction_label",
          web::t(req.locale, "kpi_direction_" + k["direction"].get<std::string>())},
         {"before", number_text(req, k["baseline_median"])},
         {"after", number_text(req, k["last_median"])},
         {"last_period", k["last_period"]},
         {"target", number_text(req, k["target"])},
         {"reached", k["reached"]},
         {"has_after", k["last_median"].is_number()},
         {"baseline_stated", k["baseline_source"] == "stated" && !k["baseline_median"].is_null()},
         {"first_reached_on", k["target_first_reached_on"]}});
  }
  return out;
}

json goal_rows(const Request& req, const json& goals) {
  json out = json::array();
  int n = 0;
  for (const auto& g : goals) {
    std::string outcome = g["outcome"].is_string() ? g["outcome"].get<std::string>() : "none";
    json options = json::array();
    for (const auto& o : kGoalOutcomes)
      options.push_back({{"value", o},
                         {"label", web::t(req.locale, "goal_outcome_" + o)},
                         {"selected", o == outcome}});
    out.push_back({{"n", ++n},
                   {"kind", g["kind"]},
                   {"kind_label", web::t(req.locale, "goal_kind_" + g["kind"].get<std::string>())},
                   {"goal", g["goal"]},
                   {"outcome", outcome},
                   {"outcome_label", web::t(req.locale, "goal_outcome_" + outcome)},
                   {"note", g["note"]},
                   {"has_note", !g["note"].get<std::string>().empty()},
                   {"unjudged", outcome == "none"},
                   {"options", options}});
  }
  return out;
}

// Each list of the report with a label per row and a flag telling whether it has rows.
void report_view(json& view, const Request& req, const json& report) {
  view["project"] = report["project"];
  view["generated_on"] = report["generated_at"].get<std::string>().substr(0, 10);
  const auto& adoption = report["adoption"];
  view["share"] = share_view(req, Share{adoption["share"]["adopted"], adoption["share"]["total"],
                                        adoption["share"]["percent"]});
  for (const char* k : {"adopted", "keep_developing", "cancelled", "trial"}) {
    view[k] = steps_view(req, adoption[k]);
    view[std::string("has_") + k] = !adoption[k].empty();
  }
  view["goals"] = goal_rows(req, report["goals"]);
  view["has_goals"] = !view["goals"].empty();
  view["map_comparison"] = maps::comparison_rows(req, report["maps"]);
  view["has_map_comparison"] = !view["map_comparison"].empty();
  view["kpis"] = kpi_rows(req, report["kpis"]);
  view["has_kpis"] = !view["kpis"].empty();
  view["actions"] = report["actions"];
  view["has_done"] = !report["actions"]["done"].empty();
  view["has_dropped"] = !report["actions"]["dropped"].empty();
  view["decisions"] = report["decisions"];
  view["has_decisions"] = !report["decisions"].empty();
  json wins = json::array();
  for (json w : report["wins"]) {
    w["kind_label"] = web::t(req.locale, "win_kind_" + w["kind"].get<std::string>());
    wins.push_back(w);
  }
  view["wins"] = wins;
  view["has_wins"] = !wins.empty();
}

// The file stands alone: the report and the stylesheet (its print rules included),
// without the site's navigation, forms or session token.
Response report_file(const Request& req, json view, int status) {
  view["report"] = web::render_template("adoption/closing_report", view);
  view["css"] = std::string(web::resources::find("assets/app.css").value_or(""));
  view["lang"] = req.locale;
  auto r = Response::attachment("text/html; charset=utf-8",
                                web::render_template("adoption/closing_report_file", view),
                                "closing-report-" + req.param("id") + ".html");
  r.status = status;
  return r;
}

Response report_page(db::Database& db, const Request& req, const json& lesson_errors,
                     const std::string& lesson_typed, int status) {
  auto view = web::base_view(req);
  auto sql = db.lease();
  kit::ProjectScope scope(*sql, req, req.param("id"));
  scope.require(ProjectRight::kRead);
  auto report = closing_report(*sql, scope.tenant_id(), scope.project().id, req.locale);
  report_view(view, req, report);
  json lessons = json::array();
  for (json l : report["lessons"]) {
    l["delete_url"] =
        "/projects/" + req.param("id") + "/lessons/" + l["id"].get<std::string>() + "/delete";
    lessons.push_back(l);
  }
  view["lessons"] = lessons;
  view["has_lessons"] = !lessons.empty();
  view["may_edit"] = scope.may(ProjectRight::kEdit);
  view["lesson_text"] = lesson_typed;
  view["errors"] = lesson_errors;
  view["tenant"] = req.who().tenant_name;
  bool download = req.query_param("download").value_or("") == "1";
  view["download"] = download;
  if (download) return report_file(req, view, status);
  return web::page(req, "adoption/closing_report", view,
                   {"closing_report_title", "projects", status});
}

using FormFields = std::map<std::string, std::string>;

// A form of the report, posted by an editor: `write` stores it and names the anchor
// to return to; a refusal shows the report again with the errors.
Response report_form(db::Database& db, const Request& req, const std::string& lesson_typed,
                     const std::function<std::string(soci::session&, const kit::ProjectScope&,
                                                     const FormFields&)>& write) {
  auto form = req.form();
  return kit::form_post(
      req,
      [&] {
        auto sql = db.lease();
        kit::ProjectScope scope(*sql, req, req.param("id"));
        scope.require(ProjectRight::kEdit);
        return Response::redirect("/projects/" + req.param("id") + "/closing-report#" +
                                  write(*sql, scope, form));
      },
      [&](const kit::FormRefusal& refused) {
        return report_page(db, req, refused.errors, lesson_typed, refused.status);
      });
}

Response add_lesson(db::Database& db, const Request& req) {
  auto form = req.form();
  std::string text = form.count("text") ? form.at("text") : "";
  return report_form(
      db, req, text, [&](soci::session& sql, const kit::ProjectScope& scope, const FormFields&) {
        core::Input input(json{{"text", text}}, true);
        auto lesson = lesson_fields().parse_new(input);
        LessonStore(sql, scope.tenant_id()).create(&req.who(), scope.project().id, lesson);
        return std::string("lessons");
      });
}

Response save_goal_outcome(db::Database& db, const Request& req) {
  return report_form(
      db, req, "", [&](soci::session& sql, const kit::ProjectScope& scope, const FormFields& form) {
        auto input = core::Input::from_form(form);
        auto outcome = parse_goal_outcome(input);
        input.check();
        GoalOutcomeStore(sql, scope.tenant_id()).set(&req.who(), scope.project().id, outcome);
        return std::string("goals");
      });
}

Response delete_lesson(db::Database& db, const Request& req) {
  auto l = kit::remove_in_project<Lesson, LessonStore>(db, req, "lesson",
                                                       "no lesson with id " + req.param("lesson"));
  return Response::redirect("/projects/" + l.project_id + "/closing-report#lessons");
}

Response accept_split(db::Database& db, const Request& req) {
  auto form = req.form();
  auto sql = db.lease();
  auto [k, scope] =
      kit::load_in_project<kpis::Kpi, kpis::KpiStore>(*sql, req, "kpi", "KPI not found");
  scope.require(ProjectRight::kEdit);
  std::string element = form.count("element_id") ? form.at("element_id") : "";
  AdoptionStore(*sql, scope.tenant_id()).accept_split(&req.who(), k, element);
  return Response::redirect("/projects/" + k.project_id + "/kpis/" + k.id + "?saved=1#periods");
}

}  // namespace

kpis::KpiHooks kpi_hooks() {
  kpis::KpiHooks hooks;
  hooks.map_choices = [](soci::session& sql, const std::string& tenant_id,
                         const std::string& project_id) {
    json out = json::array();
    maps::MapStore maps(sql, tenant_id);
    for (const auto& m : maps.list(project_id)) {
      json steps = json::array();
      for (const auto& s : steps_of_map(maps, tenant_id, m))
        steps.push_back({{"id", s.element_id}, {"name", s.name}});
      out.push_back({{"id", m.id}, {"title", m.title}, {"steps", steps}});
    }
    return out;
  };
  hooks.page_sections.push_back([](soci::session& sql, const Request& req, const kpis::Kpi& k) {
    auto suggestions = AdoptionStore(sql, req.who().tenant_id).split_suggestions(k);
    if (suggestions.empty()) return std::string();
    auto view = web::base_view(req);
    json rows = json::array();
    for (const auto& s : suggestions) {
      std::string text = web::t(req.locale, "adoption_split_offer");
      text = replace(text, "{step}", s.step_name);
      text = replace(text, "{date}", s.decided_on);
      text = replace(text, "{period}", s.start);
      rows.push_back({{"text", text},
                      {"element_id", s.element_id},
                      {"step_name", s.step_name},
                      {"follows_step", s.follows_step}});
    }
    view["suggestions"] = rows;
    view["action"] = "/projects/" + k.project_id + "/kpis/" + k.id + "/split-suggestions";
    view["may_edit"] = projects::ProjectScope(sql, req, k.project_id).may(ProjectRight::kEdit);
    return web::render_template("adoption/kpi_split", view);
  });
  return hooks;
}

void add_report_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}/closing-report",
        [](db::Database& db, const Request& req) {
          return report_page(db, req, json::object(), "", 200);
        },
        "The closing report, printable (?download=1: as an HTML file)"},
       {"POST", "/projects/{id}/lessons", add_lesson, "Add a lesson learned from the form"},
       {"POST", "/projects/{id}/goal-outcomes", save_goal_outcome,
        "Record what came of one of the charter's goals"},
       {"POST", "/projects/{id}/lessons/{lesson}/delete", delete_lesson, "Remove a lesson learned"},
       {"POST", "/projects/{id}/kpis/{kpi}/split-suggestions", accept_split,
        "Accept a suggested split of the run chart"}});
}

}  // namespace adoption
