// Units and people as JSON API: tenant-scoped resources declared on the kit (members read,
// administrators write), with the nearest-manager lookups as item actions.
#include <nlohmann/json.hpp>

#include "http/openapi.hpp"
#include "kit/tenant_resource.hpp"
#include "org/org_routes.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"

namespace org {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

void register_nearest_schema() {
  json person_ref = {{"$ref", "#/components/schemas/Person"}};
  json manager = {{"oneOf", json::array({person_ref, {{"type", "null"}}})}};
  http::register_schema("NearestManager",
                        {{"type", "object"}, {"properties", {{"manager", manager}}}});
}

// GET …/{id}/nearest-manager: `find` walks the tree from the unit or person.
template <typename T>
kit::TenantAction<T> nearest_manager(
    std::string summary,
    std::function<std::optional<std::string>(const std::vector<Unit>&, const T&)> find) {
  return {.name = "nearest-manager",
          .summary = std::move(summary),
          .response_schema = "NearestManager",
          .run = [find](const T& t, soci::session& sql, Request& req) {
            const auto& tenant = req.who().tenant_id;
            auto manager_id = find(UnitStore(sql, tenant).all(), t);
            if (!manager_id) return Response::json(200, {{"manager", nullptr}});
            return Response::json(
                200, {{"manager", to_json(PersonStore(sql, tenant).get(*manager_id))}});
          }};
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_nearest_schema();
  kit::add_tenant_routes(
      router, db,
      kit::TenantResource<Unit, UnitStore>{
          .plural = "units",
          .schema = "Unit",
          .tag = "organisation",
          .noun = "unit",
          .fields = unit_fields(),
          .etag = true,
          .summaries = {.list = "List units of the organisation tree",
                        .create = "Create a unit",
                        .get = "Read a unit",
                        .update = "Rename, move (parent_id) or set the manager of a unit",
                        .remove = "Delete an empty unit"},
          .actions = {
              nearest_manager<Unit>("The manager of a unit or of its nearest managed ancestor",
                                    [](const std::vector<Unit>& units, const Unit& unit) {
                                      return nearest_manager_of_unit(units, unit.id);
                                    })}});
  kit::add_tenant_routes(
      router, db,
      kit::TenantResource<Person, PersonStore>{
          .plural = "people",
          .schema = "Person",
          .tag = "organisation",
          .noun = "person",
          .fields = person_fields(),
          .etag = true,
          .summaries = {.list = "List people (filter with ?unit_id=)",
                        .create = "Add a person",
                        .get = "Read a person",
                        .update = "Change a person",
                        .remove = "Delete a person who manages nothing and has no login"},
          .list =
              [](PersonStore& people, const http::Page& page, const Request& req) {
                return people.page(page.after, page.limit, req.query_param("unit_id").value_or(""));
              },
          .actions = {
              nearest_manager<Person>("The person's nearest manager by the organisation tree",
                                      nearest_manager_of_person)}});
}

}  // namespace org
