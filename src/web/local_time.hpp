#pragma once

#include <string>

namespace web {

// A stored instant (UTC, or the tenant's wall-clock time) as local time in `zone`, written as
// the reader's language writes it (privacy_datetime_format: "07.12.2026 kl. 20.45"); a text
// that is not a time stays as it is.
std::string local_time_text(const std::string& locale, const std::string& zone,
                            const std::string& stored);

}  // namespace web
