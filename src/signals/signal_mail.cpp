#include "signals/signal_mail.hpp"

#include <optional>

#include <spdlog/spdlog.h>

#include "core/errors.hpp"
#include "mail/message.hpp"
#include "mail/outbox_store.hpp"
#include "signals/signal_view.hpp"
#include "web/i18n.hpp"
#include "web/public_url.hpp"

namespace signals {
namespace {

bool to_manager(const std::string& kind) {
  return kind == "created" || kind == "passed_up" || kind == "escalated" || kind == "reminder";
}

}  // namespace

void mail_event(soci::session& sql, const std::string& tenant_id, const Signal& s, const Event& e,
                const std::string& citizen_locale) {
  const std::optional<std::string> person = to_manager(e.kind) ? e.manager_id : s.submitter_id;
  mail::Message m;
  m.tenant_id = tenant_id;
  m.kind = "signal_" + e.kind;
  std::string link = web::public_url() + "/signals/" + s.id;
  if (person) {
    auto to = mail::recipient(sql, tenant_id, *person);
    if (!to) return;
    m.person_id = to->person_id;
    m.to = to->address;
    m.to_name = to->name;
    m.locale = to->locale;
  } else if (!to_manager(e.kind) && s.submitter_email && !s.submitter_email->empty()) {
    m.to = *s.submitter_email;
    m.to_name = s.submitter_name.value_or("");
    m.locale = citizen_locale;
    link = web::t(m.locale, "signal_mail_receipt_link");
  } else {
    return;
  }
  auto text = notification(m.locale, s, e, link);
  m.subject = text.subject;
  m.text = text.body;
  try {
    mail::enqueue(sql, m);
  } catch (const core::ValidationError& refused) {
    // The step stands without its mail: an address stored before the checks were this strict.
    spdlog::warn("{{\"msg\":\"signal mail not written\",\"signal\":\"{}\",\"detail\":\"{}\"}}",
                 s.id, refused.what());
  }
}

}  // namespace signals
