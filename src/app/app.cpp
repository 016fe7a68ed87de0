#include "app/app.hpp"

#include <initializer_list>

#include "accounts/account_routes.hpp"
#include "actions/action_routes.hpp"
#include "adoption/adoption_routes.hpp"
#include "arenas/arena_routes.hpp"
#include "arenas/arena_store.hpp"
#include "audit/audit_routes.hpp"
#include "bank/bank_routes.hpp"
#include "bank/start_project_api.hpp"
#include "benchmarks/benchmark_routes.hpp"
#include "benefits/benefit_routes.hpp"
#include "business_case/business_case_routes.hpp"
#include "communication/communication_routes.hpp"
#include "help/help_routes.hpp"
#include "kaizen/kaizen_routes.hpp"
#include "kaizen/kaizen_store.hpp"
#include "kpis/kpi_routes.hpp"
#include "kpis/kpi_store.hpp"
#include "mail/mail_routes.hpp"
#include "maps/map_routes.hpp"
#include "meetings/meeting_routes.hpp"
#include "ops/ops_routes.hpp"
#include "org/org_routes.hpp"
#include "overview/overview_routes.hpp"
#include "overview/reminders.hpp"
#include "privacy/privacy_routes.hpp"
#include "programmes/effect_routes.hpp"
#include "programmes/programme_routes.hpp"
#include "projects/project_routes.hpp"
#include "risks/risk_routes.hpp"
#include "scim/scim_routes.hpp"
#include "signals/signal_routes.hpp"
#include "signals/signal_store.hpp"
#include "sso/idp_metadata_source.hpp"
#include "sso/idp_tools.hpp"
#include "sso/saml_routes.hpp"
#include "sso/sso_routes.hpp"
#include "stakeholders/stakeholder_routes.hpp"
#include "status_reports/sections.hpp"
#include "status_reports/status_report_routes.hpp"
#include "surveys/survey_routes.hpp"
#include "tenants/tenant_routes.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"
#include "web/web_routes.hpp"
#include "wins/win_routes.hpp"
#include "wins/win_store.hpp"
#include "work_packages/work_package_routes.hpp"

namespace app {
namespace {

// How features react to each other's facts (db/events.hpp); the owners know none of this.
void connect_features() {
  static bool connected = false;
  if (connected) return;
  connected = true;
  // A card done on the kaizen board is a win, in the same transaction as the move.
  kaizen::card_done().subscribe(
      db::When::kInTransaction, [](soci::session& sql, const kaizen::CardDone& done) {
        wins::record_card_done(sql, done.tenant_id, done.who, done.object.project_id,
                               done.object.id, done.object.text);
      });
  // A KPI whose newest value reaches its target is a win, once the values are stored.
  kpis::measurements_stored().subscribe(
      db::When::kAfterCommit, [](soci::session& sql, const kpis::MeasurementsStored& stored) {
        if (stored.who) wins::check_kpi_target(sql, stored.tenant_id, stored.who, stored.object);
      });
  // A KPI compared on a common indicator must fit it; checked in the KPI's write.
  kpis::kpi_saved().subscribe(db::When::kInTransaction, benchmarks::check_kpi_indicator);
  // An arena started from a signal reports its outcome back: the signal's submitter hears it
  // (history and mail) in the same commit, and an arena done or stopped closes the signal.
  arenas::outcome_reported().subscribe(
      db::When::kInTransaction, [](soci::session& sql, const arenas::OutcomeReported& news) {
        const auto& arena = news.object;
        signals::SignalStore(sql, news.tenant_id)
            .arena_outcome(news.who, *arena.signal_id, arena.outcome.value_or(""),
                           "/arenas/" + arena.id, arenas::is_finished(arena));
      });
}

}  // namespace

void register_jobs(jobs::Registry& registry, const mail::DeliveryOptions& mail) {
  mail::register_jobs(registry, mail);
  overview::register_jobs(registry);
  privacy::register_jobs(registry);
  sso::register_jobs(registry);  // SAML IdP metadata read again from its address
  // Signals not acted on by their deadline go one manager up; reminders before it.
  registry.add_periodic(
      "signals.escalate", std::chrono::minutes(15),
      [](soci::session& sql, jobs::TimePoint now) { signals::escalate_due(sql, now); });
}

status_reports::Providers report_sections() {
  using namespace status_reports;
  return {phases_section(),   milestones_section(),    overdue_actions_section(), kpis_section(),
          benefits_section(), business_case_section(), risks_section(),           budget_section()};
}

// Routes in the order they are registered; features whose routes need nothing but the router
// and the database are listed, the others are called between them.
using AddRoutes = void (*)(http::Router&, db::Database&);
void add_each(http::Router& router, db::Database& db, std::initializer_list<AddRoutes> features) {
  for (auto add : features) add(router, db);
}

void register_routes(http::Router& router, db::Database& db, http::Metrics& metrics) {
  connect_features();
  ops::add_routes(router, db, metrics);
  add_each(router, db,
           {accounts::add_api_routes,
            org::add_api_routes,
            tenants::add_api_routes,
            scim::add_token_routes,
            scim::add_routes,
            privacy::add_api_routes,
            sso::add_idp_routes,
            sso::add_idp_tool_routes,
            projects::add_api_routes,
            projects::add_role_routes,
            projects::add_template_routes,
            maps::add_api_routes,
            meetings::add_api_routes,
            actions::add_api_routes,
            kpis::add_api_routes,
            benchmarks::add_api_routes,
            wins::add_api_routes,
            benefits::add_api_routes,
            risks::add_api_routes,
            adoption::add_api_routes,
            business_case::add_api_routes,
            stakeholders::add_api_routes,
            communication::add_api_routes});
  status_reports::add_api_routes(router, db, report_sections());
  add_each(router, db,
           {work_packages::add_api_routes, arenas::add_api_routes, bank::add_start_api_routes,
            kaizen::add_api_routes, programmes::add_api_routes, programmes::effects::add_api_routes,
            overview::add_api_routes, help::add_api_routes, mail::add_api_routes,
            signals::add_api_routes, surveys::add_api_routes, bank::add_api_routes,
            surveys::add_answer_routes, signals::add_public_routes, programmes::add_umbrella_routes,
            programmes::add_portfolio_routes, audit::add_routes});
  web::add_web_routes(router);
  add_each(router, db,
           {accounts::add_pages, mail::add_pages, accounts::add_login_routes, org::add_pages,
            tenants::add_pages, scim::add_pages, sso::add_pages});
  sso::saml::add_routes(router, db);  // after sso::add_pages: it wraps the logout hook set there
  privacy::add_page_routes(router, db);
  projects::add_pages(
      router, db,
      {.overview = {adoption::project_page_section(), meetings::overview_section(),
                    kpis::project_page_section(), actions::project_page_section(),
                    kaizen::project_page_section(), wins::project_page_section(),
                    business_case::project_page_section(), stakeholders::project_page_section(),
                    benefits::project_page_section(), risks::project_page_section(),
                    work_packages::project_page_section(), communication::project_page_section(),
                    status_reports::project_page_section(), bank::project_page_section()},
       .decisions = {meetings::project_page_section()},
       .next_steps = {maps::next_steps(), kpis::next_steps(), meetings::next_steps()}});
  add_each(router, db, {maps::add_pages, meetings::add_pages, actions::add_pages});
  auto kpi_hooks = adoption::kpi_hooks();
  kpi_hooks.page_sections.push_back(benchmarks::kpi_page_section());
  kpi_hooks.indicator_choices = benchmarks::indicator_choices;
  kpis::add_pages(router, db, kpi_hooks);
  add_each(router, db,
           {benchmarks::add_pages, kaizen::add_pages, wins::add_pages, benefits::add_pages,
            risks::add_pages, adoption::add_pages, business_case::add_pages,
            stakeholders::add_pages, communication::add_pages, work_packages::add_pages,
            arenas::add_pages, bank::add_start_page_routes});
  status_reports::add_pages(router, db, report_sections());
  programmes::add_pages(router, db, status_reports::latest_rollup);
  programmes::effects::add_pages(router, db);
  programmes::set_page_sections(
      {programmes::effects::page_sections(), risks::overall_map_sections()});
  add_each(router, db,
           {overview::add_pages, help::add_pages, signals::add_pages, surveys::add_pages,
            bank::add_pages});
}

http::PipelineHooks pipeline_hooks(db::Database& db) {
  http::PipelineHooks hooks;
  hooks.authenticate = [&db](const http::Request& req) { return accounts::authenticate(db, req); };
  hooks.resolve_locale = [](http::Request& req) {
    // Explicit choice (cookie) beats the person's setting beats the tenant's default beats
    // the browser's languages.
    if (auto lang = req.cookie(web::kLangCookie); lang && web::is_locale(*lang)) {
      req.locale = *lang;
    } else if (req.auth && web::is_locale(req.auth->person_locale)) {
      req.locale = req.auth->person_locale;
    } else if (req.auth && web::is_locale(req.auth->tenant_locale)) {
      req.locale = req.auth->tenant_locale;
    } else if (auto accepted = web::accepted_locale(req.header("accept-language").value_or(""));
               !accepted.empty()) {
      req.locale = accepted;  // someone not logged in: a citizen on a public form
    } else {
      req.locale = web::kDefaultLocale;
    }
  };
  hooks.html_error = [](const http::Request& req, const http::ErrorInfo& info) {
    return web::error_page(req, info);
  };
  hooks.connection_lost = [] { return db::connection_lost(); };
  return hooks;
}

}  // namespace app
