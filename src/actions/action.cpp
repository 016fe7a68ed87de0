#include "actions/action.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "core/time.hpp"

namespace actions {
namespace {

using nlohmann::json;

constexpr std::size_t kIdMax = 64;
constexpr std::size_t kDeadlineMax = 40;

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(); }

json nullable_text() { return {{"type", {"string", "null"}}}; }

int rank(const std::string& status) {
  auto it = std::find(kStatuses.begin(), kStatuses.end(), status);
  return static_cast<int>(it - kStatuses.begin());
}

bool sent_blank(const core::Input& in, const std::string& field) {
  const auto& raw = in.raw();
  return raw.contains(field) && (raw[field].is_null() ||
                                 (raw[field].is_string() && raw[field].get<std::string>().empty()));
}

json responsible(const Action& a) {
  if (!a.responsible_id) return nullptr;
  return {{"id", *a.responsible_id},
          {"name", opt(a.responsible_name)},
          {"unit_id", opt(a.unit_id)},
          {"unit_name", opt(a.unit_name)}};
}

kit::Fields<Action> build_fields() {
  json text = {{"type", "string"}};
  return kit::Fields<Action>()
      .id(&Action::id)
      .parent(&Action::project_id)
      .text("task", &Action::task, {.required = true, .max = kTaskMax})
      .optional_text("responsible_id", &Action::responsible_id,
                     {.max = kIdMax, .describe = "a person of the tenant"})
      .optional_text("effect", &Action::effect, {.max = kTextMax})
      .optional_text("how", &Action::how, {.max = kTextMax})
      .optional_text("deadline", &Action::deadline,
                     {.max = kDeadlineMax, .describe = "a date, YYYY-MM-DD"})
      .choice("status", &Action::status, kStatuses, {.describe = "default: not_started"})
      .optional_text("kpi_id", &Action::kpi_id, {.max = kIdMax})
      .computed("kpi_name",
                {{"type", {"string", "null"}},
                 {"description", "the name of the KPI kpi_id names (null when it names none)"}},
                [](const Action& a) { return opt(a.kpi_name); })
      .computed("origin", {{"enum", kOrigins}}, [](const Action& a) { return json(a.origin); })
      .computed("map_id", nullable_text(), [](const Action& a) { return opt(a.map_id); })
      .computed("element_id", nullable_text(), [](const Action& a) { return opt(a.element_id); })
      .computed("overdue",
                {{"type", "boolean"},
                 {"description", "deadline before today and status neither done nor dropped"}},
                [](const Action& a) { return is_overdue(a, a.today); })
      .computed("responsible",
                {{"type", {"object", "null"}},
                 {"properties",
                  {{"id", text},
                   {"name", nullable_text()},
                   {"unit_id", nullable_text()},
                   {"unit_name", nullable_text()}}}},
                responsible)
      .output("project_title", &Action::project_title)
      .stamps()
      .check([](const Action& a, core::Input& in) {
        if (a.deadline && !core::is_valid_date(*a.deadline))
          in.fail("deadline", "must be a date like 2026-03-31");
      })
      .check([](const Action& a, core::Input& in) {
        // A new row starts not_started; a stored one may change its status, not clear it.
        if (!a.id.empty() && sent_blank(in, "status")) in.fail("status", "is required");
      });
}

}  // namespace

const kit::Fields<Action>& action_fields() {
  static const kit::Fields<Action> fields = build_fields();
  return fields;
}

Action apply_fields(Action a, const ActionFields& f) {
  auto take = [](auto& member, const auto& field) {
    if (field) member = *field;
  };
  take(a.task, f.task);
  take(a.status, f.status);
  take(a.responsible_id, f.responsible_id);
  take(a.effect, f.effect);
  take(a.how, f.how);
  take(a.deadline, f.deadline);
  take(a.kpi_id, f.kpi_id);
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

}  // namespace actions
