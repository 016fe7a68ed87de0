// The demo project's communication and training plans (issue 15, seed 003's dimensions
// "Kommunikation" and "Kompetenceudvikling"). Dates are set around the day the demo is
// loaded, so two rows are always overdue.
#include "app/demo_communication.hpp"

#include <vector>

#include "app/demo_people.hpp"
#include "communication/communication_store.hpp"
#include "core/time.hpp"
#include "meetings/meeting_store.hpp"
#include "org/unit_store.hpp"

namespace app {
namespace {

constexpr long long kDay = 24 * 60 * 60;
constexpr long long kNotDone = -1;

struct DemoRow {
  int in_days;
  const char* message;
  const char* why;
  const char* audience;
  const char* target;  // the stakeholder group or the unit's name
  const char* channel;
  const char* owner;
  long long reach;  // kNotDone: not done yet
};

constexpr DemoRow kRows[] = {
    {-45, "Derfor laver vi en fælles plan for borgere med komplekse behov",
     "Borgerne fortæller deres historie tre gange; målet er én plan", "all_staff", "", "intranet",
     "Camilla Skov", 310},
    {-30, "Sådan kommer afprøvningen til at foregå i jeres team",
     "Teamlederne skal kunne svare på spørgsmål i hverdagen", "unit", "Team Ressourceforløb",
     "meeting", "Sara Nielsen", 14},
    {-20, "Ny sagstype i SBSYS: hvad ændrer sig for jer", "Leverandøren skal tilpasse systemet",
     "stakeholder_group", "it_vendors", "email", "Mikkel Dahl", 3},
    {-6, "Folderen til borgerne om den fælles plan", "Borgerne skal vide, hvad de kan forvente",
     "citizens", "", "letter", "Ida Poulsen", kNotDone},
    {-2, "Status til MED-udvalget: de nye opgaver for koordinatorerne",
     "MED-udvalget høres, før opgaverne ændres", "stakeholder_group", "hr_med", "meeting",
     "Sara Nielsen", kNotDone},
    {7, "Hjemmeplejen kobles på: hvad betyder den fælles plan hos borgeren",
     "Hjemmeplejen møder borgerne først", "unit", "Hjemmeplejen", "meeting", "Niels Madsen",
     kNotDone},
    {21, "Første resultater: ventetid og antal planer", "Synlige gevinster holder motivationen",
     "all_staff", "", "newsletter", "Camilla Skov", kNotDone},
    {45, "Video: en borgers forløb med én plan", "Historien gør forandringen konkret", "all_staff",
     "", "video", "Ida Poulsen", kNotDone},
};

std::string day(int in_days) { return core::iso_plus_seconds(in_days * kDay).substr(0, 10); }

std::optional<std::string> unit_id(soci::session& sql, const std::string& tenant_id,
                                   const std::string& name) {
  for (const auto& u : org::UnitStore(sql, tenant_id).all())
    if (u.name == name) return u.id;
  return std::nullopt;
}

void ensure_plan(soci::session& sql, const std::string& tenant_id, const std::string& project_id,
                 const DemoPeople& people) {
  communication::CommunicationStore store(sql, tenant_id);
  if (!store.of_project(project_id).empty()) return;
  for (const auto& d : kRows) {
    communication::Communication c;
    c.message = d.message;
    c.why = d.why;
    c.audience = d.audience;
    if (c.audience == "stakeholder_group") c.group = d.target;
    if (c.audience == "unit") c.unit_id = unit_id(sql, tenant_id, d.target);
    c.channel = d.channel;
    c.date = day(d.in_days);
    c.owner_id = people.id(d.owner);
    c.done = d.reach != kNotDone;
    if (c.done) c.reach = d.reach;
    store.create(nullptr, project_id, c);
  }
}

communication::TrainingClass demo_class(const char* title, const char* audience, int in_days,
                                        long long capacity, const char* place) {
  communication::TrainingClass c;
  c.title = title;
  c.audience = audience;
  c.starts_on = day(in_days);
  c.capacity = capacity;
  c.place = place;
  return c;
}

void trained(communication::TrainingClass& c, const DemoPeople& people,
             const std::vector<const char*>& names) {
  for (const char* n : names)
    if (auto id = people.id(n)) c.people.push_back({*id});
}

void ensure_training(soci::session& sql, const std::string& tenant_id,
                     const std::string& project_id, const DemoPeople& people) {
  communication::TrainingStore store(sql, tenant_id);
  if (!store.of_project(project_id).empty()) return;
  auto heads = demo_class("Ledelse med data og gevinstrealisering", "heads_of_service", -35, 4,
                          "Rådhuset, mødelokale 2");
  trained(heads, people, {"Lene Holm", "Mikkel Dahl", "Helle Krogh"});
  auto leaders = demo_class("Den fælles plan i teamets hverdag", "team_leaders", -25, 4,
                            "Jobcentret, lokale 1");
  trained(leaders, people, {"Sara Nielsen", "Jonas Berg"});
  auto agents = demo_class("Forandringsagenter: kaizen og den fælles plan", "change_agents", 0, 8,
                           "Kaizentavlen, Jobcentret");
  for (const auto& m : meetings::MeetingStore(sql, tenant_id).of_project(project_id))
    if (m.kind == "kaizen") {
      agents.meeting_id = m.id;
      agents.starts_on = m.starts_at.substr(0, 10);
      break;
    }
  auto first_team = demo_class("Dokumentation af den fælles plan i SBSYS", "end_users", -10, 15,
                               "Undervisningslokalet, Jobcentret");
  first_team.ends_on = day(-9);
  auto second_team = first_team;
  second_team.capacity = 10;
  second_team.starts_on = day(-3);
  second_team.ends_on = day(-2);
  if (auto rf = unit_id(sql, tenant_id, "Team Ressourceforløb")) {
    first_team.unit_id = rf;
    first_team.unit_counts.push_back({*rf, 11});
  }
  if (auto sd = unit_id(sql, tenant_id, "Team Sygedagpenge")) {
    second_team.unit_id = sd;
    second_team.unit_counts.push_back({*sd, 6});
  }
  auto home = demo_class("Den fælles plan hos borgeren", "end_users", 14, 20, "Hjemmeplejen");
  home.unit_id = unit_id(sql, tenant_id, "Hjemmeplejen");
  for (const auto& c : {heads, leaders, agents, first_team, second_team, home})
    store.create(nullptr, project_id, c);
}

}  // namespace

void ensure_demo_communication(soci::session& sql, const std::string& tenant_id,
                               const std::string& project_id) {
  const DemoPeople people(sql, tenant_id);
  ensure_plan(sql, tenant_id, project_id, people);
  ensure_training(sql, tenant_id, project_id, people);
}

}  // namespace app
