#include "mail/mail_routes.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "kit/routes.hpp"
#include "mail/outbox_store.hpp"

namespace mail {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

constexpr int kMaxList = 200;
const std::vector<std::string> kStatuses = {"pending", "digest", "digested", "sent", "failed"};

json to_json(const OutboxEntry& e) {
  return {{"id", e.id},
          {"person_id", e.message.person_id ? json(*e.message.person_id) : json(nullptr)},
          {"kind", e.message.kind},
          {"to", e.message.to},
          {"subject", e.message.subject},
          {"status", e.status},
          {"attempts", e.attempts},
          {"next_attempt_at", e.status == "pending" ? json(e.next_attempt_at) : json(nullptr)},
          {"last_error", e.last_error ? json(*e.last_error) : json(nullptr)},
          {"created_at", e.created_at},
          {"sent_at", e.sent_at ? json(*e.sent_at) : json(nullptr)}};
}

Response outbox(db::Database& db, const Request& req) {
  auto status = req.query_param("status").value_or("");
  if (!status.empty() && std::find(kStatuses.begin(), kStatuses.end(), status) == kStatuses.end())
    throw core::ValidationError("status", "one of pending, digest, digested, sent, failed");
  auto sql = db.lease();
  json items = json::array();
  for (const auto& e : OutboxStore(*sql).list(req.who().tenant_id, status, kMaxList))
    items.push_back(to_json(e));
  return Response::json(200, {{"items", items}, {"next_cursor", nullptr}});
}

Response show_preference(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return Response::json(
      200, {{"delivery", OutboxStore(*sql).preference(req.who().tenant_id, req.who().person_id)}});
}

Response set_preference(db::Database& db, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto delivery = input.required_choice("delivery", kDeliveries);
  input.check();
  auto sql = db.lease();
  OutboxStore(*sql).set_preference(req.who().tenant_id, req.who().person_id, delivery);
  return Response::json(200, {{"delivery", delivery}});
}

void register_schemas() {
  json text = {{"type", "string"}};
  json nullable = {{"type", {"string", "null"}}};
  http::register_schema(
      "OutboxMail",
      {{"type", "object"},
       {"properties",
        {{"id", text},
         {"person_id", nullable},
         {"kind", text},
         {"to", text},
         {"subject", text},
         {"status", {{"enum", kStatuses}}},
         {"attempts", {{"type", "integer"}}},
         {"next_attempt_at", nullable},
         {"last_error",
          {{"type", {"string", "null"}}, {"description", "why the last attempt failed"}}},
         {"created_at", text},
         {"sent_at", nullable}}}});
  http::register_schema("MailPreference",
                        {{"type", "object"},
                         {"required", {"delivery"}},
                         {"properties", {{"delivery", {{"enum", kDeliveries}}}}}});
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_schemas();
  kit::add_routes(
      router, db,
      {{"GET",
        "/api/v1/outbox",
        http::Access::kAdmin,
        outbox,
        {"The tenant's outgoing mail, newest first (?status=pending|digest|digested|sent|failed), "
         "with attempts and the last error",
         "mail", "", "OutboxMail", true}},
       {"GET",
        "/api/v1/me/mail-preference",
        http::Access::kAuthenticated,
        show_preference,
        {"How the caller gets notifications: immediately, daily_digest or off", "mail", "",
         "MailPreference"}},
       {"PUT",
        "/api/v1/me/mail-preference",
        http::Access::kAuthenticated,
        set_preference,
        {"Set how the caller gets notifications", "mail", "MailPreference", "MailPreference"}}});
}

}  // namespace mail
