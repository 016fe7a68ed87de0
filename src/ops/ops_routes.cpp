#include "ops/ops_routes.hpp"

#include <fmt/format.h>

#include "http/openapi.hpp"
#include "jobs/job_store.hpp"
#include "mail/outbox_store.hpp"

namespace ops {
namespace {

// The background jobs' queue and the mail outbox; nothing when the database is unreachable
// (healthz says so).
std::string queue_gauges(db::Database& db) {
  try {
    auto sql = db.lease();
    return jobs::prometheus(jobs::JobStore(*sql).stats(jobs::Clock::now())) +
           mail::prometheus(mail::OutboxStore(*sql).stats());
  } catch (const std::exception&) {
    return "";
  }
}

}  // namespace

using http::Access;
using http::Request;
using http::Response;

void add_routes(http::Router& router, db::Database& db, http::Metrics& metrics) {
  router.add({"GET",
              "/healthz",
              Access::kPublic,
              [&db](Request&) {
                bool ok = db.healthy();
                return Response::json(ok ? 200 : 503, {{"status", ok ? "ok" : "unavailable"},
                                                       {"database", ok ? "ok" : "unreachable"}})
                    .header("Cache-Control", "no-store");
              },
              {"Health check (queries the database)", "operations"},
              false,
              false});
  router.add({"GET",
              "/metrics",
              Access::kPublic,
              [&db, &metrics](Request&) {
                auto body = metrics.render([&db] {
                  return queue_gauges(db) +
                         fmt::format(
                             "# HELP fremdrift_db_pool_size Database connections in the pool.\n"
                             "# TYPE fremdrift_db_pool_size gauge\nfremdrift_db_pool_size {}\n"
                             "# HELP fremdrift_db_pool_in_use Database connections lent out now.\n"
                             "# TYPE fremdrift_db_pool_in_use gauge\nfremdrift_db_pool_in_use {}\n",
                             db.pool_size(), db.in_use());
                });
                Response r = Response::text(200, std::move(body));
                r.content_type = "text/plain; version=0.0.4; charset=utf-8";
                return r;
              },
              {"Prometheus metrics", "operations"},
              false,
              false});
  router.add({"GET",
              "/api/v1/openapi.json",
              Access::kPublic,
              [&router](Request&) { return Response::json(200, http::openapi_document(router)); },
              {"This OpenAPI 3.1 document", "operations"},
              false,
              false});
}

}  // namespace ops
