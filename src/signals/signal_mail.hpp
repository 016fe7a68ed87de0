#pragma once

#include <string>

#include <soci/soci.h>

#include "signals/signal.hpp"

namespace signals {

// Closing the loop by e-mail, written to the outbox inside the step's transaction (sent
// after the commit): a new, passed-up, escalated or reminded signal to the manager who holds
// it; an answer, a status, a hand-over or the close to the submitter — a member of staff in
// their own language with a link to the signal, a citizen who gave an address in the
// tenant's language, pointed to the private link of the receipt (only its hash is stored, so
// a mail cannot carry it). Nobody to tell, or no address: nothing is written.
void mail_event(soci::session& sql, const std::string& tenant_id, const Signal& s, const Event& e,
                const std::string& citizen_locale);

}  // namespace signals
