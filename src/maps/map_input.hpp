#pragma once

#include <optional>
#include <string>

#include <soci/soci.h>

#include "http/request.hpp"
#include "kit/fields.hpp"
#include "maps/map_store.hpp"

namespace maps {

// A map as the API writes it, and a create: {kind, title, copy_of?, bpmn?} — a new map, a
// redesign copy, or an imported file.
const kit::Fields<MapInfo>& map_fields();

// An idea pinned to a step (element_id) or to the parking lot.
struct Idea {
  std::string id;
  std::string kind;
  std::string text;
  std::optional<std::string> element_id;
  std::optional<std::string> carried_from;
  std::optional<std::string> created_by_name;
  std::string created_at;
};
const kit::Fields<Idea>& idea_fields();
NewIdea parse_idea(core::Input& input);

// ?version=N for reading an earlier version.
std::optional<long long> version_param(const http::Request& req);
// ?merge=true on a save: merge with the stored version (the editor), else as sent.
SaveMode save_mode_param(const http::Request& req);
// ?comment=… on a save, at most 500 characters.
std::optional<std::string> comment_param(const http::Request& req);

// The XML a new map starts from: the citizen's lane and one per project unit.
std::string starting_xml(soci::session& sql, const std::string& tenant_id,
                         const std::string& project_id, const std::string& title,
                         const std::string& citizen_lane);

}  // namespace maps
