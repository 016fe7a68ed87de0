// The demo project's workflow maps (issue 4): the seed's case as it is today —
// the citizen between job centre, social services and health care — and the
// redesign with one shared plan, so the comparison tells the story at a glance.
#include "app/demo_maps.hpp"

#include "maps/map_builder.hpp"
#include "maps/map_store.hpp"
#include "org/unit_store.hpp"

namespace app {
namespace {

constexpr long long kDay = 24 * 60;

std::vector<maps::LaneSeed> demo_lanes(soci::session& sql, const std::string& tenant_id) {
  std::vector<maps::LaneSeed> lanes = {{"", "Borger"}};
  for (const char* name : {"Jobcenter", "Socialafdelingen", "Sundhed og Forebyggelse"}) {
    for (const auto& u : org::UnitStore(sql, tenant_id).all()) {
      if (u.name == name) lanes.push_back({u.id, u.name});
    }
  }
  return lanes;
}

std::string as_is_xml(const std::vector<maps::LaneSeed>& lanes) {
  // Lanes: 0 citizen, 1 job centre, 2 social services, 3 health care.
  std::vector<maps::StepSpec> s = {
      {"Start", 0, "start", "Anna henvender sig"},
      {"A01", 1, "task", "Modtager henvendelsen", "", "", 15, 0},
      {"A02", 1, "task", "Opretter sag", "it_system", "Fasit", 20, 0},
      {"A03", 1, "task", "Første samtale med Anna", "citizen", "", 60, 7 * kDay},
      {"A04", 1, "task", "Vurderer behov for social indsats", "", "", 30, 0},
      {"A05", 1, "task", "Sender anmodning til socialafdelingen", "handover", "", 15, 14 * kDay},
      {"A06", 2, "task", "Visiterer sagen", "", "", 30, 5 * kDay},
      {"A07", 2, "task", "Opretter sag", "it_system", "DUBU", 20, 0},
      {"A08", 2, "task", "Beder jobcentret om sagsakter", "handover", "", 15, 7 * kDay},
      {"A09", 1, "task", "Sender sagsakter", "document", "", 20, 0},
      {"A10", 2, "task", "Samtale med Anna", "citizen", "", 60, 10 * kDay},
      {"A11", 2, "task", "Socialfaglig vurdering", "", "", 90, 0},
      {"A11b", 2, "task", "Konfererer sagen med lederen", "", "", 30, 3 * kDay},
      {"A12", 2, "task", "Anmoder om helbredsoplysninger", "handover", "", 15, 10 * kDay},
      {"A13", 3, "task", "Opretter forløb", "it_system", "Nexus", 20, 0},
      {"A14", 3, "task", "Sundhedsplejen besøger familien", "citizen", "", 90, 14 * kDay},
      {"A15", 3, "task", "Skriver status", "document", "", 30, 0},
      {"A15b", 3, "task", "Journalfører besøget", "it_system", "Nexus", 20, 0},
      {"A16", 3, "task", "Sender status til socialafdelingen", "it_system", "SBSYS", 15, 5 * kDay},
      {"A17", 2, "task", "Udarbejder handleplan", "document", "", 120, 0},
      {"A18", 2, "task", "Sender handleplanen til jobcentret", "handover", "", 15, 7 * kDay},
      {"A19", 1, "task", "Udarbejder jobplan", "document", "Fasit", 90, 0},
      {"A20", 1, "task", "Forbereder rehabiliteringsteamet", "waiting", "", 60, 21 * kDay},
      {"A21", 1, "task", "Rehabiliteringsmøde", "citizen", "", 60, 0},
      {"G1", 1, "exclusive", "Er planerne afstemt?"},
      {"A22", 1, "task", "Bevilger ressourceforløb", "", "", 30, 14 * kDay},
      {"A23", 0, "task", "Anna får afgørelsen", "citizen", "", 10, 0},
      {"End", 0, "end", "Forløb i gang"},
  };
  std::vector<maps::FlowSpec> f;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) f.push_back({s[i].id, s[i + 1].id, ""});
  f[24].name = "Ja";                  // G1 → A22
  f.push_back({"G1", "A17", "Nej"});  // the plans go round again
  return maps::build_map_xml("Ressourceforløb i dag", lanes, s, f);
}

std::string redesign_xml(const std::vector<maps::LaneSeed>& lanes) {
  std::vector<maps::StepSpec> s = {
      {"Start", 0, "start", "Anna henvender sig"},
      {"R01", 1, "task", "Modtager henvendelsen", "", "", 15, 0},
      {"R02", 1, "task", "Opretter én fælles sag", "it_system", "SBSYS", 20, 0, false,
       "Fælles sagsskabelon i SBSYS, som alle tre forvaltninger kan bruge"},
      {"R03", 1, "task", "Tværfagligt screeningsmøde med Anna", "citizen", "", 90, 3 * kDay, true},
      {"R04", 1, "task", "Én fælles plan", "document", "SBSYS", 60, 0, true,
       "Samtykkeerklæring til deling af oplysninger på tværs, godkendt af jura"},
      {"R05", 2, "task", "Socialfaglig indsats starter", "", "", 60, 2 * kDay},
      {"R06", 3, "task", "Sundhedsplejen besøger familien", "citizen", "Nexus", 90, 5 * kDay},
      {"R07", 1, "task", "Koordinerende sagsbehandler følger op", "", "", 30, 7 * kDay, true},
      {"R08", 1, "task", "Rehabiliteringsmøde", "citizen", "", 60, 7 * kDay},
      {"R09", 1, "task", "Bevilger ressourceforløb", "", "Fasit", 30, 3 * kDay},
      {"R10", 0, "task", "Anna får afgørelsen", "citizen", "", 10, 0},
      {"End", 0, "end", "Forløb i gang"},
  };
  std::vector<maps::FlowSpec> f;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) f.push_back({s[i].id, s[i + 1].id, ""});
  return maps::build_map_xml("Ressourceforløb med én plan", lanes, s, f);
}

}  // namespace

void ensure_demo_maps(soci::session& sql, const std::string& tenant_id,
                      const std::string& project_id) {
  maps::MapStore store(sql, tenant_id);
  if (!store.list(project_id).empty()) return;
  auto lanes = demo_lanes(sql, tenant_id);
  auto as_is = store.create(nullptr, project_id,
                            {"as_is", "Ressourceforløb i dag", std::nullopt, as_is_xml(lanes)}, "");
  const maps::NewIdea ideas[] = {
      {"good_idea", "Fælles modtagelse i stedet for anmodninger frem og tilbage", "A05"},
      {"interesting_thought", "Sundhedsplejen med til den første samtale", "A12"},
      {"good_idea", "Én fælles plan for alle tre forvaltninger", "A17"},
      {"good_idea", "Anna får én kontaktperson", std::nullopt},
      {"crazy_proposal", "Anna skriver selv sin plan i en app", std::nullopt},
  };
  for (const auto& idea : ideas) store.add_idea(nullptr, as_is.id, idea);
  auto redesign =
      store.create(nullptr, project_id,
                   {"redesign", "Ressourceforløb med én plan", std::nullopt, std::nullopt}, "");
  store.save(nullptr, redesign.id, 1, redesign_xml(lanes),
             std::string("Redesign-workshoppen 3. marts: én fælles plan og screeningsmøde"));
}

}  // namespace app
