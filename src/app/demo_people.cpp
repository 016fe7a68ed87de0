#include "app/demo_people.hpp"

#include "org/person_store.hpp"

namespace app {

DemoPeople::DemoPeople(soci::session& sql, const std::string& tenant_id) {
  for (const auto& p : org::PersonStore(sql, tenant_id).page("", 200)) ids_[p.name] = p.id;
}

std::optional<std::string> DemoPeople::id(const std::string& name) const {
  auto it = ids_.find(name);
  return it == ids_.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::optional<std::string> demo_text(const char* v) {
  return *v ? std::optional<std::string>(v) : std::nullopt;
}

}  // namespace app
