// The maps' part of the project overview's "next step": map the workflow as it is before
// redesigning it, and give the as-is map time before the redesign (seed 000).
#include "core/time.hpp"
#include "maps/map_routes.hpp"
#include "maps/map_store.hpp"
#include "projects/project_store.hpp"

namespace maps {
namespace {

// Seed 000 leaves time between the as-is workshop and the redesign, for the participants
// to look at the map in their daily work.
constexpr int kDaysBeforeRedesign = 7;
constexpr int kDaysWorthSaying = 14;
constexpr const char* kRedesignPhase = "redesign";

std::vector<projects::NextStep> map_steps(const projects::ProjectScope& scope) {
  const std::string& id = scope.project().id;
  std::optional<MapInfo> as_is, redesign;
  for (const auto& m : project_maps(scope)) {
    auto& newest = m.kind == "as_is" ? as_is : redesign;
    if (m.kind != "as_is" && m.kind != "redesign") continue;
    if (!newest || m.created_at > newest->created_at) newest = m;
  }
  const std::string maps_page = "/projects/" + id + "/maps";
  if (!as_is) return {{core::Message{"next.no_as_is_map"}, maps_page, "next.maps_link"}};
  if (!redesign) return {};
  const std::string as_is_day = as_is->created_at.substr(0, 10);
  const std::string redesign_day = redesign->created_at.substr(0, 10);
  if (redesign_day >= core::plus_days(as_is_day, kDaysBeforeRedesign)) return {};
  // Only while it can still be acted on: not weeks later, nor once the project has moved
  // past its method's redesign phase.
  if (redesign_day < core::plus_days(scope.who().today(), -kDaysWorthSaying)) return {};
  const auto& method = scope.method();
  const int redesign_phase = method.phase_index(kRedesignPhase);
  if (redesign_phase >= 0 && method.phase_index(scope.project().phase_key) > redesign_phase)
    return {};
  return {{core::Message{"next.redesign_soon", {{"days", kDaysBeforeRedesign}}}, maps_page,
           "next.maps_link"}};
}

}  // namespace

projects::NextStepSource next_steps() { return map_steps; }

const std::vector<MapInfo>& project_maps(const projects::ProjectScope& scope) {
  return scope.remember<std::vector<MapInfo>>("maps.list", [&] {
    return MapStore(scope.sql(), scope.tenant_id()).list(scope.project().id);
  });
}

}  // namespace maps
