#pragma once

#include <chrono>

#include "jobs/registry.hpp"
#include "mail/smtp.hpp"

namespace mail {

struct DeliveryOptions {
  SmtpConfig smtp;
  std::chrono::seconds interval{10};  // how often the outbox is looked at
  long long retry_base_seconds = 60;  // the first retry; doubling, at most an hour
  int max_attempts = 10;              // then the mail is failed for good (and shown so)
  std::chrono::seconds digest_interval{std::chrono::hours(24)};
};

// Sends the due mails of the outbox, one row claimed at a time (two instances never send
// the same row). A send that fails leaves the row pending with the error and the next
// attempt's time. Returns how many were sent.
int deliver_due(soci::session& sql, const DeliveryOptions& options, jobs::TimePoint now,
                const std::string& worker);

// The outbox's jobs: "mail.deliver" (only with a mail server configured: without one,
// mail waits) and "mail.digest".
void register_jobs(jobs::Registry& registry, const DeliveryOptions& options);

}  // namespace mail
