// POST /api/v1/bank/{entry}/start-project: a project of the caller's municipality from a
// published bank entry (issue 18, point 3; D42).
#include "bank/start_project_api.hpp"

#include "bank/adoption_store.hpp"
#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "kit/routes.hpp"
#include "web/i18n.hpp"

namespace bank {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

void register_schemas() {
  http::register_schema(
      "BankStartInput",
      {{"type", "object"},
       {"properties",
        {{"title",
          {{"type", "string"}, {"maxLength", 200}, {"description", "default: the entry's"}}},
         {"map_as",
          {{"enum", {"as_is", "redesign"}},
           {"description",
            "as_is (default): the entry's redesign becomes the as-is map to adapt; redesign: "
            "a proposed redesign beside an initial as-is map"}}},
         {"lanes",
          {{"type", "object"},
           {"additionalProperties", {{"type", {"string", "null"}}}},
           {"description",
            "the entry's lane name → a unit id of the caller's tenant; lanes left out keep "
            "their name without a unit"}}},
         {"consent",
          {{"type", "boolean"},
           {"description", "the entry's page may show the project's title and municipality"}}}}}});
  http::register_schema("BankHeadline", {{"type", "object"},
                                         {"properties",
                                          {{"title", {{"type", "string"}}},
                                           {"municipality", {{"type", "string"}}},
                                           {"started_at", {{"type", "string"}}}}}});
}

}  // namespace

StartTexts start_texts(const std::string& locale) {
  return {web::t(locale, "bank_start_as_is_title"), web::t(locale, "bank_start_redesign_title"),
          web::t(locale, "map.citizen_lane")};
}

projects::Project start_from(soci::session& sql, const Request& req, core::Input& input) {
  AdoptionStore store(sql, req.who().tenant_id);
  auto from = store.published(req.param("entry"));
  if (!store.is_municipality()) throw core::Forbidden(core::Message{"bank_start_err_umbrella"});
  auto request = parse_start(input, from.entry, store.units());
  input.check();
  return store.start(req.who(), from, request, start_texts(req.locale));
}

void add_start_api_routes(http::Router& router, db::Database& db) {
  register_schemas();
  kit::add_routes(
      router, db,
      {{"POST",
        "/api/v1/bank/{entry}/start-project",
        http::Access::kAuthenticated,
        [](db::Database& db, const Request& req) {
          auto input = core::Input::from_json_body(req.body);
          auto sql = db.lease();
          auto project = start_from(*sql, req, input);
          return Response::json(201, projects::to_json(project))
              .header("Location", "/api/v1/projects/" + project.id);
        },
        {"Start a project of your municipality from a published bank entry: its method, maps "
         "(lanes mapped to your units), KPI definitions and tasks as suggestions",
         "bank", "BankStartInput", "Project", false, 201}}});
}

}  // namespace bank
