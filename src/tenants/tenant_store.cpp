#include "tenants/tenant_store.hpp"

#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/field_errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/write_tx.hpp"
#include "kit/versioned_wording.hpp"

namespace tenants {
namespace {

const db::Columns<Tenant>& columns() {
  static const auto c = tenant_fields()
                            .columns("tenants", {})
                            .text("slug", &Tenant::slug, db::Write::kOnce)
                            // The name, language and time zone are part of every login's identity.
                            .on_update("auth_version = auth_version + 1");
  return c;
}

const std::string kSelectBySlug = columns().select_sql() + " WHERE slug = :slug";

constexpr double kHourPriceMax = 1e6;
constexpr long long kInhabitantsMax = 20000000;
constexpr double kRateMax = 20;
// A score is 1–25 (probability × consequence, 1–5 each); the high band starts above the low.
void check_risk_bands(const Tenant& t, core::FieldErrors& errors) {
  constexpr long long kMaxScore = 25;
  if (t.risk_low_max < 1 || t.risk_low_max >= kMaxScore)
    errors.add("risk_low_max", core::Message{"err.between", {{"min", 1}, {"max", kMaxScore - 1}}});
  else if (t.risk_high_min <= t.risk_low_max || t.risk_high_min > kMaxScore)
    errors.add("risk_high_min", core::Message{"risk_err_bands"});
}

void check_settings(const std::string& name, const std::string& locale,
                    const std::string& time_zone, core::FieldErrors& errors) {
  if (name.empty() || name.size() > 200)
    errors.add("name", core::Message{"err.length_between", {{"min", 1}, {"max", 200}}});
  if (locale != "da" && locale != "sv" && locale != "en")
    errors.add("default_locale", "must be one of: da, sv, en");
  if (!core::is_time_zone(time_zone)) {
    std::string names;
    for (const auto& z : core::time_zones())
      names += (names.empty() ? "" : ", ") + std::string(z.name);
    errors.add("time_zone", core::Message{"err.one_of", {{"values", names}}});
  }
}

}  // namespace

const kit::Fields<Tenant>& tenant_fields() {
  static const kit::Fields<Tenant> fields = [] {
    std::vector<std::string> zones;
    for (const auto& z : core::time_zones()) zones.emplace_back(z.name);
    return kit::Fields<Tenant>()
        .id(&Tenant::id)
        .output("slug", &Tenant::slug)
        .text("name", &Tenant::name, {.required = true})
        .choice("kind", &Tenant::kind, {"municipality", "umbrella"},
                {.output_only = true, .write = db::Write::kOnce})
        .choice("default_locale", &Tenant::default_locale, {"da", "sv", "en"})
        .choice("time_zone", &Tenant::time_zone, zones)
        .number("hour_price", &Tenant::hour_price,
                {.describe = "for business cases: money per hour (0-1,000,000); null: hours "
                             "count as 0"})
        .number("discount_rate", &Tenant::discount_rate,
                {.describe = "business cases' default discount rate, per cent a year (0-20); "
                             "null: 3.5"})
        .integer("risk_low_max", &Tenant::risk_low_max, 1, 24,
                 {.describe = "risk scores up to this are low (default 4)"})
        .integer("risk_high_min", &Tenant::risk_high_min, 2, 25,
                 {.describe = "risk scores from this are high (default 15)"})
        .integer("signal_deadline_days", &Tenant::signal_deadline_days, 1, 60,
                 {.describe = "signals: the routine deadline in working days (default 10)"})
        .choice("holidays", &Tenant::holidays, {"dk", "se"},
                {.describe = "whose public holidays signal deadlines skip: Danish or Swedish"})
        .integer("survey_min_group", &Tenant::survey_min_group, 3, 100,
                 {.describe = "surveys: a unit's result is shown only where at least this many "
                              "answered, whatever a survey says (default 5, never below 3)"})
        .boolean("benchmark_opt_in", &Tenant::benchmark_opt_in,
                 {.describe = "benchmarks: the municipality's KPIs on common indicators are "
                              "compared with other opted-in municipalities' (default false)"})
        .integer("inhabitants", &Tenant::inhabitants, 0, kInhabitantsMax,
                 {.describe = "benchmarks: inhabitants, for the comparison groups by size "
                              "(0: not given)"})
        .stamps();
  }();
  return fields;
}

nlohmann::json to_json(const Tenant& t) { return tenant_fields().to_json(t); }

bool is_valid_slug(const std::string& slug) {
  if (slug.size() < 2 || slug.size() > 40) return false;
  // /public/signals/{token} is a citizen's private link, beside /public/{tenant}/signals.
  if (slug == "signals") return false;
  for (char c : slug) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return slug.front() != '-' && slug.back() != '-';
}

std::optional<Tenant> TenantStore::find_by_slug(const std::string& slug) {
  return columns().read_first(db::query(sql_, kSelectBySlug, {{"slug", slug}}));
}

std::optional<Tenant> TenantStore::find(const std::string& id) {
  return columns().find(sql_, {{"id", id}});
}

Tenant TenantStore::create(const std::string& slug, const std::string& name,
                           const std::string& kind, const std::string& default_locale,
                           const std::string& time_zone) {
  std::string zone = !time_zone.empty()       ? time_zone
                     : default_locale == "sv" ? "Europe/Stockholm"
                                              : std::string(core::kDefaultTimeZone);
  core::FieldErrors errors;
  if (!is_valid_slug(slug)) errors.add("slug", "must be 2-40 lower-case letters, digits or dashes");
  if (kind != "municipality" && kind != "umbrella")
    errors.add("kind", core::Message{"err.tenant_kind"});
  check_settings(name, default_locale, zone, errors);
  errors.check();
  Tenant t{core::new_id(), slug, name, kind, default_locale, 1, core::now_iso(), "", zone};
  t.updated_at = t.created_at;
  if (default_locale == "sv") t.holidays = "se";
  db::WriteTx tx(sql_);
  if (find_by_slug(slug))
    throw core::Conflict("a tenant with slug '" + slug + "' exists", to_json(*find_by_slug(slug)));
  db::execute(sql_, columns().insert_sql(), columns().args(t));
  audit::record(sql_, t.id, nullptr, "tenant", t.id, "create", nullptr, to_json(t));
  tx.commit();
  return t;
}

Tenant TenantStore::update_settings(const core::AuthContext& who, long long expected_version,
                                    const std::optional<std::string>& name,
                                    const std::optional<std::string>& default_locale,
                                    const std::optional<std::string>& time_zone) {
  auto before = find(who.tenant_id);
  if (!before) throw core::NotFound("no such tenant");
  Tenant after = *before;
  if (name) after.name = *name;
  if (default_locale) after.default_locale = *default_locale;
  if (time_zone) after.time_zone = *time_zone;
  return update_settings(who, expected_version, after);
}

Tenant TenantStore::update_settings(const core::AuthContext& who, long long expected_version,
                                    const Tenant& changed) {
  auto before = find(who.tenant_id);
  if (!before) throw core::NotFound("no such tenant");
  Tenant after = *before;
  after.name = changed.name;
  after.default_locale = changed.default_locale;
  after.time_zone = changed.time_zone;
  after.hour_price = changed.hour_price;
  after.discount_rate = changed.discount_rate;
  after.risk_low_max = changed.risk_low_max;
  after.risk_high_min = changed.risk_high_min;
  after.signal_deadline_days = changed.signal_deadline_days;
  after.holidays = changed.holidays;
  after.survey_min_group = changed.survey_min_group;
  after.benchmark_opt_in = changed.benchmark_opt_in;
  after.inhabitants = changed.inhabitants;
  core::FieldErrors errors;
  check_settings(after.name, after.default_locale, after.time_zone, errors);
  if (after.hour_price && (*after.hour_price < 0 || *after.hour_price > kHourPriceMax))
    errors.add("hour_price", core::Message{"err.between", {{"min", 0}, {"max", 1000000}}});
  if (after.discount_rate && (*after.discount_rate < 0 || *after.discount_rate > kRateMax))
    errors.add("discount_rate", core::Message{"bcase_err_rate", {{"max", 20}}});
  check_risk_bands(after, errors);
  if (after.survey_min_group < 3 || after.survey_min_group > 100)
    errors.add("survey_min_group", core::Message{"err.between", {{"min", 3}, {"max", 100}}});
  if (after.inhabitants < 0 || after.inhabitants > kInhabitantsMax)
    errors.add("inhabitants", core::Message{"err.between", {{"min", 0}, {"max", kInhabitantsMax}}});
  if (after.holidays != "dk" && after.holidays != "se")
    errors.add("holidays", core::Message{"err.one_of", {{"values", "dk, se"}}});
  errors.check();
  const core::Message stale{"err.settings_stale"};
  return kit::versioned_update<Tenant>(
      sql_, after.id, &who, kit::Wording{"tenant", stale, stale}, after.id, expected_version,
      [&] {
        auto stored = find(who.tenant_id);
        if (!stored) throw core::NotFound("no such tenant");
        return *stored;
      },
      [&](long long version) {
        Tenant row = after;
        row.updated_at = core::now_iso();
        return db::execute(sql_, columns().update_sql(),
                           columns().args(row, {{"expected", version}}));
      },
      [](const Tenant& t) { return to_json(t); });
}

Tenant TenantStore::set_benchmarking(const std::string& tenant_id, bool opt_in,
                                     long long inhabitants) {
  if (inhabitants < 0 || inhabitants > kInhabitantsMax)
    throw core::ValidationError(
        "inhabitants", core::Message{"err.between", {{"min", 0}, {"max", kInhabitantsMax}}});
  db::WriteTx tx(sql_);
  auto before = find(tenant_id);
  if (!before) throw core::NotFound("no such tenant");
  Tenant after = *before;
  after.benchmark_opt_in = opt_in;
  after.inhabitants = inhabitants;
  after.updated_at = core::now_iso();
  db::execute(sql_, columns().update_sql(), columns().args(after, {{"expected", before->version}}));
  audit::record(sql_, tenant_id, nullptr, "tenant", tenant_id, "update", to_json(*before),
                to_json(after));
  tx.commit();
  return *find(tenant_id);
}

}  // namespace tenants
