#include <cstdlib>
#include <map>
#include <set>
#include <utility>

#include "accounts/account_store.hpp"
#include "accounts/password.hpp"
#include "app/app.hpp"
#include "app/demo_actions.hpp"
#include "app/demo_adoption.hpp"
#include "app/demo_arenas.hpp"
#include "app/demo_bank.hpp"
#include "app/demo_benchmarks.hpp"
#include "app/demo_benefits.hpp"
#include "app/demo_business_case.hpp"
#include "app/demo_communication.hpp"
#include "app/demo_kaizen.hpp"
#include "app/demo_kpis.hpp"
#include "app/demo_maps.hpp"
#include "app/demo_people.hpp"
#include "app/demo_programme.hpp"
#include "app/demo_risks.hpp"
#include "app/demo_signals.hpp"
#include "app/demo_stakeholders.hpp"
#include "app/demo_status_reports.hpp"
#include "app/demo_surveys.hpp"
#include "app/demo_work_packages.hpp"
#include "db/write_tx.hpp"
#include "meetings/meeting_store.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"
#include "projects/project_store.hpp"
#include "projects/role_store.hpp"
#include "tenants/tenant_store.hpp"

namespace app {
namespace {

constexpr const char* kDemoSlug = "demo";
constexpr const char* kDemoAdmin = "admin@demo.fremdrift.test";

struct DemoUnit {
  const char* key;
  const char* parent;
  const char* name;
  const char* kind;
  const char* manager_name;
  const char* manager_title;
};

// The seed's case spans the job centre, social services and health care; the tree
// gives each of them a manager so that nearest-manager lookups have answers.
constexpr DemoUnit kUnits[] = {
    {"bsf", "", "Beskæftigelses- og Socialforvaltningen", "administration", "Lene Holm",
     "Direktør"},
    {"job", "bsf", "Jobcenter", "unit", "Mikkel Dahl", "Jobcenterchef"},
    {"job-rf", "job", "Team Ressourceforløb", "team", "Sara Nielsen", "Teamleder"},
    {"job-sd", "job", "Team Sygedagpenge", "team", "Jonas Berg", "Teamleder"},
    {"soc", "bsf", "Socialafdelingen", "unit", "Helle Krogh", "Socialchef"},
    {"soc-uv", "soc", "Team Udsatte Voksne", "team", "", ""},
    {"sof", "", "Sundheds- og Omsorgsforvaltningen", "administration", "Peter Lund", "Direktør"},
    {"sund", "sof", "Sundhed og Forebyggelse", "unit", "Maria Thomsen", "Sundhedschef"},
    {"hjem", "sof", "Hjemmeplejen", "unit", "Karin Friis", "Leder af hjemmeplejen"},
};

struct DemoPerson {
  const char* unit;
  const char* name;
  const char* title;
};

constexpr DemoPerson kStaff[] = {
    {"job-rf", "Ahmed Rasmussen", "Jobkonsulent"},
    {"job-rf", "Camilla Skov", "Rehabiliteringskoordinator"},
    {"job-sd", "Ole Mortensen", "Sagsbehandler"},
    {"soc-uv", "Fatima Larsen", "Socialrådgiver"},
    {"soc-uv", "Rasmus Eriksen", "Bostøttemedarbejder"},
    {"sund", "Ida Poulsen", "Sundhedsplejerske"},
    {"hjem", "Niels Madsen", "Social- og sundhedsassistent"},
};

void create_organisation(soci::session& sql, const std::string& tenant_id) {
  org::UnitStore units(sql, tenant_id);
  org::PersonStore people(sql, tenant_id);
  std::map<std::string, std::string> unit_ids;
  for (const auto& u : kUnits) {
    org::UnitFields f;
    f.name = u.name;
    f.kind = u.kind;
    if (*u.parent) f.parent_id = std::optional<std::string>(unit_ids.at(u.parent));
    auto unit = units.create(nullptr, f);
    unit_ids[u.key] = unit.id;
    if (*u.manager_name) {
      org::PersonFields p;
      p.name = u.manager_name;
      p.title = std::optional<std::string>(u.manager_title);
      p.unit_id = std::optional<std::string>(unit.id);
      auto manager = people.create(nullptr, p);
      org::UnitFields m;
      m.manager_id = std::optional<std::string>(manager.id);
      units.update(nullptr, unit.id, unit.version, m);
    }
  }
  for (const auto& s : kStaff) {
    org::PersonFields p;
    p.name = s.name;
    p.title = std::optional<std::string>(s.title);
    p.unit_id = std::optional<std::string>(unit_ids.at(s.unit));
    people.create(nullptr, p);
  }
}

constexpr const char* kDemoProject = "Sammenhængende hjælp til borgere med komplekse behov";

// The seed's own case: a citizen who needs the job centre, social services and
// health care at once. The project stands in the Trial phase with its gates decided.
std::string ensure_demo_project(soci::session& sql, const std::string& tenant_id) {
  projects::ProjectStore store(sql, tenant_id);
  for (const auto& p : store.page("", 200)) {
    if (p.title == kDemoProject) return p.id;
  }
  std::vector<std::string> unit_ids;
  for (const auto& u : org::UnitStore(sql, tenant_id).all()) {
    if (u.name == "Jobcenter" || u.name == "Socialafdelingen" ||
        u.name == "Sundhed og Forebyggelse")
      unit_ids.push_back(u.id);
  }
  projects::CharterFields charter{
      .title = kDemoProject,
      .purpose =
          "Borgere med behov for hjælp fra flere forvaltninger skal opleve ét "
          "sammenhængende forløb med færre overdragelser og kortere ventetid.",
      .background =
          "Borgerne fortæller deres historie mange gange, og sagerne venter mellem afdelingerne.",
      .citizen_journey =
          "Anna er 42 år og sygemeldt med stress. Hendes søn har ADHD. Hun har en sag i "
          "jobcentret, en i socialafdelingen og kontakt med sundhedsplejen – tre sagsbehandlere, "
          "tre planer, og ingen af dem kender de andres.",
      .target_group =
          "Borgere i ressourceforløb med samtidige sociale og sundhedsmæssige indsatser.",
      .status_reason = "Socialafdelingen har manglet på de seneste to kaizenmøder.",
      .start_date = "2026-01-05",
      .end_date = "2026-12-18",
      .status = "yellow",
      .success_criteria = std::vector<std::string>{"Borgeren har én fælles plan",
                                                   "Ingen borger venter mere end 10 dage på "
                                                   "næste skridt"},
      .result_goals = std::vector<std::string>{"Halvering af antallet af overdragelser",
                                               "Ventetid fra henvendelse til plan under 14 dage",
                                               "Borgertilfredshed over 4 på en skala til 5"},
      .unit_ids = unit_ids};
  const auto* tmpl = projects::find_template("kl-workflow");
  auto project = store.create(nullptr, *tmpl, charter);
  // Checklist progress: earlier phases done, the trial under way.
  int trial_done = 0;
  for (const auto& item : store.checklist(project.id)) {
    bool earlier = item.phase_key != "trial" && item.phase_key != "closing-operation";
    bool started = item.phase_key == "trial" && trial_done < 3;
    if (!earlier && !started) continue;
    if (started) ++trial_done;
    projects::ItemFields f;
    f.status = "done";
    store.update_item(nullptr, item.id, item.version, f);
  }
  const char* gates[][3] = {
      {"as-is-mapping", "2026-01-20",
       "Kommissoriet er godkendt; kortlægningen af arbejdsgangen som i dag igangsættes."},
      {"redesign", "2026-02-24",
       "Kortlægningen er godkendt. Redesign-workshoppen holdes om en uge."},
      {"action-plan", "2026-03-17",
       "Den nye arbejdsgang godkendes til afprøvning; handlingsplan udarbejdes."},
      {"trial", "2026-04-07",
       "Handlingsplanen er godkendt. Afprøvningen starter 14. april med kaizenmøder hver 14. dag."},
  };
  for (const auto& g : gates) {
    projects::GateDecision d{g[0], g[2], g[1], "Styregruppen", {}};
    store.move_phase(nullptr, project.id, d);
  }
  return project.id;
}

struct DemoRole {
  const char* person;
  const char* role;
};

// Roles across the three involved units: the unit managers form the steering group,
// each unit sends someone to the project group, and the process facilitator comes
// from a unit outside the project (seed 000).
constexpr DemoRole kDemoRoles[] = {
    {"Lene Holm", "owner"},
    {"Mikkel Dahl", "steering_chair"},
    {"Helle Krogh", "steering_member"},
    {"Maria Thomsen", "steering_member"},
    {"Camilla Skov", "project_leader"},
    {"Ahmed Rasmussen", "project_group"},
    {"Fatima Larsen", "project_group"},
    {"Ida Poulsen", "project_group"},
    {"Sara Nielsen", "team_leader"},
    {"Ole Mortensen", "change_agent"},
    {"Rasmus Eriksen", "change_agent"},
    {"Niels Madsen", "process_facilitator"},
};

void ensure_demo_roles(soci::session& sql, const std::string& tenant_id,
                       const std::string& project_id) {
  projects::RoleStore roles(sql, tenant_id);
  std::set<std::pair<std::string, std::string>> held;
  for (const auto& h : roles.holders(project_id)) held.insert({h.person_id, h.role});
  const DemoPeople people(sql, tenant_id);
  for (const auto& r : kDemoRoles) {
    auto id = people.id(r.person);
    if (!id || held.count({*id, r.role}) != 0) continue;
    roles.add(nullptr, project_id, *id, r.role);
  }
}

// Everyone invited is present except the people named in `absent`; `substitutes`
// maps an invited person to the name of who came instead.
void record_demo_attendance(meetings::MeetingStore& store, const std::string& meeting_id,
                            const std::map<std::string, std::string>& names_by_id,
                            const std::set<std::string>& absent,
                            const std::map<std::string, std::string>& substitutes) {
  std::vector<meetings::AttendanceEntry> entries;
  for (const auto& a : store.attendance(meeting_id)) {
    meetings::AttendanceEntry e = a.entry;
    auto known = names_by_id.find(e.person_id);
    std::string name = known == names_by_id.end() ? "" : known->second;
    if (auto sub = substitutes.find(name); sub != substitutes.end()) {
      e.status = "substitute";
      e.substitute_name = sub->second;
    } else {
      e.status = absent.count(name) != 0 ? "absent" : "present";
    }
    entries.push_back(e);
  }
  store.set_attendance(nullptr, meeting_id, entries);
}

meetings::Meeting demo_meeting(const char* kind, const char* title, const char* starts_at,
                               int duration_minutes, const char* location,
                               std::vector<std::string> agenda) {
  meetings::Meeting m;
  m.kind = kind;
  m.title = title;
  m.starts_at = starts_at;
  m.duration_minutes = duration_minutes;
  m.location = location;
  m.agenda = std::move(agenda);
  return m;
}

// Four meetings of the trial: the steering group starts it, then a series of kaizen
// meetings every 14 days. Socialafdelingen misses two kaizen meetings in a row,
// which the attendance-by-unit view flags.
void ensure_demo_meetings(soci::session& sql, const std::string& tenant_id,
                          const std::string& project_id) {
  meetings::MeetingStore store(sql, tenant_id);
  if (!store.of_project(project_id).empty()) return;
  std::map<std::string, std::string> names_by_id;
  const DemoPeople people(sql, tenant_id);
  for (const auto& [name, id] : people.ids_by_name()) names_by_id[id] = name;

  auto steering =
      demo_meeting("steering_group", "Styregruppemøde: afprøvningen går i gang", "2026-04-07T09:00",
                   90, "Rådhuset, mødelokale 2",
                   {"Godkendelse af handlingsplanen", "Start på afprøvningen og kaizenmøder",
                    "KPI'er: ventetid og antal overdragelser", "Eventuelt"});
  steering.minutes =
      "Handlingsplanen blev godkendt. Afprøvningen starter 14. april. Alle tre enheder stiller med "
      "en fast deltager til kaizenmøderne. KPI'erne måles hver anden uge og hænges op på "
      "kaizentavlen.";
  auto first = store.create(nullptr, project_id, steering);
  record_demo_attendance(store, first.id, names_by_id, {}, {});
  projects::GateDecision decision;
  decision.text =
      "Kaizenmøderne holdes hver 14. dag, tirsdag kl. 14–15 ved kaizentavlen i Jobcentret. "
      "Projektlederen leder de første møder.";
  decision.decided_on = "2026-04-07";
  decision.decided_by = "Styregruppen";
  decision.meeting_id = first.id;
  projects::ProjectStore(sql, tenant_id).record_decision(nullptr, project_id, decision);

  auto kaizen =
      demo_meeting("kaizen", "Kaizenmøde", "2026-04-14T14:00", 60, "Kaizentavlen, Jobcentret",
                   {"KPI'er siden sidst", "Forbedringskort på tavlen",
                    "Hvad virker – og skal fejres", "Næste skridt"});
  kaizen.repeat = meetings::Repeat{14, 3};
  auto series = store.create(nullptr, project_id, kaizen).occurrences;
  const std::set<std::string> social = {"Fatima Larsen", "Rasmus Eriksen"};
  record_demo_attendance(store, series[0].id, names_by_id, {}, {});
  record_demo_attendance(store, series[1].id, names_by_id, social,
                         {{"Ida Poulsen", "Lise Holm, sundhedsplejerske"}});
  record_demo_attendance(store, series[2].id, names_by_id, social, {});
  const char* minutes[] = {
      "Første kaizenmøde. Den fælles plan bruges i fem forløb. Ventetiden er målt for første gang.",
      "Socialafdelingen var ikke repræsenteret. Overdragelsen til bostøtten venter derfor stadig "
      "på en afklaring.",
      "Socialafdelingen manglede igen. Projektlederen tager det op med socialchefen før næste "
      "styregruppemøde."};
  for (std::size_t i = 0; i < series.size(); ++i) {
    auto m = store.get(series[i].id);
    m.minutes = minutes[i];
    store.update(nullptr, m, m.version);
  }
}

}  // namespace

DemoResult load_demo(db::Database& db) {
  DemoResult result;
  result.email = kDemoAdmin;
  const char* env = std::getenv("FREMDRIFT_DEMO_PASSWORD");
  result.password = env && *env ? env : accounts::generate_password();

  auto sql = db.lease();
  db::WriteTx tx(*sql);
  tenants::TenantStore tenants(*sql);
  auto tenant = tenants.find_by_slug(kDemoSlug);
  if (!tenant) {
    tenant = tenants.create(kDemoSlug, "Demo Kommune", "municipality", "da");
    create_organisation(*sql, tenant->id);
    result.created = true;
  }
  auto project_id = ensure_demo_project(*sql, tenant->id);
  ensure_demo_roles(*sql, tenant->id, project_id);
  ensure_demo_meetings(*sql, tenant->id, project_id);
  ensure_demo_maps(*sql, tenant->id, project_id);
  ensure_demo_actions(*sql, tenant->id, project_id);
  ensure_demo_kpis(*sql, tenant->id, project_id);
  link_demo_actions_to_kpis(*sql, tenant->id, project_id);
  ensure_demo_adoption(*sql, tenant->id, project_id);
  ensure_demo_kaizen(*sql, tenant->id, project_id);
  ensure_demo_business_case(*sql, tenant->id, project_id);
  ensure_demo_stakeholders(*sql, tenant->id, project_id);
  ensure_demo_benefits(*sql, tenant->id, project_id);
  ensure_demo_risks(*sql, tenant->id, project_id);
  ensure_demo_communication(*sql, tenant->id, project_id);
  ensure_demo_work_packages(*sql, tenant->id, project_id);
  ensure_demo_signals(*sql, tenant->id, project_id);
  ensure_demo_arenas(*sql, tenant->id, project_id);
  ensure_demo_surveys(*sql, tenant->id, project_id);
  ensure_demo_benchmarks(*sql, tenant->id, project_id);
  // Last: a report is a snapshot of everything above.
  ensure_demo_status_reports(*sql, tenant->id, project_id);
  accounts::AccountStore accounts(*sql);
  auto admin = accounts.find_by_email(kDemoAdmin);
  if (!admin) {
    accounts::NewUser user{kDemoAdmin, "Demo Administrator", result.password, "admin",
                           std::nullopt};
    accounts.create_user(tenant->id, nullptr, user);
  } else {
    accounts.set_password(admin->tenant_id, nullptr, admin->id, result.password);
  }
  result.umbrella_email = ensure_demo_programme(*sql, tenant->id, kDemoProject, result.password);
  ensure_demo_neighbour(*sql, result.password);
  tx.commit();
  return result;
}

}  // namespace app
