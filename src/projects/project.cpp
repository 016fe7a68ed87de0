#include "projects/project.hpp"

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/field_errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "kit/fields.hpp"

namespace projects {
namespace {

nlohmann::json opt(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

std::optional<std::optional<std::string>> text_field(core::Input& input, const std::string& field,
                                                     std::size_t max_len) {
  if (!input.has(field)) return std::nullopt;
  auto v = input.optional_text(field, max_len);
  if (!v || v->empty()) return std::optional<std::string>();
  return std::optional<std::string>(*v);
}

std::optional<std::optional<std::string>> date_field(core::Input& input, const std::string& field) {
  auto v = text_field(input, field, 10);
  if (v && *v && !core::is_valid_date(**v)) {
    input.fail(field, "must be a date like 2026-03-31");
    return std::nullopt;
  }
  return v;
}

// A list from a JSON array of strings or, from a form, one item per line.
std::optional<std::vector<std::string>> list_field(core::Input& input, const std::string& field) {
  if (!input.has(field)) return std::nullopt;
  return kit::read_lines(input, field, kListItemMax, kMaxListItems);
}

}  // namespace

CharterFields parse_charter(core::Input& input, bool creating) {
  CharterFields f;
  if (creating || input.has("title")) f.title = input.required_text("title", core::kNameMax);
  f.purpose = text_field(input, "purpose", core::kTextMax);
  f.background = text_field(input, "background", core::kTextMax);
  f.citizen_journey = text_field(input, "citizen_journey", core::kTextMax);
  f.target_group = text_field(input, "target_group", core::kTextMax);
  f.status_reason = text_field(input, "status_reason", core::kTextMax);
  f.status = input.optional_choice("status", kStatuses);
  f.start_date = date_field(input, "start_date");
  f.end_date = date_field(input, "end_date");
  f.success_criteria = list_field(input, "success_criteria");
  f.result_goals = list_field(input, "result_goals");
  if (input.has("unit_ids")) {
    auto ids = list_field(input, "unit_ids");
    if (ids) {
      for (const auto& id : *ids) {
        if (!core::looks_like_id(id)) {
          input.fail("unit_ids", "contains something that is not a unit id");
          ids.reset();
          break;
        }
      }
    }
    f.unit_ids = ids;
  }
  return f;
}

Project apply_charter(Project p, const CharterFields& f) {
  if (f.title) p.title = *f.title;
  if (f.purpose) p.purpose = *f.purpose;
  if (f.background) p.background = *f.background;
  if (f.citizen_journey) p.citizen_journey = *f.citizen_journey;
  if (f.target_group) p.target_group = *f.target_group;
  if (f.status_reason) p.status_reason = *f.status_reason;
  if (f.status) p.status = *f.status;
  if (f.start_date) p.start_date = *f.start_date;
  if (f.end_date) p.end_date = *f.end_date;
  if (f.success_criteria) p.success_criteria = *f.success_criteria;
  if (f.result_goals) p.result_goals = *f.result_goals;
  if (f.unit_ids) p.unit_ids = *f.unit_ids;
  if (p.start_date && p.end_date && *p.end_date < *p.start_date) {
    throw core::ValidationError("end_date", "must not be before the start date");
  }
  if (p.status != "green" && !p.status_reason) {
    throw core::ValidationError("status_reason", "is required when the status is yellow or red");
  }
  return p;
}

std::vector<std::string> charter_warnings(const Project& p) {
  std::vector<std::string> out;
  if (p.result_goals.size() > kRecommendedMaxGoals) {
    out.push_back(fmt::format("{} result goals; at most {} are recommended", p.result_goals.size(),
                              kRecommendedMaxGoals));
  }
  return out;
}

std::optional<std::string> next_phase(const MethodTemplate& t, const std::string& current) {
  int i = t.phase_index(current);
  if (i < 0 || i + 1 >= static_cast<int>(t.phases.size())) return std::nullopt;
  return t.phases[static_cast<std::size_t>(i + 1)].key;
}

void check_phase_move(const MethodTemplate& t, const std::string& current,
                      const std::string& to_phase, const std::string& decision_text, int open_items,
                      const std::string& open_items_reason) {
  core::FieldErrors errors;
  auto next = next_phase(t, current);
  if (t.phase_index(to_phase) < 0) {
    errors.add("to_phase", "is not a phase of this project's method");
  } else if (!next) {
    errors.add("to_phase", "the project is already in its last phase");
  } else if (to_phase != *next) {
    errors.add("to_phase", core::Message{"err.one_phase_at_a_time", {{"phase", *next}}});
  }
  if (decision_text.empty()) errors.add("decision", "a phase move needs the gate decision's text");
  if (open_items > 0 && open_items_reason.empty())
    errors.add("open_items_reason",
               core::Message{"err.open_items_reason", {{"count", open_items}}});
  errors.check();
}

// Field by field rather than from an initializer list, which copies every value twice:
// lists of projects spend most of their time here (docs/performance.md).
nlohmann::json to_json(const Project& p) {
  nlohmann::json j = nlohmann::json::object();
  j["id"] = p.id;
  j["title"] = p.title;
  j["template"] = p.template_key;
  j["phase"] = p.phase_key;
  j["status"] = p.status;
  j["status_reason"] = opt(p.status_reason);
  j["purpose"] = opt(p.purpose);
  j["background"] = opt(p.background);
  j["citizen_journey"] = opt(p.citizen_journey);
  j["target_group"] = opt(p.target_group);
  j["success_criteria"] = p.success_criteria;
  j["result_goals"] = p.result_goals;
  j["start_date"] = opt(p.start_date);
  j["end_date"] = opt(p.end_date);
  j["unit_ids"] = p.unit_ids;
  j["version"] = p.version;
  j["created_at"] = p.created_at;
  j["updated_at"] = p.updated_at;
  j["warnings"] = charter_warnings(p);
  return j;
}

}  // namespace projects
