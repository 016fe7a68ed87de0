#include "mail/outbox_store.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <tuple>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "jobs/job_store.hpp"
#include "web/i18n.hpp"

namespace mail {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO mail_outbox (tenant_id, id, person_id, kind, locale, to_address, to_name, "
    "subject, body_text, attachments, status, next_attempt_at, created_at) VALUES (:tenant_id, "
    ":id, :person_id, :kind, :locale, :to, :to_name, :subject, :text, :attachments, :status, "
    ":now, :now)";
constexpr std::string_view kPreference =
    "SELECT delivery FROM mail_preferences WHERE tenant_id = :tenant_id AND person_id = :person_id";
constexpr std::string_view kSetPreference =
    "INSERT INTO mail_preferences (tenant_id, person_id, delivery, updated_at) VALUES "
    "(:tenant_id, :person_id, :delivery, :now) ON CONFLICT (tenant_id, person_id) DO UPDATE SET "
    "delivery = excluded.delivery, updated_at = excluded.updated_at";
constexpr std::string_view kRecipient =
    "SELECT p.email, p.name, COALESCE(p.locale, t.default_locale) AS locale FROM people p "
    "JOIN tenants t ON t.id = p.tenant_id WHERE p.tenant_id = :tenant_id AND p.id = :person_id";
constexpr std::string_view kDue =
    "SELECT tenant_id, id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= :now "
    "AND (locked_until IS NULL OR locked_until <= :db_now) ORDER BY next_attempt_at, id "
    "LIMIT :limit";
// The conditional write is the claim: of two instances only one changes the row.
constexpr std::string_view kClaim =
    "UPDATE mail_outbox SET locked_by = :token, locked_until = :until, attempts = attempts + 1 "
    "WHERE tenant_id = :tenant_id AND id = :id AND status = 'pending' AND next_attempt_at <= :now "
    "AND (locked_until IS NULL OR locked_until <= :db_now)";
constexpr std::string_view kColumns =
    "SELECT tenant_id, id, person_id, kind, locale, to_address, to_name, subject, body_text, "
    "attachments, status, attempts, next_attempt_at, last_error, created_at, sent_at "
    "FROM mail_outbox ";
constexpr std::string_view kSent =
    "UPDATE mail_outbox SET status = 'sent', sent_at = :now, last_error = NULL, locked_by = NULL, "
    "locked_until = NULL WHERE tenant_id = :tenant_id AND id = :id AND locked_by = :token";
constexpr std::string_view kFailed =
    "UPDATE mail_outbox SET status = :status, last_error = :error, next_attempt_at = :retry_at, "
    "locked_by = NULL, locked_until = NULL "
    "WHERE tenant_id = :tenant_id AND id = :id AND locked_by = :token";
constexpr std::string_view kStats =
    "SELECT COALESCE(SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), 0) AS pending, "
    "COALESCE(SUM(CASE WHEN status = 'digest' THEN 1 ELSE 0 END), 0) AS digest, "
    "COALESCE(SUM(CASE WHEN status = 'pending' AND attempts > 0 THEN 1 ELSE 0 END), 0) AS failing, "
    "COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0) AS failed, "
    "COALESCE(SUM(CASE WHEN status = 'sent' THEN 1 ELSE 0 END), 0) AS sent FROM mail_outbox";
constexpr std::string_view kDigestRows =
    "SELECT tenant_id, id, person_id, kind, locale, to_address, to_name, subject, body_text, "
    "attachments, status, attempts, next_attempt_at, last_error, created_at, sent_at "
    "FROM mail_outbox WHERE status = 'digest' ORDER BY tenant_id, to_address, created_at, id";
constexpr std::string_view kDigested =
    "UPDATE mail_outbox SET status = 'digested', sent_at = :now "
    "WHERE tenant_id = :tenant_id AND id = :id AND status = 'digest'";

Message message_of(const db::Row& r) {
  return {db::text(r, "tenant_id"),
          db::opt_text(r, "person_id"),
          db::text(r, "to_address"),
          db::text(r, "to_name"),
          db::text(r, "kind"),
          db::text(r, "locale"),
          db::text(r, "subject"),
          db::text(r, "body_text"),
          attachments_from_json(db::text(r, "attachments"))};
}

OutboxEntry entry_of(const db::Row& r) {
  return {db::text(r, "id"),
          message_of(r),
          db::text(r, "status"),
          db::integer(r, "attempts"),
          db::text(r, "next_attempt_at"),
          db::opt_text(r, "last_error"),
          db::text(r, "created_at"),
          db::opt_text(r, "sent_at")};
}

std::string insert(soci::session& sql, const Message& m, const std::string& status,
                   const std::string& now) {
  auto id = core::new_id();
  db::execute(sql, kInsert,
              {{"tenant_id", m.tenant_id},
               {"id", id},
               {"person_id", m.person_id},
               {"kind", m.kind},
               {"locale", m.locale},
               {"to", m.to},
               {"to_name", m.to_name},
               {"subject", m.subject},
               {"text", m.text},
               {"attachments", attachments_to_json(m.attachments)},
               {"status", status},
               {"now", now}});
  return id;
}

// One recipient's waiting mails as one, in their language now (the newest mail's when they
// are no person).
Message digest_of(soci::session& sql, const std::vector<Message>& waiting) {
  const auto& last = waiting.back();
  Message d{last.tenant_id, last.person_id, last.to, last.to_name, "digest", last.locale};
  if (last.person_id) {
    if (auto to = recipient(sql, last.tenant_id, *last.person_id)) d.locale = to->locale;
  }
  nlohmann::json params = {{"count", waiting.size()}};
  fill_from_catalogue(d, params);
  std::string items;
  for (const auto& m : waiting) items += "* " + m.subject + "\n\n" + m.text + "\n";
  auto footer = d.text.find("\n\n-- \n");
  d.text.insert(footer == std::string::npos ? d.text.size() : footer, "\n\n" + items);
  return d;
}

}  // namespace

std::optional<std::string> enqueue(soci::session& sql, const Message& m) {
  check_message(m);
  std::string status = "pending";
  if (m.person_id) {
    auto delivery = OutboxStore(sql).preference(m.tenant_id, *m.person_id);
    if (delivery == "off") return std::nullopt;
    if (delivery == "daily_digest" && m.attachments.empty()) status = "digest";
  }
  db::WriteTx tx(sql);  // joins the caller's transaction
  auto id = insert(sql, m, status, core::now_iso());
  tx.commit();
  return id;
}

std::optional<std::string> notify(soci::session& sql, const std::string& tenant_id,
                                  const Recipient& to, const std::string& kind,
                                  const nlohmann::json& params,
                                  std::vector<Attachment> attachments) {
  Message m{tenant_id, to.person_id, to.address, to.name, kind, to.locale};
  fill_from_catalogue(m, params);
  m.attachments = std::move(attachments);
  return enqueue(sql, m);
}

std::optional<Recipient> recipient(soci::session& sql, const std::string& tenant_id,
                                   const std::string& person_id) {
  auto rows = db::query(sql, kRecipient, {{"tenant_id", tenant_id}, {"person_id", person_id}});
  if (rows.empty()) return std::nullopt;
  auto email = db::opt_text(rows[0], "email");
  if (!email || email->empty()) return std::nullopt;
  auto locale = db::text(rows[0], "locale");
  return Recipient{person_id, *email, db::text(rows[0], "name"),
                   web::is_locale(locale) ? locale : std::string(web::kDefaultLocale)};
}

std::vector<std::pair<std::string, std::string>> OutboxStore::due(TimePoint now, int limit) {
  std::vector<std::pair<std::string, std::string>> out;
  auto db_now = core::to_iso(jobs::database_now(sql_));
  for (const auto& r :
       db::query(sql_, kDue, {{"now", core::to_iso(now)}, {"db_now", db_now}, {"limit", limit}}))
    out.emplace_back(db::text(r, "tenant_id"), db::text(r, "id"));
  return out;
}

std::optional<OutboxStore::Claimed> OutboxStore::claim(const std::string& tenant_id,
                                                       const std::string& id,
                                                       const std::string& token, TimePoint now,
                                                       std::chrono::seconds lease) {
  db::WriteTx tx(sql_);
  auto db_now = jobs::database_now(sql_);
  if (db::execute(sql_, kClaim,
                  {{"token", token},
                   {"until", core::to_iso(db_now + lease)},
                   {"db_now", core::to_iso(db_now)},
                   {"tenant_id", tenant_id},
                   {"id", id},
                   {"now", core::to_iso(now)}}) != 1)
    return std::nullopt;
  auto rows = db::query(sql_, std::string(kColumns) + "WHERE tenant_id = :tenant_id AND id = :id",
                        {{"tenant_id", tenant_id}, {"id", id}});
  tx.commit();
  return Claimed{message_of(rows[0]), id, db::integer(rows[0], "attempts")};
}

void OutboxStore::sent(const std::string& tenant_id, const std::string& id,
                       const std::string& token, TimePoint now) {
  db::execute(sql_, kSent,
              {{"now", core::to_iso(now)}, {"tenant_id", tenant_id}, {"id", id}, {"token", token}});
}

void OutboxStore::failed(const std::string& tenant_id, const std::string& id,
                         const std::string& token, const std::string& error,
                         std::optional<TimePoint> retry_at) {
  db::execute(sql_, kFailed,
              {{"status", retry_at ? "pending" : "failed"},
               {"error", error.substr(0, 2000)},
               {"retry_at", retry_at ? core::to_iso(*retry_at) : core::now_iso()},
               {"tenant_id", tenant_id},
               {"id", id},
               {"token", token}});
}

std::vector<OutboxEntry> OutboxStore::list(const std::string& tenant_id, const std::string& status,
                                           int limit) {
  std::vector<OutboxEntry> out;
  auto where = std::string(kColumns) + "WHERE tenant_id = :tenant_id" +
               (status.empty() ? "" : " AND status = :status") +
               " ORDER BY created_at DESC, id DESC LIMIT :limit";
  std::vector<db::Arg> args = {{"tenant_id", tenant_id}, {"limit", limit}};
  if (!status.empty()) args.emplace_back("status", status);
  for (const auto& r : db::query(sql_, where, args)) out.push_back(entry_of(r));
  return out;
}

std::string prometheus(const OutboxStats& s) {
  return fmt::format(
      "# HELP fremdrift_mail_outbox Mails in the outbox by status.\n"
      "# TYPE fremdrift_mail_outbox gauge\n"
      "fremdrift_mail_outbox{{status=\"pending\"}} {}\n"
      "fremdrift_mail_outbox{{status=\"digest\"}} {}\n"
      "fremdrift_mail_outbox{{status=\"failed\"}} {}\n"
      "fremdrift_mail_outbox{{status=\"sent\"}} {}\n"
      "# HELP fremdrift_mail_outbox_failing Pending mails whose last attempt failed.\n"
      "# TYPE fremdrift_mail_outbox_failing gauge\nfremdrift_mail_outbox_failing {}\n",
      s.pending, s.digest, s.failed, s.sent, s.failing);
}

OutboxStats OutboxStore::stats() {
  auto rows = db::query(sql_, kStats);
  const auto& r = rows[0];
  return {db::integer(r, "pending"), db::integer(r, "digest"), db::integer(r, "failing"),
          db::integer(r, "failed"), db::integer(r, "sent")};
}

int OutboxStore::write_digests(TimePoint now) {
  std::map<std::tuple<std::string, std::string>, std::vector<std::pair<std::string, Message>>>
      waiting;
  for (const auto& r : db::query(sql_, kDigestRows))
    waiting[{db::text(r, "tenant_id"), db::text(r, "to_address")}].emplace_back(db::text(r, "id"),
                                                                                message_of(r));
  auto at = core::to_iso(now);
  for (const auto& [key, rows] : waiting) {
    std::vector<Message> messages;
    for (const auto& row : rows) messages.push_back(row.second);
    db::WriteTx tx(sql_);
    insert(sql_, digest_of(sql_, messages), "pending", at);
    for (const auto& row : rows)
      db::execute(sql_, kDigested,
                  {{"now", at}, {"tenant_id", std::get<0>(key)}, {"id", row.first}});
    tx.commit();
  }
  return static_cast<int>(waiting.size());
}

std::string OutboxStore::preference(const std::string& tenant_id, const std::string& person_id) {
  auto rows = db::query(sql_, kPreference, {{"tenant_id", tenant_id}, {"person_id", person_id}});
  return rows.empty() ? "immediately" : db::text(rows[0], "delivery");
}

void OutboxStore::set_preference(const std::string& tenant_id, const std::string& person_id,
                                 const std::string& delivery) {
  if (std::find(kDeliveries.begin(), kDeliveries.end(), delivery) == kDeliveries.end())
    throw core::ValidationError("delivery", "one of immediately, daily_digest, off");
  db::WriteTx tx(sql_);
  db::execute(sql_, kSetPreference,
              {{"tenant_id", tenant_id},
               {"person_id", person_id},
               {"delivery", delivery},
               {"now", core::now_iso()}});
  tx.commit();
}

}  // namespace mail
