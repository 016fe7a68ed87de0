#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kit/fields.hpp"

namespace communication {

// To whom (seed 003: "hvem der skal gøre noget"): a stakeholder group of the analysis, a
// unit of the tenant, all staff or the citizens.
inline const std::vector<std::string> kAudiences = {"stakeholder_group", "unit", "all_staff",
                                                    "citizens"};
// The seed's channels ("intranet, apps, hjemmesider, fagblade, videoer, infografikker") and
// the meetings and letters a municipality uses besides.
inline const std::vector<std::string> kChannels = {"intranet",    "email",   "meeting",
                                                   "newsletter",  "website", "video",
                                                   "infographic", "letter",  "other"};

inline constexpr std::size_t kTextMax = 2000;
inline constexpr std::size_t kIdMax = 64;
inline constexpr long long kReachMax = 10'000'000;

// One row of a project's communication plan, answering seed 003's questions: why, what, to
// whom, when and how it fits the practice.
struct Communication {
  std::string id;
  std::string project_id;
  std::optional<std::string> why;
  std::string message;                  // what
  std::optional<std::string> practice;  // how it fits the existing practice
  std::string audience = "all_staff";
  std::optional<std::string> group;    // audience stakeholder_group: stakeholders::groups()
  std::optional<std::string> unit_id;  // audience unit
  std::string channel = "intranet";
  std::string date;                     // YYYY-MM-DD, when it goes out
  std::optional<std::string> owner_id;  // a person of the tenant
  bool done = false;
  std::optional<long long> reach;  // people reached, once done
  long long version = 1;
  std::string created_at;
  std::string updated_at;
  // Filled by the store from the units and people tables.
  std::optional<std::string> unit_name;
  std::optional<std::string> owner_name;
  // Filled by the reader's request: the date `overdue` is judged against ("" never).
  std::string today;
};

// A text or null, as the JSON writes an optional one; the schema of one that is output only.
nlohmann::json nullable(const std::optional<std::string>& v);
nlohmann::json nullable_text(const char* description);

// Its date has passed and it is not done (`today` YYYY-MM-DD; "" is never overdue).
bool overdue(const Communication& c, const std::string& today);

// The plan in the order it is shown: by date, then by when it was added (id).
void sort_plan(std::vector<Communication>& plan);
// The next `n` rows not done from `today` on, and every overdue row, for the overview.
std::vector<Communication> upcoming(const std::vector<Communication>& plan,
                                    const std::string& today, std::size_t n);

// The fields, named once (kit/fields.hpp): message and date required; audience (default
// all_staff) with `group` when it is a stakeholder group and unit_id when it is a unit;
// channel, why, practice, owner_id, done, reach (a whole number ≥ 0, only when done);
// written with the names joined and whether it is overdue.
const kit::Fields<Communication>& communication_fields();

inline nlohmann::json to_json(const Communication& c) { return communication_fields().to_json(c); }

}  // namespace communication
