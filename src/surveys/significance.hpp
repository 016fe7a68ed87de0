#pragma once

// Whether a group's index moved more than chance would give between two rounds (issue 17).
// The stated test: Welch's two-sample t-test, two-sided at the 5 % level. The rounds are
// independent samples: answers are anonymous, so one person's two answers cannot be paired.
#include <optional>

#include "surveys/scoring.hpp"

namespace surveys {

struct Change {
  double difference = 0;  // now − baseline, in index points
  double t = 0;
  double df = 0;               // Welch–Satterthwaite degrees of freedom
  bool beyond_chance = false;  // |t| above the two-sided 5 % critical value
};

// nullopt when either round has fewer than two respondents (no spread to test against).
std::optional<Change> change_since(const GroupIndex& baseline, const GroupIndex& now);

// The two-sided 5 % critical value of Student's t with `df` degrees of freedom.
double t_critical_5(double df);

}  // namespace surveys
