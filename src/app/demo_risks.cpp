// The demo project's risk log (issue 14, point 3; seed 004's risk matrix). Reviews are set
// around the day the demo is loaded, so one is always overdue.
#include "app/demo_risks.hpp"

#include "actions/action.hpp"
#include "app/demo_people.hpp"
#include "meetings/meeting.hpp"
#include "risks/risk_store.hpp"

namespace app {
namespace {

struct DemoRisk {
  const char* title;
  const char* cause;
  const char* consequence;
  const char* owner;
  int p, c, p_after, c_after;  // 0: no score after mitigation
  const char* mitigations;     // one per line
  int review_in_days;
  const char* status;
};

constexpr DemoRisk kRisks[] = {
    {"Nøglemedarbejdere forlader projektet", "Travlhed og omstruktureringer i jobcentret",
     "Viden om den nye arbejdsgang forsvinder", "Camilla Skov", 3, 5, 2, 3,
     "Dokumentér arbejdsgangen i kvalitetsstandarden\nOplær en makker for hver koordinator", 14,
     "open"},
    {"Sundhedsplejen kan ikke afse tid til første samtale", "Stigende fødselstal",
     "Borgeren må fortælle sin historie igen", "Ida Poulsen", 4, 4, 2, 3,
     "Faste tider i sundhedsplejens kalender\nAftale mellem lederne om prioritering", -5, "open"},
    {"Nexus-adgang bliver forsinket", "Bestilling hos IT og godkendelse af rettigheder",
     "Koordinatorerne må ringe efter status", "Mikkel Dahl", 5, 3, 3, 2,
     "Eskalér bestillingen til IT-chefen\nMidlertidig telefonaftale med sundhedsplejen", 7, "open"},
    {"Borgerne oplever ikke forskel", "Forandringen sker mest bag skrivebordet",
     "Tilfredsheden stiger ikke, og opbakningen daler", "Ida Poulsen", 2, 4, 1, 3,
     "Informationsfolder skrevet med borgere\nSpørg borgerne efter hvert møde", 30, "open"},
    {"Målingerne bliver ikke lavet hver uge", "Ingen fast ansvarlig for udtrækket",
     "Vi kan ikke se, om forandringen virker", "Ole Mortensen", 3, 3, 1, 2,
     "Fast udtræk hver mandag\nTavlemøde gennemgår målingerne", 21, "open"},
    {"GDPR-spørgsmål om deling af helbredsoplysninger", "Tre forvaltninger ser samme sag",
     "Deling må stoppe, indtil jura har svaret", "Helle Krogh", 2, 5, 0, 0,
     "Forelæg samtykkeerklæringen for juridisk afdeling", 10, "open"},
    {"Mødelokalet til screeningsmødet er optaget", "Lokalebooking efter først til mølle",
     "Møder aflyses", "Camilla Skov", 2, 1, 0, 0, "Fast booking hele afprøvningen", 0, "closed"},
    {"Socialafdelingen melder afbud til kaizenmøderne", "Ingen udpeget deltager",
     "Justeringer af arbejdsgangen sker uden Socialafdelingen", "Helle Krogh", 4, 3, 2, 2,
     "Socialchefen udpeger en fast deltager", -2, "occurred"},
};

constexpr const char* kWhatNow =
    "Socialchefen inviteres til næste styregruppemøde, og referatet sendes til afdelingen";

std::vector<std::string> lines(const char* text) {
  std::vector<std::string> out;
  std::string s(text);
  for (std::size_t start = 0; start <= s.size();) {
    auto end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

void ensure_demo_risks(soci::session& sql, const std::string& tenant_id,
                       const std::string& project_id) {
  risks::RiskStore store(sql, tenant_id);
  if (!store.of_project(project_id).empty()) return;
  const std::string today = actions::local_today();
  const DemoPeople people(sql, tenant_id);
  for (const auto& d : kRisks) {
    risks::Risk r;
    r.title = d.title;
    r.cause = d.cause;
    r.consequence_text = d.consequence;
    r.owner_id = people.id(d.owner);
    r.probability = d.p;
    r.consequence = d.c;
    if (d.p_after > 0) {
      r.probability_after = d.p_after;
      r.consequence_after = d.c_after;
    }
    r.mitigations = lines(d.mitigations);
    r.next_review = d.review_in_days == 0 ? "" : meetings::plus_days(today, d.review_in_days);
    r.status = d.status;
    if (r.status == "occurred") r.what_now = kWhatNow;
    auto stored = store.create(nullptr, project_id, r);
    // The risk that occurred: what happens now is a row of the action plan.
    if (stored.status == "occurred") store.raise_action(nullptr, stored, std::nullopt);
  }
}

}  // namespace app
