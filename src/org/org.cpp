#include "org/org.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "core/ids.hpp"
#include "web/i18n.hpp"

namespace org {
namespace {

constexpr std::size_t kIdMax = 64;

// A reference is an id or nothing; which object it names the store checks.
void check_id(const std::optional<std::string>& value, const std::string& field, core::Input& in) {
  if (value && !core::looks_like_id(*value)) in.fail(field, "is not a valid id");
}

}  // namespace

const kit::Fields<Unit>& unit_fields() {
  static const kit::Fields<Unit> fields =
      kit::Fields<Unit>()
          .id(&Unit::id)
          .optional_text("parent_id", &Unit::parent_id,
                         {.max = kIdMax, .describe = "the unit above; null at the top"})
          .text("name", &Unit::name, {.required = true})
          .choice("kind", &Unit::kind, kUnitKinds)
          .optional_text("manager_id", &Unit::manager_id, {.max = kIdMax})
          .stamps()
          .check([](const Unit& u, core::Input& in) {
            check_id(u.parent_id, "parent_id", in);
            check_id(u.manager_id, "manager_id", in);
          });
  return fields;
}

const kit::Fields<Person>& person_fields() {
  static const kit::Fields<Person> fields =
      kit::Fields<Person>()
          .id(&Person::id)
          .optional_text("unit_id", &Person::unit_id, {.max = kIdMax})
          .text("name", &Person::name, {.required = true})
          .optional_text("email", &Person::email, {.max = core::kEmailMax})
          .optional_text("title", &Person::title)
          .optional_text("locale", &Person::locale,
                         {.max = 8, .describe = "da, sv or en; null: the organisation's"})
          .boolean("active", &Person::active)
          .stamps()
          .check([](const Person& p, core::Input& in) {
            check_id(p.unit_id, "unit_id", in);
            if (p.email && !core::is_valid_email(*p.email))
              in.fail("email", "is not a valid e-mail address");
            if (p.locale && !web::is_locale(*p.locale))
              in.fail("locale", "must be one of: da, sv, en");
          });
  return fields;
}

nlohmann::json to_json(const Unit& unit) { return unit_fields().to_json(unit); }

nlohmann::json to_json(const Person& person) { return person_fields().to_json(person); }

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
