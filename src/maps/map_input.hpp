#pragma once

#include <optional>
#include <string>

#include <soci/soci.h>

#include "core/input.hpp"
#include "http/request.hpp"
#include "maps/map_store.hpp"

namespace maps {

// {kind, title, copy_of?, bpmn?}: a new map, a redesign copy, or an imported file.
NewMap parse_new_map(core::Input& input);
NewIdea parse_idea(core::Input& input);
// ?version=N for reading an earlier version.
std::optional<long long> version_param(const http::Request& req);
// ?comment=… on a save, at most 500 characters.
std::optional<std::string> comment_param(const http::Request& req);

// The XML a new map starts from: the citizen's lane and one per project unit.
std::string starting_xml(soci::session& sql, const http::Request& req,
                         const std::string& project_id, const std::string& title);

}  // namespace maps
