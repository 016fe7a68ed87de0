#include "surveys/suppression.hpp"

#include <algorithm>
#include <map>

namespace surveys {
namespace {

struct Tree {
  std::map<std::string, const UnitCount*> by_id;
  std::map<std::string, std::vector<const UnitCount*>> children;
};

Tree tree_of(const std::vector<UnitCount>& units) {
  Tree t;
  for (const auto& u : units) t.by_id[u.id] = &u;
  for (const auto& u : units)
    if (u.parent_id && t.by_id.count(*u.parent_id)) t.children[*u.parent_id].push_back(&u);
  return t;
}

// The shown child with the fewest answers (then the lowest id): the cheapest one to hide.
const UnitCount* smallest_shown(const std::vector<const UnitCount*>& kids,
                                const std::set<std::string>& hidden) {
  const UnitCount* best = nullptr;
  for (const auto* k : kids) {
    if (hidden.count(k->id)) continue;
    if (!best || k->answered < best->answered ||
        (k->answered == best->answered && k->id < best->id))
      best = k;
  }
  return best;
}

}  // namespace

std::set<std::string> suppressed_units(const std::vector<UnitCount>& units, int min_n) {
  const long long floor = std::max(min_n, kMinGroupFloor);
  const Tree tree = tree_of(units);
  std::set<std::string> hidden;
  for (const auto& u : units)
    if (u.answered < floor) hidden.insert(u.id);
  bool changed = true;
  while (changed) {
    changed = false;
    for (const auto& [parent, kids] : tree.children) {
      const UnitCount& p = *tree.by_id.at(parent);
      const bool parent_hidden = hidden.count(parent) > 0;
      long long hidden_with_answers = 0;
      long long kids_answered = 0;
      for (const auto* k : kids) {
        kids_answered += k->answered;
        if (hidden.count(k->id) && k->answered > 0) ++hidden_with_answers;
      }
      // Those who answered in the parent itself, not below: as many as a shown group has,
      // they blur one hidden child into a group large enough to be shown.
      const bool own_answers_protect = p.answered - kids_answered >= floor;
      const UnitCount* extra = nullptr;
      if (!parent_hidden && hidden_with_answers == 1 && !own_answers_protect) {
        extra = smallest_shown(kids, hidden);
        if (!extra) extra = &p;
      } else if (parent_hidden && hidden_with_answers == 0 && p.answered > 0 &&
                 kids_answered == p.answered) {
        extra = smallest_shown(kids, hidden);
      }
      if (extra && hidden.insert(extra->id).second) changed = true;
    }
  }
  return hidden;
}

}  // namespace surveys
