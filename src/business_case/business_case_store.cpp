#include "business_case/business_case_store.hpp"

#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "kit/authored.hpp"
#include "kit/versioned.hpp"

namespace business_case {
namespace {

using nlohmann::json;

// The year rows are kept as one JSON list, read and bound apart (inserted as a bound
// column, rewritten by every update).
const db::Columns<BusinessCase>& columns() {
  static const auto c = business_case_fields()
                            .columns("business_cases")
                            .bound("created_by")
                            .bound("year_rows")
                            .on_update("year_rows = :year_rows")
                            .version(&BusinessCase::version)
                            .text("created_at", &BusinessCase::created_at, db::Write::kOnce)
                            .text("updated_at", &BusinessCase::updated_at);
  return c;
}

const std::string kSelectOfProject =
    columns().select_joined("b", "b.year_rows", "") + " AND b.project_id = :project_id";
constexpr std::string_view kTenantPricing =
    "SELECT hour_price, discount_rate, default_locale FROM tenants WHERE id = :tenant_id";
constexpr std::string_view kSelectVersions =
    "SELECT v.id, v.project_id, v.number, v.decision_id, d.text AS decision, v.approved_on, "
    "v.horizon, v.currency, v.rate, v.hour_price, v.year_rows, v.created_at "
    "FROM business_case_versions v JOIN decisions d ON d.tenant_id = v.tenant_id AND d.id = "
    "v.decision_id WHERE v.tenant_id = :tenant_id AND v.project_id = :project_id "
    "ORDER BY v.number DESC";
// kSelectVersions' newest row only.
const std::string kSelectApproved = std::string(kSelectVersions) + " LIMIT 1";
constexpr std::string_view kLastApproval =
    "SELECT number, approved_on FROM business_case_versions "
    "WHERE tenant_id = :tenant_id AND project_id = :project_id ORDER BY number DESC LIMIT 1";
constexpr std::string_view kNextNumber =
    "SELECT COALESCE(MAX(number), 0) + 1 FROM business_case_versions "
    "WHERE tenant_id = :tenant_id AND project_id = :project_id";
constexpr std::string_view kInsertVersion =
    "INSERT INTO business_case_versions (tenant_id, id, project_id, number, decision_id, "
    "approved_on, horizon, currency, rate, hour_price, year_rows, created_by, created_at) "
    "VALUES (:tenant_id, :id, :project_id, :number, :decision_id, :approved_on, :horizon, "
    ":currency, :rate, :hour_price, :year_rows, :created_by, :created_at)";

BusinessCase from_row(const db::Row& r) {
  BusinessCase bc = columns().read(r);
  bc.rows = rows_from_json(json::parse(db::text(r, "year_rows"), nullptr, false));
  return bc;
}

ApprovedVersion version_from_row(const db::Row& r) {
  ApprovedVersion v;
  v.id = db::text(r, "id");
  v.project_id = db::text(r, "project_id");
  v.number = db::integer(r, "number");
  v.decision_id = db::text(r, "decision_id");
  v.decision = db::text(r, "decision");
  v.approved_on = db::text(r, "approved_on");
  v.horizon = db::integer(r, "horizon");
  v.currency = db::text(r, "currency");
  v.pricing = {.rate = db::real(r, "rate"), .hour_price = db::real(r, "hour_price")};
  v.rows = rows_from_json(json::parse(db::text(r, "year_rows"), nullptr, false));
  v.created_at = db::text(r, "created_at");
  return v;
}

json audited(const BusinessCase& bc) {
  json out = business_case_fields().to_json(bc);
  out["version"] = bc.version;
  return out;
}

}  // namespace

BusinessCase BusinessCaseStore::current(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  return current(projects::CheckedProject{project_id});
}

BusinessCase BusinessCaseStore::current(const projects::CheckedProject& project) {
  const std::string& project_id = project.id;
  auto rows =
      db::query(sql_, kSelectOfProject, {{"tenant_id", tenant_id_}, {"project_id", project_id}});
  if (!rows.empty()) return from_row(rows[0]);
  BusinessCase fresh;
  fresh.project_id = project_id;
  auto tenant = db::query(sql_, kTenantPricing, {{"tenant_id", tenant_id_}});
  if (!tenant.empty() && db::text(tenant[0], "default_locale") == "sv") fresh.currency = "SEK";
  return fresh;
}

Pricing BusinessCaseStore::pricing(const BusinessCase& bc) {
  Pricing p;
  auto rows = db::query(sql_, kTenantPricing, {{"tenant_id", tenant_id_}});
  if (!rows.empty()) {
    p.hour_price = db::opt_real(rows[0], "hour_price").value_or(0);
    p.rate = db::opt_real(rows[0], "discount_rate").value_or(kDefaultRate);
  }
  if (bc.discount_rate) p.rate = *bc.discount_rate;
  return p;
}

BusinessCase BusinessCaseStore::save(const core::AuthContext* who, const std::string& project_id,
                                     const BusinessCase& changed, long long expected_version) {
  BusinessCase row = changed;
  row.project_id = project_id;
  row.updated_at = core::now_iso();
  const std::string year_rows = rows_to_json(row.rows).dump();
  if (expected_version == 0) {
    db::WriteTx tx(sql_);
    auto stored = current(project_id);
    if (stored.version != 0)
      throw core::Conflict(core::Message{"err.stale", {{"entity", "business case"}}},
                           audited(stored));
    row.id = core::new_id();
    row.version = 1;
    row.created_at = row.updated_at;
    db::execute(sql_, columns().insert_sql(),
                columns().args(row, {{"tenant_id", tenant_id_},
                                     {"created_by", kit::author(who)},
                                     {"year_rows", year_rows}}));
    audit::record(sql_, tenant_id_, who, "business_case", row.id, "create", nullptr, audited(row));
    tx.commit();
    return row;
  }
  auto stored = current(project_id);
  if (stored.version == 0)
    throw core::Conflict(core::Message{"err.stale", {{"entity", "business case"}}}, nullptr);
  row.id = stored.id;
  return kit::versioned_update<BusinessCase>(
      sql_, tenant_id_, who, "business_case", row.id, expected_version,
      [&] { return current(project_id); },
      [&](long long version) {
        return db::execute(
            sql_, columns().update_sql(),
            columns().args(
                row, {{"tenant_id", tenant_id_}, {"expected", version}, {"year_rows", year_rows}}));
      },
      audited, audited, core::Message{"err.stale", {{"entity", "business case"}}});
}

ApprovedVersion BusinessCaseStore::approve(const core::AuthContext* who,
                                           const std::string& project_id,
                                           const projects::GateDecision& decision,
                                           long long expected_version) {
  db::WriteTx tx(sql_);
  auto bc = current(project_id);
  if (bc.version == 0 || bc.version != expected_version)
    throw core::Conflict(core::Message{"bcase_err_approve_stale"},
                         bc.version == 0 ? json(nullptr) : audited(bc));
  auto logged = projects::ProjectStore(sql_, tenant_id_).record_decision(who, project_id, decision);
  ApprovedVersion v;
  v.id = core::new_id();
  v.project_id = project_id;
  v.number = db::scalar(sql_, kNextNumber, {{"tenant_id", tenant_id_}, {"project_id", project_id}});
  v.decision_id = logged["id"];
  v.decision = decision.text;
  v.approved_on = decision.decided_on;
  v.horizon = bc.horizon;
  v.currency = bc.currency;
  v.pricing = pricing(bc);
  v.rows = bc.rows;
  v.created_at = core::now_iso();
  db::execute(sql_, kInsertVersion,
              {{"tenant_id", tenant_id_},
               {"id", v.id},
               {"project_id", project_id},
               {"number", v.number},
               {"decision_id", v.decision_id},
               {"approved_on", v.approved_on},
               {"horizon", v.horizon},
               {"currency", v.currency},
               {"rate", v.pricing.rate},
               {"hour_price", v.pricing.hour_price},
               {"year_rows", rows_to_json(v.rows).dump()},
               {"created_by", kit::author(who)},
               {"created_at", v.created_at}});
  audit::record(sql_, tenant_id_, who, "business_case_version", v.id, "create", nullptr,
                {{"business_case_id", bc.id},
                 {"number", v.number},
                 {"decision_id", v.decision_id},
                 {"case_version", bc.version}});
  tx.commit();
  return v;
}

std::vector<ApprovedVersion> BusinessCaseStore::versions(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  std::vector<ApprovedVersion> out;
  for (const auto& r :
       db::query(sql_, kSelectVersions, {{"tenant_id", tenant_id_}, {"project_id", project_id}}))
    out.push_back(version_from_row(r));
  return out;
}

std::optional<BusinessCaseStore::Approval> BusinessCaseStore::last_approval(
    const std::string& project_id) {
  auto rows =
      db::query(sql_, kLastApproval, {{"tenant_id", tenant_id_}, {"project_id", project_id}});
  if (rows.empty()) return std::nullopt;
  return Approval{db::integer(rows[0], "number"), db::text(rows[0], "approved_on")};
}

std::optional<ApprovedVersion> BusinessCaseStore::approved(const std::string& project_id) {
  auto rows =
      db::query(sql_, kSelectApproved, {{"tenant_id", tenant_id_}, {"project_id", project_id}});
  if (rows.empty()) return std::nullopt;
  return version_from_row(rows[0]);
}

}  // namespace business_case
