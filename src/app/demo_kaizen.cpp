// The demo project's kaizen board (issue 5, seed 000 section 5): problems and ideas
// from the trial of cross-unit help for citizens with complex needs, raised at the
// kaizen meetings from 14 April 2026 on.
#include "app/demo_kaizen.hpp"

#include "app/demo_people.hpp"
#include "kaizen/kaizen_store.hpp"

namespace app {
namespace {

struct DemoCard {
  const char* kind;
  const char* text;
  const char* raised_by;  // a person of the demo organisation, or a free name
  const char* responsible;
  const char* pdca;
  const char* date;
  const char* column;
};

constexpr DemoCard kCards[] = {
    // new
    {"problem", "Borgeren får stadig to indkaldelser til samme uge fra to forvaltninger",
     "Socialrådgiver i Jobcentret", "", "", "2026-04-21", "new"},
    {"idea", "Fælles kalender for screeningsmøderne, så alle tre enheder kan se ledige tider",
     "Camilla Skov", "", "", "2026-05-06", "new"},
    {"problem", "Samtykkeerklæringen dækker ikke deling med sundhedsplejen", "Ida Poulsen", "", "",
     "2026-05-08", "new"},
    {"idea", "Borgeren får planen med hjem på ét A4-ark i et letforståeligt sprog",
     "Medarbejder i borgerservice", "", "", "2026-05-13", "new"},
    {"problem", "Tolkebestilling tager over en uge og forsinker første samtale", "Fatima Larsen",
     "", "", "2026-05-19", "new"},
    {"idea", "Fast makker fra Socialafdelingen, når den faste deltager er fraværende",
     "Helle Krogh", "", "", "2026-05-20", "new"},
    // in progress
    {"problem", "Status fra bostøtten kommer først efter kaizenmødet", "Rasmus Eriksen",
     "Rasmus Eriksen",
     "Plan: bostøtten sender status fredagen før. Udfør: afprøves i tre forløb. Tjek: ved "
     "næste kaizenmøde.",
     "2026-04-14", "in_progress"},
    {"idea", "Tjekliste til den koordinerende sagsbehandler ved opstart af forløbet",
     "Sara Nielsen", "Sara Nielsen",
     "Plan: udkast på baggrund af kortlægningen. Udfør: bruges i de næste fem forløb.",
     "2026-04-21", "in_progress"},
    {"problem", "Adgang til Nexus mangler stadig for to koordinatorer", "Mikkel Dahl",
     "Mikkel Dahl", "Plan: rettighedsprofil godkendes af IT. Tjek: om to uger.", "2026-05-05",
     "in_progress"},
    {"idea", "Ventetiden måles hver mandag og hænges op på tavlen", "Ole Mortensen",
     "Ole Mortensen",
     "Plan: udtræk fra SBSYS. Udfør: hver mandag. Tjek: kurven drøftes på kaizenmødet.",
     "2026-05-12", "in_progress"},
    {"problem", "Mødelokalet er ofte optaget tirsdag eftermiddag", "Medarbejder i Sundhedsplejen",
     "Camilla Skov", "Plan: fast booking af lokalet resten af afprøvningen.", "2026-05-12",
     "in_progress"},
    {"idea", "Kort introduktion til arbejdsgangen for nye medarbejdere i alle tre enheder",
     "Maria Thomsen", "Maria Thomsen", "Plan: 20 minutter på personalemøderne i juni.",
     "2026-05-19", "in_progress"},
    // done
    {"problem", "Screeningsmødet startede for sent, fordi sagerne ikke var fordelt", "Camilla Skov",
     "Camilla Skov",
     "Plan: sager fordeles dagen før. Udfør: fire møder. Tjek: alle møder startede til tiden. "
     "Handl: fast praksis.",
     "2026-04-14", "done"},
    {"idea", "Sundhedsplejen deltager i første samtale", "Ida Poulsen", "Ida Poulsen",
     "Tjek: borgeren skulle ikke fortælle sin historie to gange i de fem første forløb.",
     "2026-04-14", "done"},
    {"problem", "Borgeren vidste ikke, hvem der var hendes kontaktperson", "Borgerrådgiveren",
     "Sara Nielsen",
     "Handl: navn og direkte nummer på den koordinerende sagsbehandler står øverst i planen.",
     "2026-04-14", "done"},
    {"idea", "Fælles skabelon til handleplanen i SBSYS", "Ahmed Rasmussen", "Ahmed Rasmussen",
     "Tjek: skabelonen bruges i alle nye forløb.", "2026-04-28", "done"},
    {"problem", "Dobbeltregistrering af samtaler i to fagsystemer", "Socialrådgiver i Jobcentret",
     "Mikkel Dahl", "Handl: samtalen registreres ét sted; de andre ser den via adgangen.",
     "2026-04-28", "done"},
    // rejected
    {"idea", "Fælles telefonnummer til alle borgere i forløbet", "Niels Madsen", "",
     "Afvist: den koordinerende sagsbehandler er borgerens kontakt.", "2026-04-14", "rejected"},
    {"idea", "Ugentligt kaizenmøde i stedet for hver 14. dag", "Medarbejder i Socialafdelingen", "",
     "Afvist: for lidt nyt mellem møderne; hver 14. dag fastholdes.", "2026-04-28", "rejected"},
    {"problem", "Borgeren skal selv hente journaludskrift hos lægen", "Medarbejder i borgerservice",
     "", "Afvist her: hører til i det regionale samarbejde og er sendt videre.", "2026-05-05",
     "rejected"},
};

}  // namespace

void ensure_demo_kaizen(soci::session& sql, const std::string& tenant_id,
                        const std::string& project_id) {
  kaizen::KaizenStore store(sql, tenant_id);
  if (!store.of_project(project_id).empty()) return;
  const DemoPeople people(sql, tenant_id);
  for (const auto& d : kCards) {
    kaizen::Card card{.kind = d.kind,
                      .text = d.text,
                      .raised_by_id = people.id(d.raised_by),
                      .responsible_id = people.id(d.responsible),
                      .pdca = demo_text(d.pdca),
                      .card_date = d.date,
                      .column = d.column};
    if (!card.raised_by_id) card.raised_by_name = d.raised_by;
    store.create(nullptr, project_id, card);
  }
}

}  // namespace app
