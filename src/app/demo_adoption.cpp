#include "app/demo_adoption.hpp"

#include <utility>

#include "adoption/adoption_store.hpp"
#include "core/time.hpp"
#include "meetings/meeting_store.hpp"
#include "wins/win_store.hpp"

namespace app {
namespace {

constexpr long long kDay = 24 * 60 * 60;

std::string days_ago(int days) { return core::iso_plus_seconds(-days * kDay).substr(0, 10); }

}  // namespace

void ensure_demo_adoption(soci::session& sql, const std::string& tenant_id,
                          const std::string& project_id) {
  adoption::AdoptionStore store(sql, tenant_id);
  if (!store.history(project_id).empty()) return;
  auto decision = [](std::string decided_on, const char* text) {
    return projects::GateDecision{
        .text = text, .decided_on = std::move(decided_on), .decided_by = "Styregruppen"};
  };
  const adoption::ChangeRequest changes[] = {
      {"R03", "adopted",
       decision(
           days_ago(21),
           "Styregruppen besluttede at gøre det tværfaglige screeningsmøde til fast praksis i alle "
           "tre forvaltninger. Ventetiden til første fælles samtale er faldet markant under "
           "forsøget.")},
      {"R04", "adopted",
       decision(
           days_ago(14),
           "Den fælles plan i SBSYS er fremover den eneste plan for borgere i forløbet. Jobplan og "
           "handleplan skrives ind i den.")},
      {"R07", "keep_developing",
       decision(
           days_ago(14),
           "Den koordinerende sagsbehandler fortsætter, men rollen skal beskrives bedre, før den "
           "indføres: socialafdelingen mangler stadig en fast kontaktperson.")},
  };
  for (const auto& change : changes) store.change(nullptr, project_id, change, 1);
  wins::WinStore wins(sql, tenant_id);
  wins::Win first;
  first.text =
      "Anna fik for første gang én samlet plan efter fire uger – og skulle kun fortælle sin "
      "historie én gang.";
  first.happened_on = days_ago(30);
  wins.create(nullptr, project_id, first);
  // The first kaizen meeting is the one every unit came to (Socialafdelingen missed the
  // next two, as the project's status says): the win celebrates that one and links it.
  for (const auto& m : meetings::MeetingStore(sql, tenant_id).of_project(project_id)) {
    if (m.kind != "kaizen") continue;
    wins::Win second;
    second.text =
        "Alle tre forvaltninger var med til det første kaizenmøde, og den fælles plan blev "
        "brugt i de første fem forløb.";
    second.happened_on = m.starts_at.substr(0, 10);
    second.link = "/projects/" + project_id + "/meetings/" + m.id;
    wins.create(nullptr, project_id, second);
    break;
  }
  adoption::LessonStore lessons(sql, tenant_id);
  for (const char* text :
       {"Inviter alle involverede forvaltninger til kortlægningen fra første dag – det var dér, "
        "overdragelserne blev synlige.",
        "Mål ventetiden fra første uge. Uden baseline kunne vi ikke have vist, at "
        "screeningsmødet virker."}) {
    adoption::Lesson lesson;
    lesson.text = text;
    lessons.create(nullptr, project_id, lesson);
  }
}

}  // namespace app
