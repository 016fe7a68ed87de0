#include "surveys/scoring.hpp"

#include <cmath>
#include <stdexcept>

namespace surveys {

double likert_score(int point, bool reverse) {
  if (point < 0 || point >= kLikertPoints)
    throw std::out_of_range("a Likert point is 0 to " + std::to_string(kLikertPoints - 1));
  const double score = 100.0 * point / (kLikertPoints - 1);
  return reverse ? 100.0 - score : score;
}

std::optional<double> respondent_index(const Scale& scale, const LikertAnswers& answers) {
  double sum = 0;
  std::size_t answered = 0;
  for (const auto& item : scale.items) {
    auto a = answers.find(item.key);
    if (a == answers.end()) continue;
    sum += likert_score(a->second, item.reverse);
    ++answered;
  }
  // "At least half": 2 of 4 items count, 1 of 3 does not.
  if (answered == 0 || answered * 2 < scale.items.size()) return std::nullopt;
  return sum / static_cast<double>(answered);
}

GroupIndex group_index(const std::vector<double>& respondent_indices) {
  GroupIndex g;
  g.n = static_cast<long long>(respondent_indices.size());
  if (g.n == 0) return g;
  double sum = 0;
  for (double x : respondent_indices) sum += x;
  g.mean = sum / static_cast<double>(g.n);
  if (g.n < 2) return g;
  double squares = 0;
  for (double x : respondent_indices) squares += (x - g.mean) * (x - g.mean);
  g.sd = std::sqrt(squares / static_cast<double>(g.n - 1));
  return g;
}

}  // namespace surveys
