// The demo project's action plan (issue 5, seed 000 section 4 and bilag 4). Deadlines
// are set around the day the demo is loaded, so the plan always shows work done,
// work under way, a few overdue rows and what comes next.
#include "app/demo_actions.hpp"

#include <map>

#include "actions/action_store.hpp"
#include "app/demo_people.hpp"
#include "kpis/kpi_store.hpp"
#include "meetings/meeting.hpp"

namespace app {
namespace {

struct DemoAction {
  const char* task;
  const char* responsible;
  const char* effect;
  const char* how;
  int deadline_in_days;
  const char* status;
  const char* kpi;
};

constexpr DemoAction kActions[] = {
    {"Fast tværfagligt screeningsmøde hver tirsdag", "Camilla Skov",
     "Anna møder alle tre forvaltninger på én gang", "Aftale mellem de tre ledere; fast lokale",
     -40, "done", ""},
    {"Oplæring af koordinerende sagsbehandlere", "Sara Nielsen",
     "Én person følger op på hele forløbet", "To workshops med cases fra kortlægningen", -30,
     "done", ""},
    {"Ny mødeskabelon til screeningsmødet", "Camilla Skov",
     "Møderne holder tiden og ender i en plan", "Skabelonen afprøves på de første fem møder", -25,
     "done", ""},
    {"Sundhedsplejen med på første samtale", "Ida Poulsen",
     "Helbredsoplysninger uden anmodning frem og tilbage", "Kalenderadgang for sundhedsplejen", -18,
     "done", ""},
    {"Fælles telefonnummer til borgerne i forløbet", "Niels Madsen",
     "Borgeren ved, hvor hun skal ringe", "Droppet: den koordinerende sagsbehandler er kontakten",
     -15, "dropped", ""},
    {"Adgang til Nexus for jobcentrets koordinatorer", "Mikkel Dahl",
     "Status fra sundhedsplejen uden at vente", "Bestilling hos IT; rettighedsprofil godkendes",
     -10, "in_progress", ""},
    {"Informationsfolder om én fælles plan", "Ida Poulsen",
     "Borgeren ved, hvad der sker, og hvem der gør det", "Skrives med to borgere fra målgruppen",
     -3, "not_started", ""},
    {"Fast deltager fra Socialafdelingen til kaizenmøderne", "Helle Krogh",
     "Alle tre enheder er med, når arbejdsgangen justeres", "Socialchefen udpeger en deltager", 7,
     "in_progress", ""},
    {"Ugentlig måling af ventetid fra henvendelse til plan", "Ole Mortensen",
     "Ventetid under 14 dage", "Udtræk fra SBSYS hver mandag; hænges op på tavlen", 14,
     "in_progress", "ventetid-til-plan"},
    {"Optælling af overdragelser pr. forløb", "Rasmus Eriksen", "Halvering af overdragelser",
     "Tælles i de fem første forløb og derefter hver anden uge", 14, "not_started",
     "overdragelser"},
    {"Borgertilfredshed efter rehabiliteringsmødet", "Ida Poulsen",
     "Borgertilfredshed over 4 på en skala til 5", "Kort spørgeskema på tablet efter mødet", 30,
     "not_started", "borgertilfredshed"},
    {"Opdatering af kvalitetsstandarden for ressourceforløb", "Maria Thomsen",
     "Den nye arbejdsgang bliver den måde, vi arbejder på", "Forelægges styregruppen", 45,
     "not_started", ""},
    {"Evaluering af afprøvningen til styregruppen", "Camilla Skov",
     "Styregruppen kan beslutte, hvad der forankres", "KPI'er før og efter, erfaringer fra kaizen",
     60, "not_started", ""},
};

}  // namespace

void ensure_demo_actions(soci::session& sql, const std::string& tenant_id,
                         const std::string& project_id) {
  actions::ActionStore store(sql, tenant_id);
  if (!store.of_project(project_id).empty()) return;
  const std::string today = actions::local_today();
  const DemoPeople people(sql, tenant_id);
  for (const auto& d : kActions) {
    actions::ActionFields f;
    f.task = d.task;
    f.status = d.status;
    f.responsible_id = people.id(d.responsible);
    f.effect = demo_text(d.effect);
    f.how = demo_text(d.how);
    f.kpi_id = demo_text(d.kpi);
    f.deadline = std::optional<std::string>(meetings::plus_days(today, d.deadline_in_days));
    store.create(nullptr, project_id, f);
  }
  // The redesign's before-go-live notes: one is done, the other overdue.
  const char* owners[] = {"Ahmed Rasmussen", "Fatima Larsen"};
  const char* statuses[] = {"done", "in_progress"};
  const int days[] = {-20, -5};
  int i = 0;
  for (const auto& s : store.suggestions(project_id)) {
    if (i == 2) break;
    auto a = store.accept(nullptr, project_id, s.map_id, s.step.element_id);
    actions::ActionFields f;
    f.responsible_id = people.id(owners[i]);
    f.status = statuses[i];
    f.deadline = std::optional<std::string>(meetings::plus_days(today, days[i]));
    f.effect = std::optional<std::string>("Den nye arbejdsgang kan gå i drift");
    store.update(nullptr, a.id, a.version, f);
    ++i;
  }
}

void link_demo_actions_to_kpis(soci::session& sql, const std::string& tenant_id,
                               const std::string& project_id) {
  static const std::map<std::string, std::string> kSlugs = {
      {"ventetid-til-plan", "Ventedage til første fælles samtale"},
      {"overdragelser", "Overdragelser pr. borger"}};
  std::map<std::string, std::string> kpi_by_name;
  for (const auto& k : kpis::KpiStore(sql, tenant_id).of_project(project_id))
    kpi_by_name.emplace(k.name, k.id);
  actions::ActionStore store(sql, tenant_id);
  for (const auto& a : store.of_project(project_id)) {
    if (!a.kpi_id) continue;
    auto slug = kSlugs.find(*a.kpi_id);
    if (slug == kSlugs.end()) continue;
    auto kpi = kpi_by_name.find(slug->second);
    if (kpi == kpi_by_name.end()) continue;
    actions::ActionFields f;
    f.kpi_id = std::optional<std::string>(kpi->second);
    store.update(nullptr, a.id, a.version, f);
  }
}

}  // namespace app
