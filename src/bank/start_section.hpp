#pragma once

#include <string>

#include <soci/soci.h>

#include "http/request.hpp"

namespace bank {

// The entry page's part about starting from it (issue 18, point 3): the link to
// /bank/{entry}/start for a reader of a municipality while the entry is published, and the
// projects started from it whose municipality consented (title and municipality only).
// Rendered HTML, for the entry page to place.
std::string start_section_html(soci::session& sql, const http::Request& req,
                               const std::string& entry_id, bool published);

}  // namespace bank
