// Adoption pages: the project page's section, the adoption page with a form per step,
// the closing report (printable, downloadable as HTML) with its lessons learned, and
// the suggested split on a KPI page.
#include <cstdio>

#include "adoption/adoption_input.hpp"
#include "adoption/adoption_routes.hpp"
#include "adoption/adoption_store.hpp"
#include "adoption/closing_report.hpp"
#include "core/errors.hpp"
#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kit/resource.hpp"
#include "kpis/kpi_store.hpp"
#include "projects/project_access.hpp"
#include "projects/project_scope.hpp"
#include "projects/project_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"
#include "web/resources.hpp"
#include "wins/win_store.hpp"

namespace adoption {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;

// With the reader's decimal mark ("21,5" in Danish and Swedish).
std::string number_text(const Request& req, const json& v) {
  return v.is_number() ? web::format_number(req.locale, v.get<double>(), 6) : "";
}

std::string status_label(const Request& req, const std::string& status) {
  return web::t(req.locale, "adoption_status_" + status);
}

std::string replace(std::string text, const std::string& key, const std::string& value) {
  auto pos = text.find(key);
  if (pos != std::string::npos) text.replace(pos, key.size(), value);
  return text;
}

json project_view(soci::session& sql, const Request& req, const std::string& project_id) {
  auto p = projects::ProjectStore(sql, req.who().tenant_id).get(project_id);
  return {{"id", p.id}, {"title", p.title}};
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

json step_view(const Request& req, const std::string& project_id, const Step& s) {
  json v = to_json(s);
  v["status_label"] = status_label(req, s.status);
  v["url"] = "/projects/" + project_id + "/adoption/steps/" + s.element_id;
  v["decided"] = s.decision_id.has_value();
  v["may_change"] = !next_statuses(s.status).empty();
  return v;
}

// ---- the adoption page ---------------------------------------------------------

Response adoption_page(db::Database& db, const Request& req) {
  auto view = web::base_view(req);
  auto sql = db.lease();
  projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kRead);
  view["project"] = project_view(*sql, req, req.param("id"));
  AdoptionStore store(*sql, req.who().tenant_id);
  auto o = store.overview(req.param("id"));
  json steps = json::array();
  for (const auto& s : o.steps) steps.push_back(step_view(req, req.param("id"), s));
  view["steps"] = steps;
  view["has_steps"] = !o.steps.empty();
  view["map_title"] = o.map_title.value_or("");
  view["has_map"] = o.map_id.has_value();
  view["share"] = share_view(req, o.share);
  json history = json::array();
  for (const auto& h : store.history(req.param("id"))) {
    json row = to_json(h);
    row["from_label"] = status_label(req, h.from_status);
    row["to_label"] = status_label(req, h.to_status);
    history.push_back(row);
  }
  view["history"] = history;
  view["has_history"] = !history.empty();
  view["may_decide"] =
      projects::ProjectScope(*sql, req, req.param("id")).may(ProjectRight::kDecide);
  view["saved"] = req.query_param("saved").has_value();
  return web::page(req, "adoption/adoption", view, {"adoption_title", "projects", 200});
}

Response step_page(db::Database& db, const Request& req, json form, const json& errors,
                   int status) {
  auto view = web::base_view(req);
  auto sql = db.lease();
  projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kDecide);
  view["project"] = project_view(*sql, req, req.param("id"));
  AdoptionStore store(*sql, req.who().tenant_id);
  auto o = store.overview(req.param("id"));
  std::optional<Step> step;
  for (const auto& s : o.steps)
    if (s.element_id == req.param("element")) step = s;
  if (!step) throw core::NotFound("no such step on the redesign map");
  view["step"] = step_view(req, req.param("id"), *step);
  if (form.is_null())
    form = {{"status", ""},
            {"decision", ""},
            {"decided_on", ""},
            {"meeting_id", ""},
            {"version", std::to_string(step->version)}};
  json options = json::array();
  for (const auto& s : next_statuses(step->status))
    options.push_back({{"value", s},
                       {"label", status_label(req, s)},
                       {"selected", form.value("status", "") == s},
                       {"id", "a-status-" + s}});
  view["status_options"] = options;
  json meetings = json::array();
  for (auto m : store.meetings(req.param("id"))) {
    m["selected"] = form.value("meeting_id", "") == m["id"];
    m["starts_on"] = m["starts_at"].get<std::string>().substr(0, 10);
    meetings.push_back(m);
  }
  view["meetings"] = meetings;
  view["has_meetings"] = !meetings.empty();
  json history = json::array();
  for (const auto& h : store.history(req.param("id"))) {
    if (h.element_id != step->element_id) continue;
    json row = to_json(h);
    row["from_label"] = status_label(req, h.from_status);
    row["to_label"] = status_label(req, h.to_status);
    history.push_back(row);
  }
  view["history"] = history;
  view["has_history"] = !history.empty();
  view["form"] = form;
  view["errors"] = errors;
  return web::page(req, "adoption/step", view, {"adoption_step_title", "projects", status});
}

Response save_step(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = json::object();
  for (const char* k : {"status", "decision", "decided_on", "meeting_id", "version"})
    typed[k] = form.count(k) ? form.at(k) : "";
  try {
    auto sql = db.lease();
    projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kDecide);
    json in = {{"element_id", req.param("element")},
               {"decision", typed["decision"]},
               {"decided_on", typed["decided_on"]},
               {"meeting_id", typed["meeting_id"]}};
    if (typed["status"] != "") in["status"] = typed["status"];
    core::Input input(in, true);
    auto change = parse_change(input, req.who());
    input.check();
    long long version = std::atoll(typed["version"].get<std::string>().c_str());
    AdoptionStore(*sql, req.who().tenant_id).change(&req.who(), req.param("id"), change, version);
  } catch (const core::ValidationError& e) {
    return step_page(db, req, typed, web::form_errors(req, e.fields()), 422);
  } catch (const core::Conflict& e) {
    typed["version"] = std::to_string(e.current().value("version", 1LL));
    return step_page(db, req, typed, {{"_form", web::translate_message(req.locale, e.what())}},
                     409);
  }
  return Response::redirect("/projects/" + req.param("id") + "/adoption?saved=1");
}

// ---- the closing report ----------------------------------------------------------

json steps_view(const Request& req, const json& steps) {
  json out = json::array();
  for (const auto& s : steps) {
    json v = s;
    v["status_label"] = status_label(req, s["status"]);
    out.push_back(v);
  }
  return out;
}

Response report_page(db::Database& db, const Request& req, const json& lesson_errors,
                     const std::string& lesson_typed, int status) {
  auto view = web::base_view(req);
  auto sql = db.lease();
  projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kRead);
  auto report = closing_report(*sql, req.who().tenant_id, req.param("id"), req.locale);
  view["project"] = report["project"];
  view["generated_on"] = report["generated_at"].get<std::string>().substr(0, 10);
  Share share{report["adoption"]["share"]["adopted"], report["adoption"]["share"]["total"],
              report["adoption"]["share"]["percent"]};
  view["share"] = share_view(req, share);
  for (const char* k : {"adopted", "keep_developing", "cancelled", "trial"}) {
    view[k] = steps_view(req, report["adoption"][k]);
    view[std::string("has_") + k] = !report["adoption"][k].empty();
  }
  json kpis = json::array();
  for (const auto& k : report["kpis"]) {
    kpis.push_back({{"name", k["name"]},
                    {"unit", k["unit"]},
                    {"direction_label",
                     web::t(req.locale, "kpi_direction_" + k["direction"].get<std::string>())},
                    {"before", number_text(req, k["baseline_median"])},
                    {"after", number_text(req, k["last_median"])},
                    {"last_period", k["last_period"]},
                    {"target", number_text(req, k["target"])},
                    {"reached", k["reached"]},
                    {"has_after", k["last_median"].is_number()}});
  }
  view["kpis"] = kpis;
  view["has_kpis"] = !kpis.empty();
  view["actions"] = report["actions"];
  view["has_done"] = !report["actions"]["done"].empty();
  view["has_dropped"] = !report["actions"]["dropped"].empty();
  view["decisions"] = report["decisions"];
  view["has_decisions"] = !report["decisions"].empty();
  json wins = json::array();
  for (const auto& w : report["wins"]) {
    json v = w;
    v["kind_label"] = web::t(req.locale, "win_kind_" + w["kind"].get<std::string>());
    wins.push_back(v);
  }
  view["wins"] = wins;
  view["has_wins"] = !wins.empty();
  json lessons = json::array();
  for (const auto& l : report["lessons"]) {
    json v = l;
    v["delete_url"] =
        "/projects/" + req.param("id") + "/lessons/" + l["id"].get<std::string>() + "/delete";
    lessons.push_back(v);
  }
  view["lessons"] = lessons;
  view["has_lessons"] = !lessons.empty();
  view["may_edit"] = projects::ProjectScope(*sql, req, req.param("id")).may(ProjectRight::kEdit);
  view["lesson_text"] = lesson_typed;
  view["errors"] = lesson_errors;
  view["tenant"] = req.who().tenant_name;
  bool download = req.query_param("download").value_or("") == "1";
  view["download"] = download;
  if (!download)
    return web::page(req, "adoption/closing_report", view,
                     {"closing_report_title", "projects", status});
  // The file stands alone: the report and the stylesheet (its print rules included),
  // without the site's navigation, forms or session token.
  view["report"] = web::render_template("adoption/closing_report", view);
  view["css"] = std::string(web::resources::find("assets/app.css").value_or(""));
  view["lang"] = req.locale;
  auto r = Response::attachment("text/html; charset=utf-8",
                                web::render_template("adoption/closing_report_file", view),
                                "closing-report-" + req.param("id") + ".html");
  r.status = status;
  return r;
}

Response add_lesson(db::Database& db, const Request& req) {
  auto form = req.form();
  std::string text = form.count("text") ? form.at("text") : "";
  return kit::form_post(
      req,
      [&] {
        auto sql = db.lease();
        kit::ProjectScope scope(*sql, req, req.param("id"));
        scope.require(ProjectRight::kEdit);
        core::Input input(json{{"text", text}}, true);
        auto lesson = lesson_fields().parse_new(input);
        LessonStore(*sql, scope.tenant_id()).create(&req.who(), scope.project().id, lesson);
        return Response::redirect("/projects/" + req.param("id") + "/closing-report#lessons");
      },
      [&](const kit::FormRefusal& refused) {
        return report_page(db, req, refused.errors, text, refused.status);
      });
}

Response delete_lesson(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto [l, scope] = kit::load<Lesson, LessonStore>(*sql, req, req.param("lesson"));
  if (l.project_id != req.param("id")) throw core::NotFound("no lesson with id " + l.id);
  scope.require(ProjectRight::kEdit);
  LessonStore(*sql, scope.tenant_id()).remove(&req.who(), l.id);
  return Response::redirect("/projects/" + l.project_id + "/closing-report#lessons");
}

// ---- the suggested split on a KPI page -------------------------------------------

Response accept_split(db::Database& db, const Request& req) {
  auto form = req.form();
  auto sql = db.lease();
  auto k = kpis::KpiStore(*sql, req.who().tenant_id).get(req.param("kpi"));
  if (k.project_id != req.param("id")) throw core::NotFound("KPI not found");
  projects::require_right(*sql, req.who(), k.project_id, ProjectRight::kEdit);
  std::string element = form.count("element_id") ? form.at("element_id") : "";
  AdoptionStore(*sql, req.who().tenant_id).accept_split(&req.who(), k, element);
  return Response::redirect("/projects/" + k.project_id + "/kpis/" + k.id + "?saved=1#periods");
}

}  // namespace

projects::PageSection project_page_section() {
  return [](const projects::ProjectScope& scope, const Request& req) {
    auto& sql = scope.sql();
    const std::string& project_id = scope.project().id;
    auto view = web::base_view(req);
    view["project_id"] = project_id;
    auto o = AdoptionStore(sql, req.who().tenant_id).overview(project_id);
    view["share"] = share_view(req, o.share);
    view["has_map"] = o.map_id.has_value();
    return web::render_template("adoption/project_section", view);
  };
}

kpis::KpiHooks kpi_hooks() {
  kpis::KpiHooks hooks;
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

void add_pages(http::Router& router, db::Database& db) {
  router.add({"GET",
              "/projects/{id}/adoption",
              Access::kAuthenticated,
              [&db](Request& req) { return adoption_page(db, req); },
              {"How much of the redesign is adopted, step by step", "web"}});
  router.add({"GET",
              "/projects/{id}/adoption/steps/{element}",
              Access::kAuthenticated,
              [&db](Request& req) { return step_page(db, req, nullptr, json::object(), 200); },
              {"Change a step's adoption status by a decision", "web"}});
  router.add({"POST",
              "/projects/{id}/adoption/steps/{element}",
              Access::kAuthenticated,
              [&db](Request& req) { return save_step(db, req); },
              {"Record the decision and change the step's status", "web"}});
  router.add({"GET",
              "/projects/{id}/closing-report",
              Access::kAuthenticated,
              [&db](Request& req) { return report_page(db, req, json::object(), "", 200); },
              {"The closing report, printable (?download=1: as an HTML file)", "web"}});
  router.add({"POST",
              "/projects/{id}/lessons",
              Access::kAuthenticated,
              [&db](Request& req) { return add_lesson(db, req); },
              {"Add a lesson learned from the form", "web"}});
  router.add({"POST",
              "/projects/{id}/lessons/{lesson}/delete",
              Access::kAuthenticated,
              [&db](Request& req) { return delete_lesson(db, req); },
              {"Remove a lesson learned", "web"}});
  router.add({"POST",
              "/projects/{id}/kpis/{kpi}/split-suggestions",
              Access::kAuthenticated,
              [&db](Request& req) { return accept_split(db, req); },
              {"Accept a suggested split of the run chart", "web"}});
}

}  // namespace adoption
