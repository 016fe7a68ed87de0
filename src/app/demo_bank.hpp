#pragma once

#include <string>

#include <soci/soci.h>

namespace app {

// A second municipality of the demo, "Naboby Kommune", with a few units of its own and an
// administrator, so one can start a project from the demo municipality's entry in the
// workflow bank as another municipality would (issue 18, point 3). Idempotent. Returns the
// administrator's e-mail; the password is the demo administrator's.
std::string ensure_demo_neighbour(soci::session& sql, const std::string& password);

}  // namespace app
