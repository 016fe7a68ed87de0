#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/auth_context.hpp"
#include "core/input.hpp"
#include "kit/fields.hpp"

namespace programmes {

// Seed 001 names a handful of clusters and two tracks; the limits only stop abuse.
inline constexpr std::size_t kMaxGroups = 50;
inline constexpr std::size_t kGroupNameMax = 100;

// A cluster (projektklynge) or a content track (indholdsspor) of one programme.
struct Group {
  std::string id;
  std::string name;
};

enum class GroupKind { kCluster, kTrack };

struct Programme {
  std::string id;
  std::string tenant_id;  // the owner: an umbrella organisation or a municipality
  std::string owner_name;
  std::string title;
  std::optional<std::string> description;
  std::vector<Group> clusters;
  std::vector<Group> tracks;
  long long project_count = 0;
  bool own = false;  // the reader's tenant owns it (for_reader sets it)
  long long version = 1;
  std::string created_at;
  std::string updated_at;
};

// What the demo data names when it creates a programme.
struct ProgrammeFields {
  std::optional<std::string> title;
  std::optional<std::optional<std::string>> description;
  std::vector<std::string> clusters;  // names; only when creating
  std::vector<std::string> tracks;
};

// What the programme shows of an attached project — and nothing more of the
// project's tenant: title, phase, status, last update.
struct AttachedProject {
  std::string project_id;
  std::string tenant_id;
  std::string tenant_name;
  std::string title;
  std::string template_key;
  std::string phase_key;
  std::string status;
  std::string last_update;
  std::optional<std::string> cluster_id;
  std::vector<std::string> track_ids;
  std::string attached_at;
};

// Where an attached project sits: a cluster (id or name; "" or null for none) and
// tracks (ids or names). Absent fields are left alone.
struct Placement {
  std::optional<std::string> cluster;
  std::optional<std::vector<std::string>> tracks;
};

// The field tables: parsing (API JSON or a form), partial updates, JSON and OpenAPI.
const kit::Fields<Programme>& programme_fields();
const kit::Fields<Group>& group_fields();
// A create reads the clusters and tracks by name besides the field table (a JSON array,
// or in a form one name per line), and their OpenAPI properties.
void read_group_names(core::Input& input, Programme& programme);
nlohmann::json group_names_schema();
// A new programme from API JSON or a form: the field table and the group names.
Programme parse_new_programme(core::Input& input);
// A list of names: strings of 1–100 characters, at most 50, none twice.
std::vector<std::string> parse_names(core::Input& input, const std::string& field);
std::string parse_group_name(core::Input& input);
Placement parse_placement(core::Input& input);
// The programme as one tenant reads it: `own` says whether that tenant owns it.
Programme for_reader(Programme programme, const core::AuthContext& who);

// The group with this id, else the one with this name, else nullptr.
const Group* find_group(const std::vector<Group>& groups, const std::string& id_or_name);
// Resolves a placement against the programme; throws ValidationError (cluster / tracks)
// naming what does not exist. Returns the cluster id (empty: none) and track ids.
std::pair<std::optional<std::string>, std::vector<std::string>> resolve_placement(
    const Programme& programme, const Placement& placement,
    const std::optional<std::string>& current_cluster,
    const std::vector<std::string>& current_tracks);

// The owner's administrators run a programme; member tenants only attach projects.
bool may_manage(const Programme& programme, const core::AuthContext& who);
void require_manage(const Programme& programme, const core::AuthContext& who);

nlohmann::json to_json(const Group& group);
nlohmann::json to_json(Programme programme, const std::string& viewer_tenant_id);
nlohmann::json to_json(const AttachedProject& project, const Programme& programme,
                       const std::string& viewer_tenant_id);

}  // namespace programmes
