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
  // For business cases: what an hour costs (money per hour) and the discount rate in per
  // cent a year (null: the Danish Ministry of Finance's 3.5 %).
  std::optional<double> hour_price;
  std::optional<double> discount_rate;
  // The risk log's bands: a score (1–25) up to risk_low_max is low, from risk_high_min high.
  long long risk_low_max = 4;
  long long risk_high_min = 15;
  // Signals: the routine deadline in working days, and whose public holidays don't count
  // ("dk" or "se", core::holiday_calendar).
  long long signal_deadline_days = 10;
  std::string holidays = "dk";
  // Surveys: a unit's result is shown only where at least this many answered (3–100).
  long long survey_min_group = 5;
  // Benchmarks: whether the municipality compares its KPIs with others (and lets them
  // compare with it), and its inhabitants for the comparison groups by size (0: not given).
  bool benchmark_opt_in = false;
  long long inhabitants = 0;
};

// The field table: the settings an administrator changes (name, default language, time
// zone, hour price, discount rate, the risk bands), the rest written only; JSON and the
// OpenAPI schemas.
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
  // The settings administrators change: name, default language, time zone. Conflict on a
  // stale version.
  Tenant update_settings(const core::AuthContext& who, long long expected_version,
                         const std::optional<std::string>& name,
                         const std::optional<std::string>& default_locale,
                         const std::optional<std::string>& time_zone);
  // The same for every setting: `changed` is the tenant with the settings as they should be
  // (name, default language, time zone, hour price, discount rate, risk bands with
  // 1 ≤ low < high ≤ 25).
  Tenant update_settings(const core::AuthContext& who, long long expected_version,
                         const Tenant& changed);
  // Benchmarks' consent and size as the system sets them (the demo): no caller, the stored
  // version whatever it is; `inhabitants` 0 to 20,000,000.
  Tenant set_benchmarking(const std::string& tenant_id, bool opt_in, long long inhabitants);

 private:
  soci::session& sql_;
};

}  // namespace tenants
