#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kit/fields.hpp"

namespace communication {

// Who is trained (seed 003, "Kompetenceudvikling"): heads of service, team leaders, change
// agents, super users and end users, in the seed's order.
inline const std::vector<std::string> kTrainingAudiences = {
    "heads_of_service", "team_leaders", "change_agents", "super_users", "end_users"};
inline constexpr long long kCapacityMax = 10'000;
inline constexpr std::size_t kTrainedPeopleMax = 500;

// A number of people of a unit trained in a class, when they are not named one by one.
struct UnitCount {
  std::string unit_id;
  long long trained = 0;
  std::optional<std::string> unit_name;  // filled by the store
};

// A person trained in a class, with the unit they belong to (filled by the store).
struct TrainedPerson {
  std::string person_id;
  std::optional<std::string> name;
  std::optional<std::string> unit_id;
  bool from_meeting = false;  // present at the class's meeting rather than recorded by hand
};

// One class of a project's training plan.
struct TrainingClass {
  std::string id;
  std::string project_id;
  std::string title;
  std::string audience = "end_users";
  std::string starts_on;               // YYYY-MM-DD
  std::optional<std::string> ends_on;  // the last day, when it runs over several
  long long capacity = 0;
  std::optional<std::string> place;
  std::optional<std::string> unit_id;     // the unit it is planned for, if one
  std::optional<std::string> meeting_id;  // a meeting of the project it is held as
  long long version = 1;
  std::string created_at;
  std::string updated_at;
  // Who was trained: people by name and counts per unit (read from the input when named).
  std::vector<TrainedPerson> people;
  std::vector<UnitCount> unit_counts;
  bool people_given = false;  // the input named people or unit_counts: they are replaced
  // Filled by the store.
  std::optional<std::string> unit_name;
  std::optional<std::string> meeting_title;
};

// How many were trained in a class: every person once (recorded or present at its meeting)
// and the counts per unit.
long long trained_count(const TrainingClass& c);

// Planned (the classes' capacity) against trained, per key.
struct Progress {
  std::string key;  // an audience, or a unit id ("" for no unit)
  long long planned = 0;
  long long trained = 0;
  int percent = 0;  // trained of planned in whole percent, rounded; above 100 when overfull
};
// Per audience, in kTrainingAudiences' order, the audiences without classes left out.
std::vector<Progress> progress_by_audience(const std::vector<TrainingClass>& classes);
// Per unit: planned from the classes planned for a unit (a class for no unit in particular
// plans for none), trained from each person's unit and the counts per unit; units in the
// order first met, "" (people of no unit) last.
std::vector<Progress> progress_by_unit(const std::vector<TrainingClass>& classes);
// Every class together.
Progress progress_total(const std::vector<TrainingClass>& classes);

// The class's fields (kit/fields.hpp): title, audience, starts_on and capacity (1–10,000)
// required; ends_on (not before starts_on), place, unit_id, meeting_id; `people` (person
// ids) and `unit_counts` ([{unit_id, trained}]) replace who was trained when named; written
// with the names joined and `trained`.
const kit::Fields<TrainingClass>& training_fields();

inline nlohmann::json to_json(const TrainingClass& c) { return training_fields().to_json(c); }

}  // namespace communication
