#include "web/local_time.hpp"

#include "core/time.hpp"
#include "web/i18n.hpp"

namespace web {

std::string local_time_text(const std::string& locale, const std::string& zone,
                            const std::string& stored) {
  auto local = core::parse_time_in_zone(stored, core::time_zone(zone));
  if (!local) return stored;
  auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  return render_message(locale, {"privacy_datetime_format",
                                 {{"year", std::to_string(local->year)},
                                  {"month", two(local->month)},
                                  {"day", two(local->day)},
                                  {"hour", two(local->hour)},
                                  {"minute", two(local->minute)}}});
}

}  // namespace web
