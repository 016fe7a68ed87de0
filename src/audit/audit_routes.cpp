#include "audit/audit_routes.hpp"

#include "audit/audit_store.hpp"
#include "audit/audit_view.hpp"
#include "core/errors.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "kit/pages.hpp"
#include "kit/routes.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace audit {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

std::string entity_filter(const Request& req) {
  auto entity = req.query_param("entity").value_or("");
  if (!entity.empty() && std::find(kinds().begin(), kinds().end(), entity) == kinds().end()) {
    throw core::ValidationError("entity", "is not a kind of object the log records");
  }
  return entity;
}

// One page of the log as asked (?entity=, ?cursor=, ?limit=): {items, next_cursor}.
json entries_page(db::Database& db, const Request& req, const std::string& entity) {
  auto page = http::Page::from(req);
  auto sql = db.lease();
  return http::page_body(list_entries(*sql, req.who().tenant_id, entity, page.after, page.limit),
                         page);
}

Response log_json(db::Database& db, const Request& req) {
  return Response::json(200, entries_page(db, req, entity_filter(req)));
}

json entity_options(const Request& req, const std::string& entity) {
  json options = json::array(
      {{{"value", ""}, {"label", web::t(req.locale, "audit.all")}, {"selected", entity.empty()}}});
  for (const auto& k : kinds()) {
    options.push_back({{"value", k},
                       {"label", web::t(req.locale, "audit.entity." + k)},
                       {"selected", k == entity}});
  }
  return options;
}

Response log_page(db::Database& db, const Request& req) {
  auto entity = entity_filter(req);
  auto body = entries_page(db, req, entity);
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
  view["entity_options"] = entity_options(req, entity);
  if (!body["next_cursor"].is_null()) {
    view["next_url"] = "/audit?cursor=" + body["next_cursor"].get<std::string>() +
                       (entity.empty() ? "" : "&entity=" + entity);
  }
  return web::page(req, "audit/log", view, {"audit.title", "audit"});
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

  kit::add_routes(
      router, db,
      {{"GET",
        "/api/v1/audit",
        Access::kAdmin,
        log_json,
        {"Audit log, newest first (filter with ?entity=)", "audit", "", "AuditEntry", true}}});
  kit::add_page_routes(router, db, {{"GET", "/audit", log_page, "Audit log page", Access::kAdmin}});
}

}  // namespace audit
