#include "bank/bank_entry.hpp"

#include <algorithm>
#include <cctype>

#include "core/errors.hpp"
#include "projects/coverage.hpp"

namespace bank {
namespace {

using nlohmann::json;

constexpr std::size_t kSummaryMax = 4000;
constexpr std::size_t kTagMax = 60;
constexpr std::size_t kTagsMax = 20;

bool listed(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

template <typename T>
json opt(const std::optional<T>& v) {
  return v ? json(*v) : json();
}

template <typename T>
std::optional<T> opt_of(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

std::string text_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() || !it->is_string() ? std::string() : it->get<std::string>();
}

std::optional<std::int64_t> figure_of(const std::vector<Figure>& figures, std::string_view metric,
                                      bool after) {
  for (const auto& f : figures)
    if (f.metric == metric) return after ? f.after : f.before;
  return std::nullopt;
}

}  // namespace

std::optional<std::int64_t> Entry::before(std::string_view metric) const {
  return figure_of(figures, metric, false);
}
std::optional<std::int64_t> Entry::after(std::string_view metric) const {
  return figure_of(figures, metric, true);
}

bool valid_kle(std::string_view kle) {
  // Two digits, then up to two more groups of ".dd".
  std::size_t groups = 0;
  std::size_t i = 0;
  while (i < kle.size()) {
    if (groups > 0) {
      if (kle[i] != '.') return false;
      ++i;
    }
    if (i + 2 > kle.size() || std::isdigit(static_cast<unsigned char>(kle[i])) == 0 ||
        std::isdigit(static_cast<unsigned char>(kle[i + 1])) == 0)
      return false;
    i += 2;
    ++groups;
  }
  return groups >= 1 && groups <= 3;
}

void check(const Classification& c) {
  if (c.summary.empty()) throw core::ValidationError("summary", "is required");
  if (c.summary.size() > kSummaryMax) throw core::ValidationError("summary", "is too long");
  if (!listed(kServiceAreas, c.service_area))
    throw core::ValidationError("service_area", "is not a known service area");
  if (c.kle && !valid_kle(*c.kle))
    throw core::ValidationError("kle", "must be a KLE number such as 27.24 or 27.24.00");
  if (c.tags.size() > kTagsMax) throw core::ValidationError("tags", "too many tags");
  for (const auto& t : c.tags)
    if (t.empty() || t.size() > kTagMax)
      throw core::ValidationError("tags", "a tag is empty or too long");
  if (!listed(kLicences, c.licence))
    throw core::ValidationError("licence", "is not a known licence");
  if (!listed(projects::kRoles, c.contact_role))
    throw core::ValidationError("contact_role", "must be a project role, not a person");
  if (!listed(kLanguages, c.language))
    throw core::ValidationError("language", "must be da, sv or en");
}

json to_json(const Entry& e) {
  json figures = json::array();
  for (const auto& f : e.figures)
    figures.push_back({{"metric", f.metric}, {"before", opt(f.before)}, {"after", opt(f.after)}});
  json kpis = json::array();
  for (const auto& k : e.kpis)
    kpis.push_back({{"name", k.name},
                    {"definition", k.definition},
                    {"unit", k.unit},
                    {"direction", k.direction},
                    {"frequency", k.frequency},
                    {"category", k.category},
                    {"baseline", opt(k.baseline)},
                    {"target", opt(k.target)},
                    {"median_before", opt(k.median_before)},
                    {"median_after", opt(k.median_after)}});
  json tasks = json::array();
  for (const auto& t : e.tasks)
    tasks.push_back({{"task", t.task}, {"effect", t.effect}, {"how", t.how}});
  json lanes = json::array();
  for (const auto& l : e.lanes)
    lanes.push_back({{"id", l.id}, {"name", l.name}, {"citizen", l.citizen}});
  return {{"title", e.title},
          {"summary", e.summary},
          {"method", e.method},
          {"service_area", e.service_area},
          {"kle", opt(e.kle)},
          {"tags", e.tags},
          {"licence", e.licence},
          {"contact_role", e.contact_role},
          {"language", e.language},
          {"as_is_bpmn", opt(e.as_is_bpmn)},
          {"redesign_bpmn", opt(e.redesign_bpmn)},
          {"figures", figures},
          {"kpis", kpis},
          {"tasks", tasks},
          {"lessons", e.lessons},
          {"lanes", lanes}};
}

Entry entry_from_json(const json& j) {
  Entry e;
  e.title = text_of(j, "title");
  e.summary = text_of(j, "summary");
  e.method = text_of(j, "method");
  e.service_area = text_of(j, "service_area");
  e.kle = opt_of<std::string>(j, "kle");
  e.tags = j.value("tags", std::vector<std::string>{});
  e.licence = text_of(j, "licence");
  e.contact_role = text_of(j, "contact_role");
  e.language = text_of(j, "language");
  e.as_is_bpmn = opt_of<std::string>(j, "as_is_bpmn");
  e.redesign_bpmn = opt_of<std::string>(j, "redesign_bpmn");
  for (const auto& f : j.value("figures", json::array()))
    e.figures.push_back({text_of(f, "metric"), opt_of<std::int64_t>(f, "before"),
                         opt_of<std::int64_t>(f, "after")});
  for (const auto& k : j.value("kpis", json::array()))
    e.kpis.push_back({text_of(k, "name"), text_of(k, "definition"), text_of(k, "unit"),
                      text_of(k, "direction"), text_of(k, "frequency"), text_of(k, "category"),
                      opt_of<double>(k, "baseline"), opt_of<double>(k, "target"),
                      opt_of<double>(k, "median_before"), opt_of<double>(k, "median_after")});
  for (const auto& t : j.value("tasks", json::array()))
    e.tasks.push_back({text_of(t, "task"), text_of(t, "effect"), text_of(t, "how")});
  e.lessons = j.value("lessons", std::vector<std::string>{});
  for (const auto& l : j.value("lanes", json::array()))
    e.lanes.push_back({text_of(l, "id"), text_of(l, "name"), l.value("citizen", false)});
  return e;
}

}  // namespace bank
