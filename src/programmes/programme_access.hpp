#pragma once

#include <string>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "programmes/programme.hpp"

namespace programmes {

// Who may put a project of their own tenant into a programme, move it between
// clusters and tracks, or take it out again: tenant administrators, and the
// project's owner and project leader. The table is in docs/programmes.md.
bool may_attach(soci::session& sql, const core::AuthContext& who, const std::string& project_id);

// ValidationError (project_id) when the project is not in the caller's tenant,
// Forbidden when the caller may not attach it.
void require_attach(soci::session& sql, const core::AuthContext& who,
                    const std::string& project_id);

// Changing or removing an attachment: the programme's managers, or the project's
// own side. NotFound is the caller's business (the attachment was loaded first).
void require_placement(soci::session& sql, const core::AuthContext& who, const Programme& programme,
                       const AttachedProject& attached);

}  // namespace programmes
