#pragma once

// A project worth publishing to the workflow bank, for the bank's storage tests: maps with
// lanes, times and documentation naming a person, a KPI measured before and during the
// trial and owned by that person, an action-plan row and a lesson naming them.
#include <string>
#include <vector>

#include <soci/soci.h>

namespace testing_bank {

struct Step {
  std::string lane;  // "A" or "B"
  std::string name;
  int minutes = 0;
};

// A map of one pool: lane A is the unit `unit_id`, lane B has none; the steps in a row from
// a start to an end event, each with its duration; `documentation` on the first step.
std::string map_xml(const std::string& unit_id, const std::vector<Step>& steps,
                    const std::string& documentation);

struct Seeded {
  std::string project_id;
  std::string person_id;
  std::string unit_id;
};

// A project in `tenant` titled `title`: as-is with a handover between the lanes and 90
// minutes, a redesign in one lane and 30 minutes, a KPI, a task and a lesson, all naming
// "Mette Kjær Jensen" (mette.kjaer@example.dk), and `lesson` as a second lesson.
Seeded seed_project(soci::session& sql, const std::string& tenant, const std::string& title,
                    const std::string& lesson = "");

}  // namespace testing_bank
