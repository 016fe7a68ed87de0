#include "privacy/retention.hpp"

#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"

namespace privacy {
namespace {

constexpr std::string_view kGet =
    "SELECT signal_email_days, survey_invitation_days, version, updated_at FROM privacy_settings "
    "WHERE tenant_id = :tenant_id";
constexpr std::string_view kInsert =
    "INSERT INTO privacy_settings (tenant_id, signal_email_days, survey_invitation_days, version, "
    "updated_at) VALUES (:tenant_id, :signal_email_days, :survey_invitation_days, 1, :now)";
constexpr std::string_view kUpdate =
    "UPDATE privacy_settings SET signal_email_days = :signal_email_days, "
    "survey_invitation_days = :survey_invitation_days, version = version + 1, updated_at = :now "
    "WHERE tenant_id = :tenant_id AND version = :expected";
// Every tenant with its settings or the defaults (bound), so a tenant that never saved any is
// purged too.
constexpr std::string_view kTenants =
    "SELECT t.id, COALESCE(s.signal_email_days, :signal_default) AS signal_email_days, "
    "COALESCE(s.survey_invitation_days, :survey_default) AS survey_invitation_days "
    "FROM tenants t LEFT JOIN privacy_settings s ON s.tenant_id = t.id";
constexpr std::string_view kClearSignalEmails =
    "UPDATE signals SET submitter_email = NULL WHERE tenant_id = :tenant_id AND "
    "source = 'citizen' AND status = 'closed' AND closed_at < :cutoff AND submitter_email IS NOT "
    "NULL";
constexpr std::string_view kClearInvitations =
    "UPDATE survey_invitations SET person_id = NULL WHERE tenant_id = :tenant_id AND person_id "
    "IS NOT NULL AND round_id IN (SELECT id FROM survey_rounds WHERE tenant_id = :tenant_id AND "
    "status = 'closed' AND updated_at < :cutoff)";
constexpr std::string_view kPurgeSessions = "DELETE FROM sessions WHERE expires_at < :now";
constexpr std::string_view kPurgeTokens =
    "DELETE FROM api_tokens WHERE revoked_at IS NOT NULL AND revoked_at < :cutoff";
constexpr std::string_view kPurgeAttempts =
    "DELETE FROM login_attempts WHERE window_start < :cutoff";

using Clock = std::chrono::system_clock;

std::string days_before(Clock::time_point now, long long days) {
  return core::to_iso(now - std::chrono::hours(24 * days));
}

}  // namespace

nlohmann::json to_json(const Retention& r) {
  return {{"signal_email_days", r.signal_email_days},
          {"survey_invitation_days", r.survey_invitation_days},
          {"version", r.version},
          {"updated_at", r.updated_at.empty() ? nlohmann::json() : nlohmann::json(r.updated_at)}};
}

Retention RetentionStore::get() {
  auto rows = db::query(sql_, kGet, {{"tenant_id", tenant_id_}});
  Retention r;
  if (rows.empty()) return r;
  auto row = rows[0];
  r.signal_email_days = static_cast<int>(db::integer(row, "signal_email_days"));
  r.survey_invitation_days = static_cast<int>(db::integer(row, "survey_invitation_days"));
  r.version = db::integer(row, "version");
  r.updated_at = db::text(row, "updated_at");
  return r;
}

Retention RetentionStore::update(const core::AuthContext& who, const Retention& changed,
                                 long long expected) {
  db::WriteTx tx(sql_);
  auto before = get();
  if (before.version != expected)
    throw core::Conflict("the retention settings were changed by someone else", to_json(before));
  // The values outlive the call: db::Arg only points at texts.
  auto now = core::now_iso();
  auto written = db::execute(sql_, expected == 0 ? kInsert : kUpdate,
                             {{"tenant_id", tenant_id_},
                              {"signal_email_days", changed.signal_email_days},
                              {"survey_invitation_days", changed.survey_invitation_days},
                              {"expected", expected},
                              {"now", now}});
  if (written != 1)
    throw core::Conflict("the retention settings were changed by someone else", to_json(before));
  auto after = get();
  audit::record(sql_, tenant_id_, &who, "privacy_settings", tenant_id_, "update", to_json(before),
                to_json(after));
  tx.commit();
  return after;
}

Purged purge_expired(soci::session& sql, Clock::time_point now) {
  db::WriteTx tx(sql);
  Purged out;
  const Retention defaults;
  auto tenants = db::query(sql, kTenants,
                           {{"signal_default", defaults.signal_email_days},
                            {"survey_default", defaults.survey_invitation_days}});
  for (const auto& t : tenants) {
    auto tenant = db::text(t, "id");
    out.signal_emails += db::execute(
        sql, kClearSignalEmails,
        {{"tenant_id", tenant}, {"cutoff", days_before(now, db::integer(t, "signal_email_days"))}});
    out.survey_invitations +=
        db::execute(sql, kClearInvitations,
                    {{"tenant_id", tenant},
                     {"cutoff", days_before(now, db::integer(t, "survey_invitation_days"))}});
  }
  out.sessions = db::execute(sql, kPurgeSessions, {{"now", core::to_iso(now)}});
  out.api_tokens =
      db::execute(sql, kPurgeTokens, {{"cutoff", days_before(now, kRevokedTokenDays)}});
  out.login_attempts =
      db::execute(sql, kPurgeAttempts, {{"cutoff", days_before(now, kLoginAttemptDays)}});
  tx.commit();
  return out;
}

}  // namespace privacy
