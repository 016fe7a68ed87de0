// Personal data as JSON for tenant administrators: one person's export and erasure, the
// tenant's retention settings and the record of processing.
#include <chrono>

#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "kit/routes.hpp"
#include "privacy/personal_data_store.hpp"
#include "privacy/privacy_routes.hpp"
#include "privacy/record.hpp"
#include "privacy/retention.hpp"
#include "web/i18n.hpp"

namespace privacy {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

void register_schemas() {
  json text = {{"type", "string"}};
  json rows = {{"type", "array"}, {"items", {{"type", "object"}}}};
  json place = {{"type", "object"},
                {"properties",
                 {{"feature", text},
                  {"table", text},
                  {"column", text},
                  {"data", text},
                  {"purpose", text},
                  {"kept", text},
                  {"columns", {{"type", "array"}, {"items", text}}},
                  {"rows", rows}}}};
  http::register_schema("PersonalData", {{"type", "object"},
                                         {"properties",
                                          {{"person_id", text},
                                           {"name", text},
                                           {"erased_at", {{"type", {"string", "null"}}}},
                                           {"generated_at", text},
                                           {"places", {{"type", "array"}, {"items", place}}},
                                           {"mentions", {{"type", "array"}, {"items", place}}}}}});
  http::register_schema(
      "Erasure", {{"type", "object"}, {"properties", {{"person_id", text}, {"name", text}}}});
  json days = {{"type", "integer"}, {"minimum", 0}, {"maximum", kMaxRetentionDays}};
  http::register_schema("PrivacyRetention", {{"type", "object"},
                                             {"properties",
                                              {{"signal_email_days", days},
                                               {"survey_invitation_days", days},
                                               {"version", {{"type", "integer"}}},
                                               {"updated_at", {{"type", {"string", "null"}}}}}}});
  http::register_schema("PrivacyRetentionInput",
                        {{"type", "object"},
                         {"required", {"version"}},
                         {"properties",
                          {{"signal_email_days", days},
                           {"survey_invitation_days", days},
                           {"version", {{"type", "integer"}, {"minimum", 0}}}}}});
  http::register_schema("RecordOfProcessing", {{"type", "object"}});
}

Response personal_data(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return Response::json(
      200, PersonalDataStore(*sql, req.who().tenant_id).export_person(req.param("id")));
}

Response erase(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto label = web::t(req.who().tenant_locale, "privacy_pseudonym_label");
  auto alias =
      PersonalDataStore(*sql, req.who().tenant_id).erase(req.who(), req.param("id"), label);
  return Response::json(200, {{"person_id", req.param("id")}, {"name", alias}});
}

Response show_retention(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return Response::json(200, to_json(RetentionStore(*sql, req.who().tenant_id).get()));
}

Response update_retention(db::Database& db, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto sql = db.lease();
  RetentionStore store(*sql, req.who().tenant_id);
  auto changed = store.get();
  auto signal = input.optional_int("signal_email_days", 0, kMaxRetentionDays);
  auto survey = input.optional_int("survey_invitation_days", 0, kMaxRetentionDays);
  auto version = input.optional_int("version", 0, 1LL << 40);
  if (!version) input.fail("version", "is required");
  input.check();
  if (signal) changed.signal_email_days = static_cast<int>(*signal);
  if (survey) changed.survey_invitation_days = static_cast<int>(*survey);
  return Response::json(200, to_json(store.update(req.who(), changed, *version)));
}

Response record(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return Response::json(
      200, record_json(req.who().tenant_locale, RetentionStore(*sql, req.who().tenant_id).get()));
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_schemas();
  const auto admin = Access::kAdmin;
  kit::add_routes(
      router, db,
      {{"GET",
        "/api/v1/people/{id}/personal-data",
        admin,
        personal_data,
        {"Everything fremdrift holds about the person (administrators)", "privacy", "",
         "PersonalData"}},
       {"POST",
        "/api/v1/people/{id}/erase",
        admin,
        erase,
        {"Erase the person: name and contact details become a pseudonym, the login goes "
         "(administrators)",
         "privacy", "", "Erasure"}},
       {"GET",
        "/api/v1/tenant/privacy-retention",
        admin,
        show_retention,
        {"How long citizens' addresses and survey invitations are kept", "privacy", "",
         "PrivacyRetention"}},
       {"PUT",
        "/api/v1/tenant/privacy-retention",
        admin,
        update_retention,
        {"Change how long citizens' addresses and survey invitations are kept", "privacy",
         "PrivacyRetentionInput", "PrivacyRetention"}},
       {"GET",
        "/api/v1/privacy/record",
        admin,
        record,
        {"The record of processing activities (GDPR art. 30)", "privacy", "",
         "RecordOfProcessing"}}});
}

void register_jobs(jobs::Registry& registry) {
  registry.add_periodic("privacy.retention", std::chrono::hours(1),
                        [](soci::session& sql, jobs::TimePoint now) { purge_expired(sql, now); });
}

}  // namespace privacy
