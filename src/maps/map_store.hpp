#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "core/errors.hpp"
#include "db/tenant_scoped.hpp"
#include "http/paging.hpp"

namespace maps {

inline const std::vector<std::string> kMapKinds = {"as_is", "redesign"};
inline const std::vector<std::string> kIdeaKinds = {"good_idea", "interesting_thought",
                                                    "crazy_proposal"};

struct MapInfo {
  std::string id;
  std::string project_id;
  std::string kind;
  std::string title;
  std::optional<std::string> based_on_map_id;
  long long version = 1;
  std::string created_at;
  std::string updated_at;
  nlohmann::json metrics;  // of the current version, when read through get or a page
  // From a create or save only: what the reading of the file left out, and the ids of
  // the diagram's shapes and edges it left out.
  std::vector<std::string> warnings;
  std::vector<std::string> left_out;
  // Read from a create only: the map to copy, a file to import, the citizen lane's name
  // in the caller's language.
  std::optional<std::string> copy_of;
  std::optional<std::string> bpmn;
  std::string citizen_lane;
};

nlohmann::json to_json(const MapInfo& m);

struct NewMap {
  std::string kind;
  std::string title;
  std::optional<std::string> copy_of;  // a map of the same project to start from
  std::optional<std::string> xml;      // an imported .bpmn file
};

// How a save treats the stored version: replaced by the text as sent (the API's default
// and a restore), or the base the text is merged into (the editor; see bpmn_merge.hpp).
enum class SaveMode { kAsSent, kMergeWithStored };

struct NewIdea {
  std::string kind;
  std::string text;
  std::optional<std::string> element_id;  // none: the parking lot
};

// Maps, their versions and ideas. Every save is a new version; nothing is
// overwritten. The XML is stored exactly as received (decision D12).
class MapStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // A redesign without `copy_of` starts from the project's newest as-is map and
  // carries its ideas along. `initial_xml` is used when there is nothing to copy.
  MapInfo create(const core::AuthContext* who, const std::string& project_id, const NewMap& m,
                 const std::string& initial_xml);
  // The API's create: a new map starts with the citizen's lane and one per project unit.
  MapInfo create(const core::AuthContext* who, const std::string& project_id, const MapInfo& m);
  // Oldest first.
  std::vector<MapInfo> list(const std::string& project_id);
  // One page, oldest first, with metrics (limit + 1 rows).
  std::vector<MapInfo> list(const std::string& project_id, const http::Page& page);
  // With the metrics of the current version.
  MapInfo get(const std::string& map_id);
  // The XML of the current version, or of version `number`.
  std::string xml(const std::string& map_id, std::optional<long long> number = std::nullopt);
  nlohmann::json metrics(const std::string& map_id, std::optional<long long> number = std::nullopt);
  // Validates, computes metrics and stores version expected+1. Conflict (with the
  // current version's who/when) when someone saved in between.
  MapInfo save(const core::AuthContext* who, const std::string& map_id, long long expected_version,
               std::string xml, const std::optional<std::string>& comment,
               SaveMode mode = SaveMode::kAsSent);
  // [{number, comment, created_by_name, created_at, metrics}], newest first.
  nlohmann::json versions(const std::string& map_id);
  // Version `number` ("3", from an address) saved again as the newest version.
  MapInfo restore(const core::AuthContext* who, const std::string& map_id,
                  const std::string& number, long long expected_version);
  nlohmann::json ideas(const std::string& map_id);
  nlohmann::json add_idea(const core::AuthContext* who, const std::string& map_id,
                          const NewIdea& idea);
  // The project's newest as-is map against its newest redesign.
  nlohmann::json comparison(const std::string& project_id);

 private:
  MapInfo info(const std::string& map_id);
  std::set<std::string> unit_ids();
  nlohmann::json current_version_info(const std::string& map_id);
  // With the current version's who/when.
  core::Conflict conflict(const std::string& map_id);
  void insert_version(const core::AuthContext* who, const std::string& map_id, long long number,
                      const std::string& xml, const nlohmann::json& metrics,
                      const std::optional<std::string>& comment);
};

}  // namespace maps
