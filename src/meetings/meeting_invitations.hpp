#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

#include "meetings/meeting.hpp"

namespace meetings {

struct Invitations {
  std::vector<std::string> queued;   // person ids whose invitation is in the outbox
  std::vector<std::string> skipped;  // invited, but without an e-mail address (or mail off)
};

// One mail per person invited to the meeting, in their language, with the meeting as an
// .ics attachment (the same calendar as GET /api/v1/meetings/{id}.ics) and a link to its
// page; written to the outbox inside the caller's transaction.
Invitations send_invitations(soci::session& sql, const std::string& tenant_id,
                             const Meeting& meeting, const std::string& project_title,
                             const std::string& time_zone);

}  // namespace meetings
