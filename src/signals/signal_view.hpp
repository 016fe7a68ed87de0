#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/request.hpp"
#include "signals/signal.hpp"

namespace signals {

// The steps a submitter sees: everything but reminders; a note passed up with the signal
// and links into projects stay inside the organisation.
bool shown_publicly(const Event& e);

// The citizen's view of their signal (no names, no addresses): JSON for the private link,
// and the page's view model in the reader's language.
nlohmann::json public_json(const Signal& s, const std::vector<Event>& history);
nlohmann::json public_view(const http::Request& req, const Signal& s,
                           const std::vector<Event>& history);

// A notification for a step of the signal, in `locale` (da, sv, en): subject and body.
// `link` is where the reader follows the signal (the private link for a citizen, the
// signal's page for staff). One pure function, so the e-mail outbox (after the merge) and
// the tests share the texts.
struct Notification {
  std::string subject;
  std::string body;
};
Notification notification(const std::string& locale, const Signal& s, const Event& e,
                          const std::string& link);

}  // namespace signals
