#include "org/org.hpp"

#include <algorithm>
#include <functional>
#include <set>

namespace org {
namespace {

nlohmann::json optional_json(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

}  // namespace

nlohmann::json to_json(const Unit& unit) {
  return {{"id", unit.id},
          {"parent_id", optional_json(unit.parent_id)},
          {"name", unit.name},
          {"kind", unit.kind},
          {"manager_id", optional_json(unit.manager_id)},
          {"version", unit.version},
          {"created_at", unit.created_at},
          {"updated_at", unit.updated_at}};
}

nlohmann::json to_json(const Person& person) {
  return {{"id", person.id},
          {"unit_id", optional_json(person.unit_id)},
          {"name", person.name},
          {"email", optional_json(person.email)},
          {"title", optional_json(person.title)},
          {"locale", optional_json(person.locale)},
          {"active", person.active},
          {"version", person.version},
          {"created_at", person.created_at},
          {"updated_at", person.updated_at}};
}

bool creates_cycle(const std::map<std::string, std::optional<std::string>>& parent_of,
                   const std::string& unit_id, const std::optional<std::string>& new_parent) {
  std::set<std::string> seen;
  std::optional<std::string> current = new_parent;
  while (current) {
    if (*current == unit_id) return true;
    // A loop already stored elsewhere must not hang us; treat it as a cycle.
    if (!seen.insert(*current).second) return true;
    auto it = parent_of.find(*current);
    if (it == parent_of.end()) return false;
    current = it->second;
  }
  return false;
}

std::optional<std::string> nearest_manager_of_unit(const std::vector<Unit>& units,
                                                   const std::string& unit_id,
                                                   const std::string& exclude) {
  std::map<std::string, const Unit*> by_id;
  for (const auto& u : units) by_id[u.id] = &u;
  std::set<std::string> seen;
  std::optional<std::string> current = unit_id;
  while (current && seen.insert(*current).second) {
    auto it = by_id.find(*current);
    if (it == by_id.end()) return std::nullopt;
    const Unit& u = *it->second;
    if (u.manager_id && *u.manager_id != exclude) return u.manager_id;
    current = u.parent_id;
  }
  return std::nullopt;
}

std::optional<std::string> nearest_manager_of_person(const std::vector<Unit>& units,
                                                     const Person& person) {
  if (!person.unit_id) return std::nullopt;
  return nearest_manager_of_unit(units, *person.unit_id, person.id);
}

std::vector<TreeRow> tree_order(const std::vector<Unit>& units) {
  std::map<std::string, std::vector<const Unit*>> children;
  std::set<std::string> ids;
  for (const auto& u : units) ids.insert(u.id);
  std::vector<const Unit*> roots;
  for (const auto& u : units) {
    if (u.parent_id && ids.count(*u.parent_id) != 0) {
      children[*u.parent_id].push_back(&u);
    } else {
      roots.push_back(&u);
    }
  }
  auto by_name = [](const Unit* a, const Unit* b) { return a->name < b->name; };
  std::vector<TreeRow> out;
  std::set<std::string> visited;
  std::function<void(const Unit*, int)> walk = [&](const Unit* u, int depth) {
    if (!visited.insert(u->id).second) return;
    out.push_back({u, depth});
    auto& kids = children[u->id];
    std::sort(kids.begin(), kids.end(), by_name);
    for (const auto* k : kids) walk(k, depth + 1);
  };
  std::sort(roots.begin(), roots.end(), by_name);
  for (const auto* r : roots) walk(r, 0);
  return out;
}

}  // namespace org
