#pragma once

// Sending a survey's next round (issue 17), the same from the API and the survey's page: the
// round grouped by the organisation as it is now, a personal link for each person of the
// units asked (and of the units below them), and for a citizens' survey one public link.
// The secrets exist only in what this returns: the tables keep their hashes.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "surveys/survey_store.hpp"

namespace surveys {

struct SentRound {
  Round round;
  std::vector<IssuedLink> links;
  std::optional<std::string> public_secret;
  std::set<std::string> mailed;  // the people whose link went out by mail
};

// Refuses (ValidationError) a unit that is not the tenant's, or the project's participants of
// a survey that serves no project; Forbidden unless the caller owns the survey or
// administers the tenant.
// Who a round asks: the people of units (and of the units below them) and, for a survey that
// serves a project, the people holding a role in it; everyone once.
struct Population {
  std::vector<std::string> unit_ids;
  bool project_participants = false;
};

SentRound send_round(soci::session& sql, const core::AuthContext& who, const Survey& survey,
                     Round round, const Population& asked, bool by_mail);

// Mails each link whose person has an address (through the outbox, in the caller's
// transaction; their mail preference applies): mail kind `kind` ("survey_invitation",
// "survey_reminder"). Returns who was mailed; the others' links are handed out.
std::set<std::string> mail_links(soci::session& sql, const std::string& tenant_id,
                                 const Survey& survey, const Round& round,
                                 const std::vector<IssuedLink>& links, const std::string& kind);

// A reminder by mail to everyone of the open round who has not answered and has an address,
// each with a fresh link (the earlier one stops working; people without an address keep
// theirs). Returns how many were mailed. ValidationError "round" when it is not open.
int send_reminders(soci::session& sql, const core::AuthContext& who, const Survey& survey,
                   const std::string& round_id);

// Opens or closes a round (planned → open → closed; Conflict on a stale version) for its
// survey's owner; a closed round's index goes to the KPIs the survey feeds, in the same
// transaction.
Round change_round_status(soci::session& sql, const core::AuthContext& who, const Survey& survey,
                          const std::string& round_id, const std::string& status,
                          long long expected_version);

// The owner and administrators change a survey and run its rounds; Forbidden otherwise.
void require_owner(const Survey& s, const core::AuthContext& who);
bool is_owner(const Survey& s, const core::AuthContext& who);

// The address a link's secret is answered at.
std::string answer_url(const std::string& secret);

}  // namespace surveys
