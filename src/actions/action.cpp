#include "actions/action.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>

#include "core/errors.hpp"
#include "core/time.hpp"
#include "projects/project.hpp"

namespace actions {
namespace {

using nlohmann::json;

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(); }

std::optional<std::optional<std::string>> text_field(core::Input& input, const std::string& field,
                                                     std::size_t max_len) {
  if (!input.has(field)) return std::nullopt;
  auto v = input.optional_text(field, max_len);
  if (!v || v->empty()) return std::optional<std::string>();
  return std::optional<std::string>(*v);
}

int rank(const std::string& status) {
  auto it = std::find(kStatuses.begin(), kStatuses.end(), status);
  return static_cast<int>(it - kStatuses.begin());
}

}  // namespace

ActionFields parse_action(core::Input& input, bool creating) {
  ActionFields f;
  if (creating || input.has("task")) f.task = input.required_text("task", kTaskMax);
  if (creating || input.has("status")) {
    if (input.has("status") && !input.is_null("status") &&
        !(input.raw()["status"].is_string() && input.raw()["status"].get<std::string>().empty())) {
      f.status = input.required_choice("status", kStatuses);
    } else if (creating) {
      f.status = "not_started";
    } else {
      input.fail("status", "is required");
    }
  }
  f.responsible_id = text_field(input, "responsible_id", 64);
  f.effect = text_field(input, "effect", kTextMax);
  f.how = text_field(input, "how", kTextMax);
  f.kpi_id = text_field(input, "kpi_id", 64);
  f.deadline = text_field(input, "deadline", 40);
  if (f.deadline && *f.deadline && !core::is_valid_date(**f.deadline)) {
    input.fail("deadline", "must be a date like 2026-03-31");
  }
  return f;
}

Action apply_fields(Action a, const ActionFields& f) {
  if (f.task) a.task = *f.task;
  if (f.status) a.status = *f.status;
  if (f.responsible_id) a.responsible_id = *f.responsible_id;
  if (f.effect) a.effect = *f.effect;
  if (f.how) a.how = *f.how;
  if (f.deadline) a.deadline = *f.deadline;
  if (f.kpi_id) a.kpi_id = *f.kpi_id;
  return a;
}

bool is_overdue(const Action& a, const std::string& today) {
  if (!a.deadline || a.status == "done" || a.status == "dropped") return false;
  return *a.deadline < today;
}

ActionQuery parse_query(const std::map<std::string, std::string>& query) {
  ActionQuery q;
  std::map<std::string, std::string> errors;
  auto get = [&](const char* k) {
    auto it = query.find(k);
    return it == query.end() ? std::string() : it->second;
  };
  q.status = get("status");
  if (!q.status.empty() && rank(q.status) == static_cast<int>(kStatuses.size()))
    errors["status"] = "must be one of: not_started, in_progress, done, dropped";
  q.responsible_id = get("responsible_id");
  std::string overdue = get("overdue");
  if (overdue == "true" || overdue == "1") {
    q.overdue = true;
  } else if (!overdue.empty() && overdue != "false" && overdue != "0") {
    errors["overdue"] = "must be true or false";
  }
  if (!get("sort").empty()) {
    q.sort = get("sort");
    if (std::find(kSorts.begin(), kSorts.end(), q.sort) == kSorts.end())
      errors["sort"] = "must be one of: deadline, status, responsible, created";
  }
  if (!errors.empty()) throw core::ValidationError(errors);
  return q;
}

std::vector<Action> select(std::vector<Action> rows, const ActionQuery& q,
                           const std::string& today) {
  std::erase_if(rows, [&](const Action& a) {
    if (!q.status.empty() && a.status != q.status) return true;
    if (!q.responsible_id.empty() && a.responsible_id.value_or("") != q.responsible_id) return true;
    return q.overdue && !is_overdue(a, today);
  });
  // Rows without a deadline or a responsible come last; ties keep creation order (ids
  // are time-ordered).
  auto by = [&](const Action& a, const Action& b) {
    if (q.sort == "status") {
      if (rank(a.status) != rank(b.status)) return rank(a.status) < rank(b.status);
    } else if (q.sort == "responsible") {
      auto an = a.responsible_name.value_or(""), bn = b.responsible_name.value_or("");
      if (an.empty() != bn.empty()) return bn.empty();
      if (an != bn) return an < bn;
    } else if (q.sort == "deadline") {
      auto ad = a.deadline.value_or(""), bd = b.deadline.value_or("");
      if (ad.empty() != bd.empty()) return bd.empty();
      if (ad != bd) return ad < bd;
    }
    return a.id < b.id;
  };
  std::stable_sort(rows.begin(), rows.end(), by);
  return rows;
}

std::string local_today() { return core::nordic_local_today(); }

json to_json(const Action& a, const std::string& today) {
  json j = {{"id", a.id},
            {"project_id", a.project_id},
            {"task", a.task},
            {"responsible_id", opt(a.responsible_id)},
            {"effect", opt(a.effect)},
            {"how", opt(a.how)},
            {"deadline", opt(a.deadline)},
            {"status", a.status},
            {"kpi_id", opt(a.kpi_id)},
            {"kpi_name", opt(a.kpi_name)},
            {"origin", a.origin},
            {"map_id", opt(a.map_id)},
            {"element_id", opt(a.element_id)},
            {"version", a.version},
            {"created_at", a.created_at},
            {"updated_at", a.updated_at},
            {"overdue", is_overdue(a, today)}};
  j["responsible"] = a.responsible_id ? json{{"id", *a.responsible_id},
                                             {"name", opt(a.responsible_name)},
                                             {"unit_id", opt(a.unit_id)},
                                             {"unit_name", opt(a.unit_name)}}
                                      : json();
  if (!a.project_title.empty()) j["project_title"] = a.project_title;
  return j;
}

}  // namespace actions
