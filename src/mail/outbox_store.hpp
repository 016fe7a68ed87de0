#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "mail/message.hpp"

namespace mail {

using TimePoint = std::chrono::system_clock::time_point;

// How a person wants their notifications (mail_preferences; no row: immediately).
inline const std::vector<std::string> kDeliveries = {"immediately", "daily_digest", "off"};

// Writes the mail into the outbox inside the caller's transaction (it is sent after the
// commit, by the delivery job; a rollback takes it away with the rest). The recipient's
// preference decides: "off" stores nothing (nullopt), "daily_digest" keeps it for the
// digest unless it has attachments (an invitation is of no use a day late). Throws
// core::ValidationError for a malformed address or a line break in a header's text.
std::optional<std::string> enqueue(soci::session& sql, const Message& m);

// The person's address, name and language (their own, else the tenant's); nullopt when the
// person has no address.
struct Recipient {
  std::string person_id;
  std::string address;
  std::string name;
  std::string locale;
};
std::optional<Recipient> recipient(soci::session& sql, const std::string& tenant_id,
                                   const std::string& person_id);

// One mail of `kind` to a person: subject and text from the catalogue in their language
// (fill_from_catalogue with `params`), written through enqueue, so their preference applies.
std::optional<std::string> notify(soci::session& sql, const std::string& tenant_id,
                                  const Recipient& to, const std::string& kind,
                                  const nlohmann::json& params,
                                  std::vector<Attachment> attachments = {});

// A row of the outbox as the administrator sees it.
struct OutboxEntry {
  std::string id;
  Message message;
  std::string status;
  std::int64_t attempts = 0;
  std::string next_attempt_at;
  std::optional<std::string> last_error;
  std::string created_at;
  std::optional<std::string> sent_at;
};

struct OutboxStats {
  std::int64_t pending = 0;
  std::int64_t digest = 0;
  std::int64_t failing = 0;  // pending, with at least one failed attempt
  std::int64_t failed = 0;   // given up
  std::int64_t sent = 0;
};

// The Prometheus lines of the stats (fremdrift_mail_outbox…).
std::string prometheus(const OutboxStats& stats);

// The outbox's SQL: delivery (claim a row, sent, failed) and what is shown of it.
class OutboxStore {
 public:
  explicit OutboxStore(soci::session& sql) : sql_(sql) {}

  // Up to `limit` ids of due rows (pending, next attempt passed, nobody holding them).
  std::vector<std::pair<std::string, std::string>> due(TimePoint now, int limit);
  // Claims one row due at `now` for `token`, for `lease` by the database's clock (as jobs
  // are); nullopt when another instance got it first.
  struct Claimed {
    Message message;
    std::string id;
    std::int64_t attempts = 0;
  };
  std::optional<Claimed> claim(const std::string& tenant_id, const std::string& id,
                               const std::string& token, TimePoint now, std::chrono::seconds lease);
  void sent(const std::string& tenant_id, const std::string& id, const std::string& token,
            TimePoint now);
  // Another attempt after `retry_at`, or failed for good after the last attempt.
  void failed(const std::string& tenant_id, const std::string& id, const std::string& token,
              const std::string& error, std::optional<TimePoint> retry_at);

  // The tenant's outbox, newest first; `status` empty for all.
  std::vector<OutboxEntry> list(const std::string& tenant_id, const std::string& status, int limit);
  OutboxStats stats();

  // The daily digest: every waiting mail of one recipient in one, in their language.
  // Returns how many digests were written.
  int write_digests(TimePoint now);

  std::string preference(const std::string& tenant_id, const std::string& person_id);
  void set_preference(const std::string& tenant_id, const std::string& person_id,
                      const std::string& delivery);

 private:
  soci::session& sql_;
};

}  // namespace mail
