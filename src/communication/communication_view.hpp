#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "communication/communication.hpp"
#include "communication/training.hpp"
#include "core/csv.hpp"

namespace communication {

// To whom, as a line in `locale`: the stakeholder group's or the unit's name, all staff,
// citizens.
std::string audience_label(const Communication& c, const std::string& locale);

// The plan as a spreadsheet: headings in `locale`, one row per communication by date.
inline constexpr std::size_t kPlanDateColumn = 0;
core::Table plan_table(const std::vector<Communication>& plan, const std::string& locale);
// The training plan as a spreadsheet: one row per class.
inline constexpr std::size_t kClassDateColumn = 2;
core::Table training_table(const std::vector<TrainingClass>& classes, const std::string& locale);

// One communication as the page shows it: the JSON with its labels.
nlohmann::json plan_row(const Communication& c, const std::string& locale);
// One class as the page shows it.
nlohmann::json class_row(const TrainingClass& c, const std::string& locale);

// Planned against trained: {total, by_audience, by_unit}, each {key, label, planned, trained,
// percent}, labels in `locale`; a unit is named by `unit_names` (id → name).
nlohmann::json progress_json(const std::vector<TrainingClass>& classes, const std::string& locale,
                             const std::map<std::string, std::string>& unit_names);

}  // namespace communication
