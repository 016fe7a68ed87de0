#include "org/people_choices.hpp"

#include <algorithm>

#include "org/person_store.hpp"
#include "org/unit_store.hpp"

namespace org {

std::vector<std::pair<std::string, std::string>> active_people(soci::session& sql,
                                                               const std::string& tenant_id,
                                                               int max) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& p : PersonStore(sql, tenant_id).page("", max)) {
    if (p.active) out.emplace_back(p.id, p.name);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  return out;
}

std::vector<std::pair<std::string, std::string>> unit_choices(soci::session& sql,
                                                              const std::string& tenant_id) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& u : UnitStore(sql, tenant_id).all()) out.emplace_back(u.id, u.name);
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  return out;
}

}  // namespace org
