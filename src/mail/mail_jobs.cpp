#include "mail/mail_jobs.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "core/ids.hpp"
#include "jobs/job_store.hpp"
#include "mail/outbox_store.hpp"

namespace mail {
namespace {

constexpr int kBatch = 50;
constexpr std::chrono::minutes kSendLease{5};

}  // namespace

int deliver_due(soci::session& sql, const DeliveryOptions& options, jobs::TimePoint now,
                const std::string& worker) {
  OutboxStore store(sql);
  int sent = 0;
  for (const auto& [tenant_id, id] : store.due(now, kBatch)) {
    auto token = worker + "#" + core::new_id();
    auto claimed = store.claim(tenant_id, id, token, now, kSendLease);
    if (!claimed) continue;
    try {
      send(options.smtp, compose(claimed->message, options.smtp.from, now, id));
      store.sent(tenant_id, id, token, now);
      ++sent;
    } catch (const std::exception& e) {
      std::optional<jobs::TimePoint> retry;
      if (claimed->attempts < options.max_attempts)
        retry = now + std::chrono::seconds(
                          jobs::backoff_seconds(claimed->attempts, options.retry_base_seconds));
      store.failed(tenant_id, id, token, e.what(), retry);
      spdlog::warn("{}", nlohmann::json{{"msg", "mail not sent"},
                                        {"mail", id},
                                        {"attempts", claimed->attempts},
                                        {"detail", e.what()}}
                             .dump());
    }
  }
  return sent;
}

void register_jobs(jobs::Registry& registry, const DeliveryOptions& options) {
  if (options.smtp.configured()) {
    registry.add_periodic("mail.deliver", options.interval,
                          [options](soci::session& sql, jobs::TimePoint now) {
                            deliver_due(sql, options, now, "mail.deliver");
                          });
  }
  registry.add_periodic(
      "mail.digest", options.digest_interval,
      [](soci::session& sql, jobs::TimePoint now) { OutboxStore(sql).write_digests(now); });
}

}  // namespace mail
