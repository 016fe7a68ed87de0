#include "work_packages/rate_card.hpp"

#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/found.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/write_tx.hpp"
#include "kit/store_rows.hpp"
#include "kit/versioned.hpp"
#include "org/person_store.hpp"
#include "projects/coverage.hpp"

namespace work_packages {
namespace {

using nlohmann::json;

kit::Fields<HourlyRate> build_fields() {
  return kit::Fields<HourlyRate>()
      .id(&HourlyRate::id)
      .optional_text("role", &HourlyRate::role,
                     {.max = 64, .describe = "a project role (project_leader, …), or person_id"})
      .optional_text("person_id", &HourlyRate::person_id,
                     {.max = 64, .describe = "a person of the tenant, or role"})
      .custom(
          "rate",
          {{"type", "string"},
           {"description",
            "per hour, exact to the øre: \"650.00\" (a number or \"650,00\" is read too)"}},
          [](core::Input& in, HourlyRate& r) {
            const bool given = in.raw().contains("rate");
            auto v = given ? core::fixed_from_json(in.raw()["rate"]) : std::nullopt;
            if (!v || *v < 0)
              in.fail("rate", core::Message{"wp_err_amount"});
            else
              r.rate = *v;
          },
          [](const HourlyRate& r, json& out) { out["rate"] = core::format_fixed(r.rate); },
          {.required = true})
      .stamps()
      .check([](const HourlyRate& r, core::Input& in) {
        if (r.role.has_value() == r.person_id.has_value())
          in.fail(r.role ? "person_id" : "role", core::Message{"wp_err_rate_who"});
        if (r.role && std::find(projects::kRoles.begin(), projects::kRoles.end(), *r.role) ==
                          projects::kRoles.end())
          in.fail("role", core::Message{"wp_err_role"});
      });
}

const db::Columns<HourlyRate>& columns() {
  static const auto c =
      hourly_rate_fields().columns("hourly_rates").integer("rate_minor", &HourlyRate::rate);
  return c;
}

constexpr std::string_view kTaken =
    "SELECT COUNT(*) FROM hourly_rates WHERE tenant_id = :tenant_id AND id <> :id AND "
    "(role = :role OR person_id = :person_id)";

}  // namespace

const kit::Fields<HourlyRate>& hourly_rate_fields() {
  static const kit::Fields<HourlyRate> fields = build_fields();
  return fields;
}

std::vector<HourlyRate> RateCardStore::list(const http::Page& page) {
  return columns().read_all(
      db::query(sql_, columns().select_sql() + " AND id > :after ORDER BY id LIMIT :lim",
                {{"tenant_id", tenant_id_}, {"after", page.after}, {"lim", page.limit + 1}}));
}

std::vector<HourlyRate> RateCardStore::all() {
  return columns().read_all(
      db::query(sql_, columns().select_sql() + " ORDER BY id", {{"tenant_id", tenant_id_}}));
}

HourlyRate RateCardStore::get(const std::string& id) {
  return core::found(columns().read_all(db::query(sql_, columns().select_sql() + " AND id = :id",
                                                  {{"tenant_id", tenant_id_}, {"id", id}})),
                     "hourly rate", id);
}

void RateCardStore::check(const HourlyRate& r) {
  if (r.person_id && !org::PersonStore(sql_, tenant_id_).exists(*r.person_id))
    throw core::ValidationError("person_id", core::Message{"wp_err_no_person"});
  if (db::scalar(
          sql_, kTaken,
          {{"tenant_id", tenant_id_}, {"id", r.id}, {"role", r.role}, {"person_id", r.person_id}}) >
      0)
    throw core::Conflict(core::Message{"wp_err_rate_taken"});
}

HourlyRate RateCardStore::create(const core::AuthContext* who, const HourlyRate& fields) {
  db::WriteTx tx(sql_);
  HourlyRate r = fields;
  kit::stamp_new(r);
  check(r);
  db::execute(sql_, columns().insert_sql(), columns().args(r, {{"tenant_id", tenant_id_}}));
  audit::record(sql_, tenant_id_, who, "hourly_rate", r.id, "create", nullptr,
                hourly_rate_fields().to_json(r));
  tx.commit();
  return r;
}

HourlyRate RateCardStore::update(const core::AuthContext* who, const HourlyRate& changed,
                                 long long expected_version) {
  auto to_json = [](const HourlyRate& r) { return hourly_rate_fields().to_json(r); };
  return kit::checked_update(
      sql_, columns(), tenant_id_, who, "hourly_rate", changed, expected_version,
      [&] { return get(changed.id); }, [&](const HourlyRate& r) { check(r); }, to_json, to_json,
      core::Message{"err.stale", {{"entity", "hourly_rate"}}});
}

void RateCardStore::remove(const core::AuthContext* who, const std::string& id) {
  kit::remove_row(
      sql_, tenant_id_, who, "hourly_rate", columns(), id, [&] { return get(id); },
      [](const HourlyRate& r) { return hourly_rate_fields().to_json(r); });
}

std::optional<long long> RateCardStore::rate_for(const std::optional<std::string>& role,
                                                 const std::optional<std::string>& person_id) {
  std::optional<long long> by_role;
  for (const auto& r : all()) {
    if (person_id && r.person_id == person_id) return r.rate;
    if (role && r.role == role) by_role = r.rate;
  }
  return by_role;
}

}  // namespace work_packages
