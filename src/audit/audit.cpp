#include "audit/audit.hpp"

#include <set>

namespace audit {

nlohmann::json diff(const nlohmann::json& before, const nlohmann::json& after) {
  static const std::set<std::string> kIgnored = {"version", "created_at", "updated_at"};
  nlohmann::json out = nlohmann::json::object();
  std::set<std::string> keys;
  if (before.is_object()) {
    for (auto it = before.begin(); it != before.end(); ++it) keys.insert(it.key());
  }
  if (after.is_object()) {
    for (auto it = after.begin(); it != after.end(); ++it) keys.insert(it.key());
  }
  for (const auto& k : keys) {
    if (kIgnored.count(k) != 0) continue;
    nlohmann::json b = before.is_object() && before.contains(k) ? before[k] : nlohmann::json();
    nlohmann::json a = after.is_object() && after.contains(k) ? after[k] : nlohmann::json();
    if (b != a) out[k] = {{"before", b}, {"after", a}};
  }
  return out;
}

}  // namespace audit
