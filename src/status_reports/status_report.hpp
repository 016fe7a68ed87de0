#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/message.hpp"
#include "kit/fields.hpp"
#include "projects/project.hpp"

namespace status_reports {

// The areas a report gives a colour, in the order it shows them.
inline const std::vector<std::string> kAreas = {"time",     "budget", "scope",
                                                "benefits", "risks",  "implementation"};
inline const std::vector<std::string> kColours = {"green", "yellow", "red"};
// Who reads the report: the same three levels the KPIs carry (kpis::kLevels).
inline const std::vector<std::string> kLevels = {"operational", "tactical", "strategic"};
inline constexpr std::size_t kTitleMax = 200;
inline constexpr std::size_t kReasonMax = 2000;
inline constexpr std::size_t kDecisionMax = 500;
inline constexpr std::size_t kDecisionsMax = 20;

// What the data says about one area: a colour and why (a catalogue key with parameters, so
// every reader sees it in their language).
struct Suggestion {
  std::string colour = "green";
  core::Message because;
};

// One area of a report: the colour and reason the project leader gave, beside the
// suggestion the data made when the report was issued.
struct Area {
  std::string key;
  std::string colour;  // empty while typed: the suggestion is taken
  std::string reason;
  std::string suggested;
  core::Message suggested_because;
};

// One part of the snapshot, gathered by a feature's provider: its data as it was on the
// day (rendered by templates/status_reports/section_<key>.mustache) and what it suggests
// for the areas it knows about.
struct Section {
  std::string key;
  nlohmann::json data = nlohmann::json::object();
  std::map<std::string, Suggestion> suggestions;
};

// What a provider reads from: the project in its tenant, the reader's language for what it
// writes in words, the report's level and the day it is issued.
struct SectionInput {
  soci::session& sql;
  std::string tenant_id;
  const projects::Project& project;
  std::string locale;
  std::string level;
  std::string today;  // the tenant's date on the day of issue
};

// A feature's part of every report: which levels show it and how it is gathered. Risks or
// the budget add one provider each (app.cpp), nothing else.
struct SectionProvider {
  std::string key;
  std::vector<std::string> levels;
  std::function<Section(const SectionInput&)> gather;
};
using Providers = std::vector<SectionProvider>;

// An issued status report: a frozen, dated snapshot that later changes never alter.
struct StatusReport {
  std::string id;
  std::string project_id;
  std::string level = "tactical";
  std::string title;
  std::string issued_on;  // YYYY-MM-DD
  std::optional<std::string> issued_by;
  std::vector<Area> areas;
  std::vector<std::string> decisions;                 // what the steering group is asked to decide
  nlohmann::json sections = nlohmann::json::array();  // [{key, data}]
  std::string created_at;
};

// The report's fields (kit/fields.hpp): level, title, issued_on (default today), areas
// ({"time": {"colour", "reason"}, …}, each optional: a missing colour takes the suggestion),
// decisions (one per line in a form); the sections are output only.
const kit::Fields<StatusReport>& report_fields();

// The JSON of a report's areas and the areas read back from it.
nlohmann::json areas_json(const std::vector<Area>& areas);
std::vector<Area> areas_from_json(const nlohmann::json& stored);

// Whether a report for `report_level` shows a KPI of `kpi_level`: each level sees its own
// KPIs and those above it (operational sees all, strategic only the strategic ones).
bool shows_level(const std::string& report_level, const std::string& kpi_level);
// The worse of two colours (red > yellow > green).
std::string worse(const std::string& a, const std::string& b);

// The report as issued: the sections (in the providers' order) frozen into it, each area's
// suggestion the worst any section made (green, "no data", when none spoke to it) and its
// colour the typed one or else the suggestion.
StatusReport assemble(StatusReport typed, const std::vector<Section>& sections);

// Side by side: `older` and `newer` of one project. Areas whose colour changed, KPIs whose
// value or chart status moved (and KPIs new in the newer report), actions overdue in the
// newer report that were not in the older.
nlohmann::json compare(const StatusReport& older, const StatusReport& newer);

}  // namespace status_reports
