// The demo municipality's agile arena (issue 16, seed 004's pulse programme).
#include "app/demo_arenas.hpp"

#include "app/demo_people.hpp"
#include "arenas/arena_store.hpp"
#include "core/time.hpp"
#include "http/paging.hpp"

namespace app {
namespace {

constexpr const char* kTitle = "Hurtigere hjælpemidler ved udskrivelse";

}  // namespace

void ensure_demo_arenas(soci::session& sql, const std::string& tenant_id,
                        const std::string& /*project_id*/) {
  arenas::ArenaStore store(sql, tenant_id);
  for (const auto& a : store.list(http::Page{.limit = 200}))
    if (a.title == kTitle) return;
  DemoPeople people(sql, tenant_id);
  auto leader = people.id("Helle Krogh");
  if (!leader) return;
  arenas::Arena a;
  a.title = kTitle;
  a.goal =
      "Borgere venter op til en uge på hjælpemidler efter udskrivelse fra sygehuset. Signalet "
      "kom fra hjemmeplejen: hjælpemidlerne skal være på plads, når borgeren kommer hjem.";
  a.leader_id = *leader;
  for (const char* name : {"Niels Madsen", "Ida Poulsen", "Fatima Larsen", "Camilla Skov"})
    if (auto id = people.id(name)) a.member_ids.push_back(*id);
  const auto today = core::nordic_local_today();
  a.starts_on = core::plus_days(today, -14);
  a.ends_on = core::plus_days(today, 28);
  a.status = "running";
  auto made = store.create(nullptr, a);
  for (const char* item : {"communication-01", "communication-02", "communication-03"})
    store.tick(nullptr, made.id, item, true);
  arenas::LogEntry tried;
  tried.tried = "Hjemmeplejen bestiller hjælpemidler allerede ved udskrivelsessamtalen";
  tried.result = "Tre af fire borgere havde hjælpemidlerne hjemme på udskrivelsesdagen";
  tried.logged_on = core::plus_days(today, -3);
  store.add_log(nullptr, made.id, tried);
}

}  // namespace app
