#include "work_packages/timeline.hpp"

#include <algorithm>

#include "core/time.hpp"

namespace work_packages {
namespace {

long long day_of(const std::string& date) {
  return core::days_from_civil(std::stoi(date.substr(0, 4)), std::stoi(date.substr(5, 2)),
                               std::stoi(date.substr(8, 2)));
}

}  // namespace

TimelineLayout lay_out(const std::vector<Span>& spans, const std::vector<Milestone>& milestones,
                       const std::string& today, double width) {
  TimelineLayout out;
  if (spans.empty()) return out;
  std::string first = spans.front().start, last = spans.front().end;
  for (const auto& s : spans) {
    first = std::min(first, s.start);
    last = std::max({last, s.end, s.start});
  }
  // From the first day of the first month to the first day after the last month.
  const int first_year = std::stoi(first.substr(0, 4)), first_month = std::stoi(first.substr(5, 2));
  const int last_year = std::stoi(last.substr(0, 4)), last_month = std::stoi(last.substr(5, 2));
  const long long from = core::days_from_civil(first_year, first_month, 1);
  const long long to = last_month == 12 ? core::days_from_civil(last_year + 1, 1, 1)
                                        : core::days_from_civil(last_year, last_month + 1, 1);
  out.days = to - from;
  const double per_day = width / static_cast<double>(out.days);
  for (int y = first_year, m = first_month; y < last_year || (y == last_year && m <= last_month);) {
    const long long begin = core::days_from_civil(y, m, 1);
    const int next_y = m == 12 ? y + 1 : y, next_m = m == 12 ? 1 : m + 1;
    const long long next = core::days_from_civil(next_y, next_m, 1);
    out.months.push_back({y, m, static_cast<double>(begin - from) * per_day,
                          static_cast<double>(next - begin) * per_day});
    y = next_y;
    m = next_m;
  }
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const auto& s = spans[i];
    const long long start = day_of(s.start);
    const long long end = std::max(day_of(s.end), start);
    out.bars.push_back({s.id, s.label, s.start, s.end, static_cast<double>(start - from) * per_day,
                        static_cast<double>(end - start + 1) * per_day, i, s.late});
  }
  for (const auto& m : milestones) {
    const long long d = day_of(m.date);
    if (d >= from && d < to)
      out.milestones.push_back(
          {m.date, m.label, m.kind, (static_cast<double>(d - from) + 0.5) * per_day});
  }
  if (today.size() == 10) {
    const long long d = day_of(today);
    if (d >= from && d < to) out.today_x = (static_cast<double>(d - from) + 0.5) * per_day;
  }
  return out;
}

}  // namespace work_packages
