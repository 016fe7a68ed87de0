#pragma once

#include <memory>
#include <string>

#include "db/database.hpp"
#include "http/metrics.hpp"
#include "http/pipeline.hpp"
#include "http/router.hpp"
#include "jobs/registry.hpp"
#include "mail/mail_jobs.hpp"
#include "status_reports/status_report.hpp"

namespace app {

// Every route of the product, registered in one place.
void register_routes(http::Router& router, db::Database& db, http::Metrics& metrics);

// The background jobs every instance runs (`fremdrift serve`), one line per feature: the
// outbox's delivery and digest, reminders.
void register_jobs(jobs::Registry& registry, const mail::DeliveryOptions& mail);

// The sections of a status report, in the order it shows them: one provider per feature
// (risks and the budget add one line each).
status_reports::Providers report_sections();

// The pipeline hooks that tie the HTTP layer to accounts and the web layer.
http::PipelineHooks pipeline_hooks(db::Database& db);

struct DemoResult {
  std::string email;
  std::string password;
  std::string umbrella_email;  // the demo programme secretariat, same password
  bool created = false;
};

// Idempotent: creates tenant "demo" with its organisation and administrator when
// missing; always (re)sets the administrator's password and returns it.
DemoResult load_demo(db::Database& db);

// SQLite online backup into/out of FILE. For PostgreSQL, returns the pg_dump /
// pg_restore command to use instead (and copies nothing).
std::string backup(db::Database& db, const std::string& file);
std::string restore(db::Database& db, const std::string& file);

}  // namespace app
