#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "kit/fields.hpp"

namespace tenants {

struct Tenant {
  std::string id;
  std::string slug;
  std::string name;
  std::string kind = "municipality";  // or "umbrella"
  std::string default_locale = "da";
  long long version = 1;
  std::string created_at;
  std::string updated_at;
  std::string time_zone = "Europe/Copenhagen";  // IANA name, one of core::time_zones()
  // The risk log's bands: a score (1–25) up to risk_low_max is low, from risk_high_min high.
  long long risk_low_max = 4;
  long long risk_high_min = 15;
};

// What a change of the settings names; what it leaves out stays as it is.
struct SettingsChange {
  std::optional<std::string> name, default_locale, time_zone;
  std::optional<long long> risk_low_max, risk_high_min;
};

// The field table: the settings an administrator changes (name, default language, time
// zone, the risk bands), the rest written only; JSON and the OpenAPI schemas.
const kit::Fields<Tenant>& tenant_fields();
nlohmann::json to_json(const Tenant& tenant);

// Lower-case letters, digits and dashes, 2–40 characters, as in URLs and the CLI.
bool is_valid_slug(const std::string& slug);

class TenantStore {
 public:
  explicit TenantStore(soci::session& sql) : sql_(sql) {}
  std::optional<Tenant> find_by_slug(const std::string& slug);
  std::optional<Tenant> find(const std::string& id);
  // Throws ValidationError (slug, name, kind, default_locale, time_zone) or Conflict (slug
  // taken). No time zone: Stockholm for a Swedish tenant, otherwise Copenhagen.
  Tenant create(const std::string& slug, const std::string& name, const std::string& kind,
                const std::string& default_locale, const std::string& time_zone = "");
  // The settings administrators change: name, default language, time zone, the risk bands
  // (1 ≤ low < high ≤ 25). Conflict on a stale version.
  Tenant update_settings(const core::AuthContext& who, long long expected_version,
                         const SettingsChange& change);

 private:
  soci::session& sql_;
};

}  // namespace tenants
