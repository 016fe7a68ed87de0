#pragma once

// Which units' results a round may show (issue 17): a unit's result is shown only where at
// least `min_n` answered, and a shown result must not let anyone compute a hidden one from
// its parent and its siblings (complementary suppression). Pure; no I/O.
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace surveys {

// A tenant setting never goes below this: with fewer, one answer is too easily recognised.
inline constexpr int kMinGroupFloor = 3;
inline constexpr int kDefaultMinGroup = 5;

// A unit of the round's grouping with how many answered in it and below it (a unit's result
// is computed over its whole subtree).
struct UnitCount {
  std::string id;
  std::optional<std::string> parent_id;
  long long answered = 0;
};

// The units whose result is hidden:
// - every unit where fewer than `min_n` answered (none answered included);
// - complementary: when a shown unit has exactly one child hidden that someone answered in,
//   and fewer than `min_n` answered in the unit itself (outside its children), its smallest
//   shown child is hidden too (or, having no other child, the unit itself), since the
//   parent's result and the siblings' would give the hidden one's;
// - and a hidden unit whose result its shown children add up to exactly (no answers of its
//   own, none in a hidden child) has its smallest child hidden too.
// Repeated until nothing changes. `min_n` below kMinGroupFloor counts as kMinGroupFloor.
std::set<std::string> suppressed_units(const std::vector<UnitCount>& units, int min_n);

}  // namespace surveys
