// The communication plan's pages: the plan by date with overdue rows marked, the add form
// and a mark-done form with the reach on each row; one row's page; the overview's card.
#include "communication/communication_form.hpp"
#include "communication/communication_routes.hpp"
#include "communication/communication_store.hpp"
#include "communication/communication_view.hpp"
#include "kit/scope.hpp"
#include "kit/tool_pages.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace communication {
namespace {

using http::Request;
using http::Response;
using kit::ProjectScope;
using nlohmann::json;
constexpr std::size_t kSectionNext = 3;

std::vector<Communication> read_plan(const ProjectScope& scope, const Request& req) {
  return kit::with_today(
      CommunicationStore(scope.sql(), scope.tenant_id()).of_project(scope.checked()), req);
}

// How many are planned, overdue and done (and the people reached).
void add_counts(json& view, const std::vector<Communication>& plan) {
  long long overdue_rows = 0;
  long long done = 0;
  long long reach = 0;
  for (const auto& c : plan) {
    overdue_rows += overdue(c, c.today) ? 1 : 0;
    done += c.done ? 1 : 0;
    reach += c.reach.value_or(0);
  }
  view["has_rows"] = !plan.empty();
  view["count_planned"] = static_cast<long long>(plan.size()) - done;
  view["count_overdue"] = overdue_rows;
  view["count_done"] = done;
  if (reach > 0) view["reach_total"] = reach;
}

Response plan_view(soci::session& sql, const Request& req, const ProjectScope& scope,
                   const kit::Shown& shown) {
  auto view = kit::project_view(req, scope, "communication");
  auto plan = read_plan(scope, req);
  add_counts(view, plan);
  json rows = json::array();
  for (const auto& c : plan) rows.push_back(plan_row(c, req.locale));
  view["rows"] = std::move(rows);
  if (kit::add_form_state(view, req, scope, shown)) {
    json blank = typed_plan_form({{"audience", "all_staff"}, {"channel", "intranet"}});
    add_plan_form(view, sql, req, shown.form.is_null() ? blank : shown.form, shown.errors,
                  kit::tool_url(scope.project().id, "communication"), nullptr);
  }
  return web::page(req, "communication/plan", view, {"comm_title", "projects", shown.status});
}

Response row_view(soci::session& sql, const Request& req, Communication& c,
                  const ProjectScope& scope, const kit::Shown& shown) {
  auto view = kit::object_view(req, scope, "communication", "row", plan_row(c, req.locale), shown);
  if (view["may_edit"].get<bool>())
    add_plan_form(view, sql, req, shown.form.is_null() ? plan_form_of(c) : shown.form, shown.errors,
                  view["row"]["url"], &c);
  return web::page(req, "communication/row", view, {"comm_row_title", "projects", shown.status});
}

const kit::ToolPages<Communication, CommunicationStore>& pages() {
  static const kit::ToolPages<Communication, CommunicationStore> kPages{
      .path = "communication",
      .param = "row",
      .noun = "communication",
      .fields = communication_fields,
      .typed = typed_plan_form,
      .list_view = plan_view,
      .object_view = row_view,
      .complete = [](Form& form) { form.emplace("done", "false"); }};
  return kPages;
}

// Done with its reach, from the plan.
Response mark_done(db::Database& db, const Request& req) {
  auto form = req.form();
  Form done = {{"done", "true"}, {"version", form.count("version") ? form.at("version") : ""}};
  if (form.count("reach")) done["reach"] = form.at("reach");
  return pages().change(db, req, done);
}

}  // namespace

projects::PageSection project_page_section() {
  return [](const ProjectScope& scope, const Request& req) {
    auto view = kit::section_view(req, scope);
    auto card = CommunicationStore(scope.sql(), scope.tenant_id())
                    .card(scope.checked(), req.who().today(), kSectionNext);
    view["has_rows"] = card.total > 0;
    view["count_planned"] = card.total - card.done;
    view["count_overdue"] = card.overdue;
    view["count_done"] = card.done;
    if (card.reach > 0) view["reach_total"] = card.reach;
    json next = json::array();
    for (const auto& c : kit::with_today(std::move(card.upcoming), req))
      next.push_back(plan_row(c, req.locale));
    view["has_next"] = !next.empty();
    view["next"] = std::move(next);
    auto classes = TrainingStore(scope.sql(), scope.tenant_id()).of_project(scope.checked());
    view["has_classes"] = !classes.empty();
    view["progress"] = progress_json(classes, req.locale, {});  // the card shows no units
    return web::render_template("communication/project_section", view);
  };
}

void add_pages(http::Router& router, db::Database& db) {
  auto routes = pages().routes("The project's communication plan");
  routes.push_back({"POST", "/projects/{id}/communication/{row}/done", mark_done,
                    "Mark a communication done with the people it reached"});
  kit::add_page_routes(router, db, std::move(routes));
  add_training_pages(router, db);
}

}  // namespace communication
