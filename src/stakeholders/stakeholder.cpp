#include "stakeholders/stakeholder.hpp"

#include <algorithm>
#include <set>

#include "core/time.hpp"

namespace stakeholders {
namespace {

using nlohmann::json;

json nullable(const std::optional<std::string>& v) { return v ? json(*v) : json(); }

json nullable_text(const char* description) {
  return {{"type", {"string", "null"}}, {"description", description}};
}

// Exactly one of person, unit and name says who the stakeholder is; each of several given
// is named, and the name when none is.
void check_who(const Stakeholder& s, core::Input& in) {
  const core::Message who{"stakeholder_err_who"};
  int given = static_cast<int>(s.person_id.has_value()) + static_cast<int>(s.unit_id.has_value()) +
              static_cast<int>(s.name.has_value());
  if (given == 0) in.fail("name", who);
  if (given < 2) return;
  if (s.person_id) in.fail("person_id", who);
  if (s.unit_id) in.fail("unit_id", who);
  if (s.name) in.fail("name", who);
}

kit::Fields<Stakeholder> build_fields() {
  return kit::Fields<Stakeholder>()
      .id(&Stakeholder::id)
      .parent(&Stakeholder::project_id)
      .optional_text("person_id", &Stakeholder::person_id,
                     {.max = kIdMax,
                      .describe = "a person of the tenant; exactly one of person_id, unit_id and "
                                  "name is set (send the others as null to switch)"})
      .optional_text("unit_id", &Stakeholder::unit_id,
                     {.max = kIdMax, .describe = "a unit of the tenant (or person_id, or name)"})
      .optional_text("name", &Stakeholder::name,
                     {.describe = "a free name: a group, an association, a vendor (or person_id, "
                                  "or unit_id)"})
      .choice("group", &Stakeholder::group, groups(),
              {.describe = "seed 003's internal and external groups, or other (default)",
               .column = "stakeholder_group"})
      .integer("influence", &Stakeholder::influence, kScaleMin, kScaleMax,
               {.describe = "1 (none) to 5 (decisive); default 3"})
      .integer("interest", &Stakeholder::interest, kScaleMin, kScaleMax,
               {.describe = "1 (none) to 5 (very high); default 3"})
      .optional_text("involvement", &Stakeholder::involvement,
                     {.max = kTextMax, .describe = "how they are involved"})
      .optional_text("involved_by_id", &Stakeholder::involved_by_id,
                     {.max = kIdMax, .describe = "the person of the tenant who involves them"})
      .optional_text("next_contact", &Stakeholder::next_contact,
                     {.max = kDateMax, .describe = "a date, YYYY-MM-DD"})
      .optional_text("notes", &Stakeholder::notes, {.max = kTextMax})
      .computed("label", {{"type", "string"}, {"description", "the name, person or unit"}},
                [](const Stakeholder& s) { return label(s); })
      .computed("person_name", nullable_text("the name of person_id"),
                [](const Stakeholder& s) { return nullable(s.person_name); })
      .computed("unit_name", nullable_text("the name of unit_id"),
                [](const Stakeholder& s) { return nullable(s.unit_name); })
      .computed("involved_by_name", nullable_text("the name of involved_by_id"),
                [](const Stakeholder& s) { return nullable(s.involved_by_name); })
      .computed("quadrant",
                {{"enum", kQuadrants},
                 {"description", "influence and interest from 4 up are high, 1 to 3 low"}},
                [](const Stakeholder& s) { return quadrant(s.influence, s.interest); })
      .computed("side", {{"enum", {"internal", "external"}}},
                [](const Stakeholder& s) { return side(s); })
      .computed("contact_overdue",
                {{"type", "boolean"}, {"description", "next_contact is before today"}},
                [](const Stakeholder& s) { return contact_overdue(s, s.today); })
      .stamps()
      .check(check_who)
      .check([](const Stakeholder& s, core::Input& in) {
        if (s.next_contact && !core::is_valid_date(*s.next_contact))
          in.fail("next_contact", core::Message{"err.date"});
      });
}

}  // namespace

const std::vector<std::string>& groups() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> out = kInternalGroups;
    out.insert(out.end(), kExternalGroups.begin(), kExternalGroups.end());
    out.emplace_back(kOtherGroup);
    return out;
  }();
  return all;
}

std::string quadrant(long long influence, long long interest) {
  const bool influential = influence >= kHighFrom;
  const bool interested = interest >= kHighFrom;
  if (influential) return interested ? "manage_closely" : "keep_satisfied";
  return interested ? "keep_informed" : "monitor";
}

bool is_internal_group(std::string_view group) {
  return std::find(kInternalGroups.begin(), kInternalGroups.end(), group) != kInternalGroups.end();
}

std::string side(const Stakeholder& s) {
  if (is_internal_group(s.group)) return "internal";
  if (s.group == kOtherGroup && (s.person_id || s.unit_id)) return "internal";
  return "external";
}

std::string label(const Stakeholder& s) {
  if (s.name) return *s.name;
  if (s.person_id) return s.person_name.value_or(*s.person_id);
  if (s.unit_id) return s.unit_name.value_or(*s.unit_id);
  return "";
}

bool contact_overdue(const Stakeholder& s, const std::string& today) {
  return s.next_contact && !today.empty() && *s.next_contact < today;
}

std::vector<std::string> suggested_groups(const std::vector<Stakeholder>& present) {
  std::set<std::string> taken;
  for (const auto& s : present) taken.insert(s.group);
  std::vector<std::string> out;
  for (const auto& g : groups())
    if (g != kOtherGroup && !taken.contains(g)) out.push_back(g);
  return out;
}

const kit::Fields<Stakeholder>& stakeholder_fields() {
  static const kit::Fields<Stakeholder> fields = build_fields();
  return fields;
}

}  // namespace stakeholders
