#include "communication/training.hpp"

#include <algorithm>
#include <set>

#include "communication/communication.hpp"
#include "core/errors.hpp"
#include "core/time.hpp"

namespace communication {
namespace {

using nlohmann::json;

int percent(long long part, long long whole) {
  return whole <= 0 ? 0 : static_cast<int>((part * 100 + whole / 2) / whole);
}

Progress& entry(std::vector<Progress>& all, const std::string& key) {
  auto it = std::find_if(all.begin(), all.end(), [&](const Progress& p) { return p.key == key; });
  if (it != all.end()) return *it;
  all.push_back({key});
  return all.back();
}

void finish(std::vector<Progress>& all) {
  for (auto& p : all) p.percent = percent(p.trained, p.planned);
}

// Person ids: a JSON array of strings or, from a form, one per line.
void read_people(core::Input& in, TrainingClass& c) {
  auto ids = kit::read_lines(in, "people", kIdMax, kTrainedPeopleMax);
  if (!ids) return;
  std::set<std::string> seen;
  c.people.clear();
  for (const auto& id : *ids)
    if (seen.insert(id).second) c.people.push_back({id});
  c.people_given = true;
}

// [{unit_id, trained}]: each unit once, trained a whole number from 1; an entry that is
// wrong is named ("unit_counts[1].trained").
void read_unit_counts(core::Input& in, TrainingClass& c) {
  const auto& raw = in.raw()["unit_counts"];
  c.people_given = true;
  c.unit_counts.clear();
  if (raw.is_null()) return;
  if (!raw.is_array()) {
    in.fail("unit_counts", core::Message{"training_err_unit_counts"});
    return;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const std::string at = "unit_counts[" + std::to_string(i) + "]";
    if (!raw[i].is_object()) {
      in.fail(at, core::Message{"training_err_unit_counts"});
      continue;
    }
    core::Input one(raw[i]);
    auto unit = one.required_text("unit_id", kIdMax);
    auto trained = one.optional_int("trained", 1, kCapacityMax);
    if (one.ok() && !trained) one.fail("trained", core::Message{"err.required"});
    if (one.ok() && !seen.insert(unit).second)
      one.fail("unit_id", core::Message{"training_err_unit_twice"});
    if (!one.ok()) {
      try {
        one.check();
      } catch (const core::ValidationError& e) {
        in.fail_all(e, at + ".");
      }
      continue;
    }
    c.unit_counts.push_back({unit, *trained});
  }
}

json people_json(const TrainingClass& c) {
  json out = json::array();
  for (const auto& p : c.people)
    out.push_back({{"person_id", p.person_id},
                   {"name", nullable(p.name)},
                   {"unit_id", nullable(p.unit_id)},
                   {"from_meeting", p.from_meeting}});
  return out;
}

json counts_json(const TrainingClass& c) {
  json out = json::array();
  for (const auto& u : c.unit_counts)
    out.push_back(
        {{"unit_id", u.unit_id}, {"trained", u.trained}, {"unit_name", nullable(u.unit_name)}});
  return out;
}

void check_dates(const TrainingClass& c, core::Input& in) {
  if (c.ends_on && !core::is_valid_date(*c.ends_on))
    in.fail("ends_on", core::Message{"err.date"});
  else if (c.ends_on && !c.starts_on.empty() && *c.ends_on < c.starts_on)
    in.fail("ends_on", core::Message{"training_err_ends_before"});
}

kit::Fields<TrainingClass> build_fields() {
  const json person = {{"type", "object"},
                       {"properties",
                        {{"person_id", {{"type", "string"}}},
                         {"name", {{"type", {"string", "null"}}}},
                         {"unit_id", {{"type", {"string", "null"}}}},
                         {"from_meeting", {{"type", "boolean"}}}}}};
  const json count = {{"type", "object"},
                      {"required", {"unit_id", "trained"}},
                      {"properties",
                       {{"unit_id", {{"type", "string"}}},
                        {"trained", {{"type", "integer"}, {"minimum", 1}}},
                        {"unit_name", {{"type", {"string", "null"}}}}}}};
  return kit::Fields<TrainingClass>()
      .id(&TrainingClass::id)
      .parent(&TrainingClass::project_id)
      .text("title", &TrainingClass::title, {.required = true})
      .choice("audience", &TrainingClass::audience, kTrainingAudiences,
              {.required = true, .describe = "seed 003's roles"})
      .date("starts_on", &TrainingClass::starts_on, {.required = true, .describe = "the first day"})
      .optional_text(
          "ends_on", &TrainingClass::ends_on,
          {.max = 10, .describe = "the last day, when it runs over several (YYYY-MM-DD)"})
      .integer("capacity", &TrainingClass::capacity, 1, kCapacityMax,
               {.required = true, .describe = "how many places; what is planned"})
      .optional_text("place", &TrainingClass::place)
      .optional_text("unit_id", &TrainingClass::unit_id,
                     {.max = kIdMax, .describe = "the unit of the tenant it is planned for"})
      .optional_text("meeting_id", &TrainingClass::meeting_id,
                     {.max = kIdMax,
                      .describe = "a meeting of the project it is held as: who was present "
                                  "there counts as trained"})
      .custom("people",
              {{"type", "array"},
               {"items", person},
               {"description",
                "who was trained, by name; an update sends person ids and replaces them "
                "(those present at the meeting are added, from_meeting)"}},
              read_people,
              [](const TrainingClass& c, json& out) { out["people"] = people_json(c); })
      .custom("unit_counts",
              {{"type", "array"},
               {"items", count},
               {"description",
                "how many of a unit were trained, when not named; replaced "
                "when sent"}},
              read_unit_counts,
              [](const TrainingClass& c, json& out) { out["unit_counts"] = counts_json(c); })
      .computed("trained", {{"type", "integer"}, {"description", "people trained in all"}},
                [](const TrainingClass& c) { return trained_count(c); })
      .computed("unit_name", nullable_text("the name of unit_id"),
                [](const TrainingClass& c) { return nullable(c.unit_name); })
      .computed("meeting_title", nullable_text("the title of meeting_id"),
                [](const TrainingClass& c) { return nullable(c.meeting_title); })
      .stamps()
      .check(check_dates);
}

}  // namespace

long long trained_count(const TrainingClass& c) {
  long long n = static_cast<long long>(c.people.size());
  for (const auto& u : c.unit_counts) n += u.trained;
  return n;
}

std::vector<Progress> progress_by_audience(const std::vector<TrainingClass>& classes) {
  std::vector<Progress> out;
  for (const auto& a : kTrainingAudiences) {
    Progress p{a};
    bool any = false;
    for (const auto& c : classes) {
      if (c.audience != a) continue;
      any = true;
      p.planned += c.capacity;
      p.trained += trained_count(c);
    }
    if (any) out.push_back(p);
  }
  finish(out);
  return out;
}

std::vector<Progress> progress_by_unit(const std::vector<TrainingClass>& classes) {
  std::vector<Progress> out;
  for (const auto& c : classes) {
    if (c.unit_id) entry(out, *c.unit_id).planned += c.capacity;
    for (const auto& p : c.people) entry(out, p.unit_id.value_or("")).trained += 1;
    for (const auto& u : c.unit_counts) entry(out, u.unit_id).trained += u.trained;
  }
  std::stable_partition(out.begin(), out.end(), [](const Progress& p) { return !p.key.empty(); });
  finish(out);
  return out;
}

Progress progress_total(const std::vector<TrainingClass>& classes) {
  Progress total{"total"};
  for (const auto& c : classes) {
    total.planned += c.capacity;
    total.trained += trained_count(c);
  }
  total.percent = percent(total.trained, total.planned);
  return total;
}

const kit::Fields<TrainingClass>& training_fields() {
  static const kit::Fields<TrainingClass> fields = build_fields();
  return fields;
}

}  // namespace communication
