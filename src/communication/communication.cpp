#include "communication/communication.hpp"

#include <algorithm>

#include "core/time.hpp"
#include "stakeholders/stakeholder.hpp"

namespace communication {
namespace {

using nlohmann::json;

// The stakeholder group: one of the analysis' groups; absent, null or "" clears it.
void read_group(core::Input& in, Communication& c) {
  const auto& raw = in.raw()["group"];
  if (raw.is_null() || (raw.is_string() && raw.get<std::string>().empty())) {
    c.group.reset();
    return;
  }
  if (auto g = in.optional_choice("group", stakeholders::groups())) c.group = *g;
}

// A whole number of people, 0 or more; absent, null or "" clears it.
void read_reach(core::Input& in, Communication& c) {
  auto v = in.optional_int("reach", 0, kReachMax);
  if (in.ok() || !in.raw().contains("reach")) c.reach = v;
}

// The audience names what it needs: a stakeholder group its group, a unit its unit; reach
// is recorded when the row is done.
void check_audience(const Communication& c, core::Input& in) {
  if (c.audience == "stakeholder_group" && !c.group)
    in.fail("group", core::Message{"comm_err_group"});
  if (c.audience == "unit" && !c.unit_id) in.fail("unit_id", core::Message{"comm_err_unit"});
  if (c.reach && !c.done) in.fail("reach", core::Message{"comm_err_reach_not_done"});
}

kit::Fields<Communication> build_fields() {
  return kit::Fields<Communication>()
      .id(&Communication::id)
      .parent(&Communication::project_id)
      .optional_text("why", &Communication::why,
                     {.max = kTextMax, .describe = "why it is said (the goal, the gain)"})
      .text("message", &Communication::message,
            {.required = true, .max = kTextMax, .describe = "what is said"})
      .optional_text("practice", &Communication::practice,
                     {.max = kTextMax, .describe = "how the change fits the existing practice"})
      .choice("audience", &Communication::audience, kAudiences,
              {.describe = "to whom; stakeholder_group needs group, unit needs unit_id"})
      .custom("group",
              {{"enum", stakeholders::groups()},
               {"description", "the stakeholder group (audience stakeholder_group)"}},
              read_group,
              [](const Communication& c, json& out) { out["group"] = nullable(c.group); })
      .optional_text("unit_id", &Communication::unit_id,
                     {.max = kIdMax, .describe = "a unit of the tenant (audience unit)"})
      .choice("channel", &Communication::channel, kChannels, {.describe = "default intranet"})
      .date("date", &Communication::date,
            {.required = true, .describe = "when it goes out", .column = "planned_on"})
      .optional_text("owner_id", &Communication::owner_id,
                     {.max = kIdMax, .describe = "the person of the tenant who sends it"})
      .boolean("done", &Communication::done)
      .custom("reach",
              {{"type", {"integer", "null"}},
               {"minimum", 0},
               {"maximum", kReachMax},
               {"description", "how many people it reached; only when done"}},
              read_reach,
              [](const Communication& c, json& out) {
                out["reach"] = c.reach ? json(*c.reach) : json();
              })
      .computed("unit_name", nullable_text("the name of unit_id"),
                [](const Communication& c) { return nullable(c.unit_name); })
      .computed("owner_name", nullable_text("the name of owner_id"),
                [](const Communication& c) { return nullable(c.owner_name); })
      .computed("overdue",
                {{"type", "boolean"}, {"description", "the date has passed and it is not done"}},
                [](const Communication& c) { return overdue(c, c.today); })
      .stamps()
      .check(check_audience);
}

}  // namespace

json nullable(const std::optional<std::string>& v) { return v ? json(*v) : json(); }

json nullable_text(const char* description) {
  return {{"type", {"string", "null"}}, {"description", description}};
}

bool overdue(const Communication& c, const std::string& today) {
  return !c.done && !today.empty() && c.date < today;
}

void sort_plan(std::vector<Communication>& plan) {
  std::stable_sort(plan.begin(), plan.end(), [](const auto& a, const auto& b) {
    return a.date != b.date ? a.date < b.date : a.id < b.id;
  });
}

std::vector<Communication> upcoming(const std::vector<Communication>& plan,
                                    const std::string& today, std::size_t n) {
  std::vector<Communication> out;
  std::size_t ahead = 0;
  for (const auto& c : plan) {
    if (c.done) continue;
    if (overdue(c, today)) {
      out.push_back(c);
    } else if (ahead < n) {
      out.push_back(c);
      ++ahead;
    }
  }
  return out;
}

const kit::Fields<Communication>& communication_fields() {
  static const kit::Fields<Communication> fields = build_fields();
  return fields;
}

}  // namespace communication
