// The demo tenant's signals (issue 16): what a manager's inbox and the statistics look like
// with a few signals in them.
#include "app/demo_signals.hpp"

#include "app/demo_people.hpp"
#include "core/auth_context.hpp"
#include "org/person_store.hpp"
#include "signals/signal_store.hpp"

namespace app {
namespace {

struct DemoSignal {
  const char* submitter;  // a member of staff; empty: a citizen
  const char* what;
  const char* where;
  const char* suggestion;
  const char* answer_by;  // the holder's answer, when there is one
  const char* answer;
  bool close;
};

constexpr DemoSignal kSignals[] = {
    {"Camilla Skov", "Borgerne venter længe på svar fra sundhedsplejen før første samtale",
     "Team Ressourceforløb", "En fast telefontid hos sundhedsplejen hver tirsdag", "", "", false},
    {"Ole Mortensen", "Udtrækket af sygedagpengesager tager en hel formiddag hver mandag",
     "Team Sygedagpenge", "Et fast, automatisk udtræk fra fagsystemet", "Jonas Berg",
     "Godt forslag. Jeg tager det med til IT-mødet på torsdag.", false},
    {"Fatima Larsen", "Bostøttens nøgleboks ved opgang C er i stykker",
     "Team Udsatte Voksne, opgang C", "", "", "", false},
    {"", "Hjemmeplejen kom ikke på det aftalte tidspunkt i sidste uge", "Søndergade 12",
     "En sms, når besøget bliver forsinket", "Karin Friis",
     "Tak for beskeden. Vi sender nu en sms, når et besøg bliver mere end en halv time forsinket.",
     true},
};

core::AuthContext as(const std::string& tenant_id, const std::string& person_id) {
  core::AuthContext who;
  who.tenant_id = tenant_id;
  who.person_id = person_id;
  who.role = "member";
  return who;
}

std::string unit_of(soci::session& sql, const std::string& tenant_id, const std::string& person) {
  return org::PersonStore(sql, tenant_id).get(person).unit_id.value_or("");
}

}  // namespace

void ensure_demo_signals(soci::session& sql, const std::string& tenant_id,
                         const std::string& /*project_id*/) {
  signals::SignalStore store(sql, tenant_id);
  if (!store.all().empty()) return;
  DemoPeople people(sql, tenant_id);
  auto home_care = people.id("Karin Friis");
  for (const auto& d : kSignals) {
    signals::Signal in;
    in.what = d.what;
    if (*d.where) in.place = d.where;
    if (*d.suggestion) in.suggestion = d.suggestion;
    signals::Signal made;
    if (*d.submitter) {
      auto person = people.id(d.submitter);
      if (!person) continue;
      in.unit_id = unit_of(sql, tenant_id, *person);
      auto who = as(tenant_id, *person);
      made = store.create(&who, in);
    } else {
      if (!home_care) continue;
      in.unit_id = unit_of(sql, tenant_id, *home_care);
      made = store.create_citizen(in, std::string("borger@example.org")).first;
    }
    if (!*d.answer_by) continue;
    auto holder = people.id(d.answer_by);
    if (!holder) continue;
    auto who = as(tenant_id, *holder);
    if (d.close)
      store.close(who, made.id, std::string(d.answer));
    else
      store.answer(who, made.id, d.answer);
  }
}

}  // namespace app
