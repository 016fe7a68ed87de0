#include "audit/audit_routes.hpp"

#include "audit/audit_store.hpp"
#include "audit/audit_view.hpp"
#include "core/errors.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace audit {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

const std::vector<std::string> kEntities = {"tenant",
                                            "unit",
                                            "person",
                                            "account",
                                            "api_token",
                                            "project",
                                            "checklist_item",
                                            "decision",
                                            "project_role",
                                            "method_template",
                                            "meeting",
                                            "meeting_attendance",
                                            "map",
                                            "map_idea",
                                            "programme",
                                            "programme_cluster",
                                            "programme_track",
                                            "programme_project",
                                            "umbrella_member",
                                            "join_code",
                                            "action",
                                            "kpi",
                                            "kpi_measurements",
                                            "kpi_period",
                                            "adoption_step",
                                            "win",
                                            "lesson",
                                            "kaizen_card"};

std::string entity_filter(const Request& req) {
  auto entity = req.query_param("entity").value_or("");
  if (!entity.empty() && std::find(kEntities.begin(), kEntities.end(), entity) == kEntities.end()) {
    throw core::ValidationError("entity", "is not a kind of object the log records");
  }
  return entity;
}

}  // namespace

void add_routes(http::Router& router, db::Database& db) {
  http::register_schema(
      "AuditEntry",
      {{"type", "object"},
       {"properties",
        {{"id", {{"type", "string"}}},
         {"at", {{"type", "string"}, {"format", "date-time"}}},
         {"actor", {{"type", "string"}}},
         {"account_id", {{"type", {"string", "null"}}}},
         {"person_id", {{"type", {"string", "null"}}}},
         {"entity", {{"type", "string"}}},
         {"entity_id", {{"type", "string"}}},
         {"action", {{"enum", {"create", "update", "delete"}}}},
         {"changes", {{"type", "object"}, {"description", "field → {before, after}"}}}}}});

  router.add({"GET",
              "/api/v1/audit",
              Access::kAdmin,
              [&db](Request& req) {
                auto page = http::Page::from(req);
                auto entity = entity_filter(req);
                auto sql = db.lease();
                auto items =
                    list_entries(*sql, req.who().tenant_id, entity, page.after, page.limit);
                return Response::json(200, http::page_body(std::move(items), page));
              },
              {"Audit log, newest first (filter with ?entity=)", "audit", "", "AuditEntry", true}});

  router.add({"GET",
              "/audit",
              Access::kAdmin,
              [&db](Request& req) {
                auto page = http::Page::from(req);
                auto entity = entity_filter(req);
                json items;
                {
                  auto sql = db.lease();
                  items = list_entries(*sql, req.who().tenant_id, entity, page.after, page.limit);
                }
                auto body = http::page_body(std::move(items), page);
                json rows;
                {
                  auto sql = db.lease();
                  rows = readable_rows(body["items"], req.locale, [&](const std::string& id) {
                    return display_name(*sql, req.who().tenant_id, id);
                  });
                }
                auto view = web::base_view(req);
                view["entries"] = rows;
                view["has_entries"] = !rows.empty();
                json options = json::array({{{"value", ""},
                                             {"label", web::t(req.locale, "audit.all")},
                                             {"selected", entity.empty()}}});
                for (const auto& k : kEntities) {
                  options.push_back({{"value", k},
                                     {"label", web::t(req.locale, "audit.entity." + k)},
                                     {"selected", k == entity}});
                }
                view["entity_options"] = options;
                if (!body["next_cursor"].is_null()) {
                  view["next_url"] = "/audit?cursor=" + body["next_cursor"].get<std::string>() +
                                     (entity.empty() ? "" : "&entity=" + entity);
                }
                return web::page(req, "audit/log", view, {"audit.title", "audit"});
              },
              {"Audit log page", "web"}});
}

}  // namespace audit
