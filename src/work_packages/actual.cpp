#include "work_packages/actual.hpp"

#include "core/money.hpp"
#include "work_packages/budget.hpp"

namespace work_packages {
namespace {

using nlohmann::json;

// An exact amount field: read from a JSON number or a typed text; absent, null or "" none.
kit::Fields<Actual>& exact(kit::Fields<Actual>& f, const char* key,
                           std::optional<long long> Actual::*member, const char* describe) {
  return f.custom(
      key, {{"type", {"string", "null"}}, {"description", describe}},
      [key, member](core::Input& in, Actual& a) {
        const auto& raw = in.raw()[key];
        if (raw.is_null() || (raw.is_string() && raw.get<std::string>().empty())) {
          a.*member = std::nullopt;
          return;
        }
        auto v = core::fixed_from_json(raw);
        if (!v || *v < 0)
          in.fail(key,
                  core::Message{std::string(key) == "hours" ? "wp_err_hours" : "wp_err_amount"});
        else
          a.*member = v;
      },
      [key, member](const Actual& a, json& out) {
        out[key] = a.*member ? json(core::format_fixed(*(a.*member))) : json();
      });
}

kit::Fields<Actual> build_fields() {
  kit::Fields<Actual> f;
  f.id(&Actual::id)
      .parent(&Actual::project_id)
      .date("date", &Actual::date, {.required = true, .column = "spent_on"})
      .text("work_package_id", &Actual::work_package_id,
            {.required = true, .max = 64, .describe = "a work package of the project"})
      .choice("kind", &Actual::kind, kActualKinds, {.describe = "default personnel"});
  exact(f, "amount", &Actual::amount,
        "exact to the øre (\"1234.50\"); left out with hours: the hours at the package's "
        "budgeted hourly rate");
  exact(f, "hours", &Actual::hours, "hours spent, to the hundredth");
  f.optional_text("note", &Actual::note, {.max = 2000})
      .output("created_at", &Actual::created_at)
      .check([](const Actual& a, core::Input& in) {
        if (!a.amount && !a.hours) in.fail("amount", core::Message{"wp_err_amount_or_hours"});
      });
  return f;
}

}  // namespace

const kit::Fields<Actual>& actual_fields() {
  static const kit::Fields<Actual> fields = build_fields();
  return fields;
}

}  // namespace work_packages
