#pragma once

#include <string>

#include <soci/soci.h>

namespace app {

// The demo's programme secretariat: an umbrella tenant that owns one programme
// (two clusters, seed 001's two content tracks), which the demo municipality has
// joined with `project_title` attached. Idempotent. Returns the umbrella admin's
// e-mail; the password is the demo administrator's.
std::string ensure_demo_programme(soci::session& sql, const std::string& municipality_id,
                                  const std::string& project_title, const std::string& password);

}  // namespace app
