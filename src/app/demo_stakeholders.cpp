// The demo project's stakeholder analysis (issue 14, seed 003's groups). Next contacts are
// set around the day the demo is loaded, so two are always overdue.
#include "app/demo_stakeholders.hpp"

#include "app/demo_people.hpp"
#include "core/time.hpp"
#include "org/unit_store.hpp"
#include "stakeholders/stakeholder_store.hpp"

namespace app {
namespace {

constexpr long long kDay = 24 * 60 * 60;
constexpr int kNoContact = -1000;

enum class Who { kPerson, kUnit, kName };

struct DemoStakeholder {
  Who who;
  const char* name;
  const char* group;
  long long influence;
  long long interest;
  const char* involvement;
  const char* involved_by;
  int next_in_days;
};

constexpr DemoStakeholder kStakeholders[] = {
    {Who::kPerson, "Lene Holm", "other", 5, 4,
     "Projektejer; beslutter i styregruppen ved hver fase", "Camilla Skov", 7},
    {Who::kPerson, "Peter Lund", "other", 5, 2,
     "Direktør for Sundheds- og Omsorgsforvaltningen; orienteres før hver fase", "Lene Holm", 21},
    {Who::kUnit, "Hjemmeplejen", "other", 2, 4,
     "Møder borgerne derhjemme; får nyt fra hvert kaizenmøde", "Niels Madsen", 10},
    {Who::kName, "Økonomi og data", "economy_data", 4, 2,
     "Leverer udtræk til ventetidsmålingen og regner gevinsterne igennem", "Ole Mortensen", -5},
    {Who::kName, "Kommunikation", "communication", 2, 3,
     "Hjælper med informationsfolderen til borgerne", "Ida Poulsen", 30},
    {Who::kName, "IT og digitalisering", "it_digitalisation", 4, 4,
     "Nexus-adgang for jobcentrets koordinatorer; rettighedsprofil", "Mikkel Dahl", -2},
    {Who::kName, "HR og MED", "hr_med", 3, 4,
     "Den koordinerende sagsbehandler ændrer opgaverne; MED-udvalget høres", "Sara Nielsen", 14},
    {Who::kName, "Jura", "legal", 3, 2, "Samtykke til deling af helbredsoplysninger",
     "Fatima Larsen", kNoContact},
    {Who::kName, "Leverandøren af sagssystemet", "it_vendors", 4, 1,
     "Den fælles plan kræver en ny sagstype i SBSYS", "Mikkel Dahl", 45},
    {Who::kName, "Borgere i ressourceforløb og deres pårørende", "citizens_relatives", 2, 5,
     "To borgere skriver med på folderen; interview efter forløbet", "Camilla Skov", 3},
    {Who::kName, "Regionens psykiatri", "private_regional_providers", 3, 3,
     "Henviser borgere; inviteres til screeningsmødet ved behov", "Helle Krogh", 60},
    {Who::kName, "Frivilligcentret", "volunteer_associations", 1, 3,
     "Kan tilbyde en bisidder til borgere, der ønsker det", "Fatima Larsen", kNoContact},
};

std::optional<std::string> unit_id(soci::session& sql, const std::string& tenant_id,
                                   const std::string& name) {
  for (const auto& u : org::UnitStore(sql, tenant_id).all())
    if (u.name == name) return u.id;
  return std::nullopt;
}

}  // namespace

void ensure_demo_stakeholders(soci::session& sql, const std::string& tenant_id,
                              const std::string& project_id) {
  stakeholders::StakeholderStore store(sql, tenant_id);
  if (!store.of_project(project_id).empty()) return;
  const DemoPeople people(sql, tenant_id);
  std::vector<stakeholders::Stakeholder> all;
  for (const auto& d : kStakeholders) {
    stakeholders::Stakeholder s;
    if (d.who == Who::kPerson) s.person_id = people.id(d.name);
    if (d.who == Who::kUnit) s.unit_id = unit_id(sql, tenant_id, d.name);
    if (d.who == Who::kName || (!s.person_id && !s.unit_id)) s.name = d.name;
    s.group = d.group;
    s.influence = d.influence;
    s.interest = d.interest;
    s.involvement = d.involvement;
    s.involved_by_id = people.id(d.involved_by);
    if (d.next_in_days != kNoContact)
      s.next_contact = core::iso_plus_seconds(d.next_in_days * kDay).substr(0, 10);
    all.push_back(std::move(s));
  }
  store.create_all(nullptr, project_id, all);
}

}  // namespace app
