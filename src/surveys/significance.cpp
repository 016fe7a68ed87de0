#include "surveys/significance.hpp"

#include <array>
#include <cmath>

namespace surveys {
namespace {

// Student's t, two-sided 5 %, for 1 to 30 degrees of freedom (standard tables).
constexpr std::array<double, 30> kTable = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                           2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                           2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                           2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
constexpr double kZ = 1.959964;  // the normal distribution's two-sided 5 % value

}  // namespace

double t_critical_5(double df) {
  if (df < 1) df = 1;
  // A fractional df is rounded down: the larger critical value, the cautious side.
  if (df < kTable.size() + 1) return kTable[static_cast<std::size_t>(df) - 1];
  // Beyond the table the Cornish–Fisher expansion is within 0.001 of the exact value.
  const double z3 = kZ * kZ * kZ;
  const double z5 = z3 * kZ * kZ;
  return kZ + (z3 + kZ) / (4 * df) + (5 * z5 + 16 * z3 + 3 * kZ) / (96 * df * df);
}

std::optional<Change> change_since(const GroupIndex& baseline, const GroupIndex& now) {
  if (baseline.n < 2 || now.n < 2) return std::nullopt;
  Change c;
  c.difference = now.mean - baseline.mean;
  const double va = baseline.sd * baseline.sd / static_cast<double>(baseline.n);
  const double vb = now.sd * now.sd / static_cast<double>(now.n);
  const double se2 = va + vb;
  if (se2 == 0) {
    // No spread in either round: any difference at all is not chance.
    c.beyond_chance = c.difference != 0;
    c.df = static_cast<double>(baseline.n + now.n - 2);
    return c;
  }
  c.t = c.difference / std::sqrt(se2);
  c.df = se2 * se2 /
         (va * va / static_cast<double>(baseline.n - 1) + vb * vb / static_cast<double>(now.n - 1));
  c.beyond_chance = std::fabs(c.t) > t_critical_5(c.df);
  return c;
}

}  // namespace surveys
