#include "programmes/programme.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/errors.hpp"

namespace programmes {
namespace {

using nlohmann::json;

json groups_json(const std::vector<Group>& groups) {
  json out = json::array();
  for (const auto& g : groups) out.push_back({{"id", g.id}, {"name", g.name}});
  return out;
}

// A JSON array of strings, or in a form one name per line.
std::optional<std::vector<std::string>> raw_names(core::Input& input, const std::string& field) {
  if (!input.has(field) || input.is_null(field)) return std::nullopt;
  const auto& raw = input.raw()[field];
  std::vector<std::string> out;
  if (raw.is_string()) {
    std::string s = raw.get<std::string>();
    std::size_t start = 0;
    while (start <= s.size()) {
      auto end = s.find('\n', start);
      if (end == std::string::npos) end = s.size();
      out.push_back(s.substr(start, end - start));
      start = end + 1;
    }
  } else if (raw.is_array()) {
    for (const auto& v : raw) {
      if (!v.is_string()) {
        input.fail(field, "must be a list of names");
        return std::nullopt;
      }
      out.push_back(v.get<std::string>());
    }
  } else {
    input.fail(field, "must be a list of names");
    return std::nullopt;
  }
  return out;
}

// Each name through the one validation helper, so the rules match single names.
std::vector<std::string> checked_names(core::Input& input, const std::string& field,
                                       const std::vector<std::string>& names, bool skip_empty) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& n : names) {
    core::Input one(json{{"name", n}});
    auto name = one.optional_text("name", kGroupNameMax).value_or("");
    if (!one.ok()) {
      input.fail(field, "each name must be text of at most 100 characters");
      return {};
    }
    if (name.empty()) {
      if (skip_empty) continue;
      input.fail(field, "contains an empty name");
      return {};
    }
    if (!seen.insert(name).second) {
      input.fail(field, "contains the same name twice");
      return {};
    }
    out.push_back(name);
  }
  if (out.size() > kMaxGroups) {
    input.fail(field, "must have at most 50 names");
    return {};
  }
  return out;
}

}  // namespace

std::vector<std::string> parse_names(core::Input& input, const std::string& field) {
  bool from_form = input.raw().contains(field) && input.raw()[field].is_string();
  auto names = raw_names(input, field);
  if (!names) return {};
  return checked_names(input, field, *names, from_form);
}

const kit::Fields<Group>& group_fields() {
  static const kit::Fields<Group> fields =
      kit::Fields<Group>()
          .id(&Group::id)
          .text("name", &Group::name, {.required = true, .max = kGroupNameMax});
  return fields;
}

const kit::Fields<Programme>& programme_fields() {
  static const json group_list = {{"type", "array"},
                                  {"items", {{"$ref", "#/components/schemas/ProgrammeGroup"}}}};
  static const kit::Fields<Programme> fields =
      kit::Fields<Programme>()
          .id(&Programme::id)
          .text("title", &Programme::title, {.required = true})
          .optional_text("description", &Programme::description, {.max = core::kTextMax})
          .computed("owner",
                    {{"type", "object"}, {"description", "{id, name} of the owning tenant"}},
                    [](const Programme& p) {
                      return json{{"id", p.tenant_id}, {"name", p.owner_name}};
                    })
          .boolean(
              "own", &Programme::own,
              {.describe = "the caller's tenant owns it", .output_only = true, .stored = false})
          .computed("clusters", group_list,
                    [](const Programme& p) { return groups_json(p.clusters); })
          .computed("tracks", group_list, [](const Programme& p) { return groups_json(p.tracks); })
          .computed("project_count", {{"type", "integer"}},
                    [](const Programme& p) { return json(p.project_count); })
          .stamps();
  return fields;
}

void read_group_names(core::Input& input, Programme& programme) {
  for (const auto& name : parse_names(input, "clusters")) programme.clusters.push_back({"", name});
  for (const auto& name : parse_names(input, "tracks")) programme.tracks.push_back({"", name});
}

json group_names_schema() {
  json names = {{"type", "array"}, {"items", {{"type", "string"}, {"maxLength", kGroupNameMax}}}};
  return {{"clusters", names}, {"tracks", names}};
}

Programme parse_new_programme(core::Input& input) {
  Programme fresh;
  read_group_names(input, fresh);
  return programme_fields().parse_new(input, std::move(fresh));
}

std::string parse_group_name(core::Input& input) { return group_fields().parse_new(input).name; }

Programme for_reader(Programme programme, const core::AuthContext& who) {
  programme.own = programme.tenant_id == who.tenant_id;
  return programme;
}

Placement parse_placement(core::Input& input) {
  Placement p;
  if (input.has("cluster")) p.cluster = input.optional_text("cluster", kGroupNameMax);
  if (input.has("tracks")) {
    auto names = raw_names(input, "tracks");
    p.tracks = names ? checked_names(input, "tracks", *names, true) : std::vector<std::string>{};
  }
  return p;
}

const Group* find_group(const std::vector<Group>& groups, const std::string& id_or_name) {
  for (const auto& g : groups) {
    if (g.id == id_or_name) return &g;
  }
  for (const auto& g : groups) {
    if (g.name == id_or_name) return &g;
  }
  return nullptr;
}

std::pair<std::optional<std::string>, std::vector<std::string>> resolve_placement(
    const Programme& programme, const Placement& placement,
    const std::optional<std::string>& current_cluster,
    const std::vector<std::string>& current_tracks) {
  std::map<std::string, std::string> errors;
  std::string cluster = current_cluster.value_or("");  // empty: none
  if (placement.cluster) {
    cluster.clear();
    if (!placement.cluster->empty()) {
      const Group* g = find_group(programme.clusters, *placement.cluster);
      if (g == nullptr) {
        errors["cluster"] = "is not a cluster of this programme";
      } else {
        cluster = g->id;
      }
    }
  }
  std::vector<std::string> tracks = current_tracks;
  if (placement.tracks) {
    tracks.clear();
    for (const auto& t : *placement.tracks) {
      const Group* g = find_group(programme.tracks, t);
      if (g == nullptr) {
        errors["tracks"] = "contains a track that is not in this programme";
        break;
      }
      if (std::find(tracks.begin(), tracks.end(), g->id) == tracks.end()) tracks.push_back(g->id);
    }
  }
  if (!errors.empty()) throw core::ValidationError(errors);
  return {cluster.empty() ? std::nullopt : std::optional<std::string>(cluster), tracks};
}

bool may_manage(const Programme& programme, const core::AuthContext& who) {
  return who.tenant_id == programme.tenant_id && who.is_admin();
}

void require_manage(const Programme& programme, const core::AuthContext& who) {
  if (!may_manage(programme, who)) {
    throw core::Forbidden("only an administrator of the programme's owner changes the programme");
  }
}

json to_json(const Group& group) { return group_fields().to_json(group); }

json to_json(Programme p, const std::string& viewer_tenant_id) {
  p.own = p.tenant_id == viewer_tenant_id;
  return programme_fields().to_json(p);
}

json to_json(const AttachedProject& a, const Programme& programme,
             const std::string& viewer_tenant_id) {
  json cluster = nullptr;
  if (a.cluster_id) {
    if (const Group* g = find_group(programme.clusters, *a.cluster_id)) cluster = to_json(*g);
  }
  json tracks = json::array();
  for (const auto& id : a.track_ids) {
    if (const Group* g = find_group(programme.tracks, id)) tracks.push_back(to_json(*g));
  }
  return {{"project_id", a.project_id},
          {"tenant", {{"id", a.tenant_id}, {"name", a.tenant_name}}},
          {"own", a.tenant_id == viewer_tenant_id},
          {"title", a.title},
          {"template", a.template_key},
          {"phase", a.phase_key},
          {"status", a.status},
          {"last_update", a.last_update},
          {"cluster", cluster},
          {"tracks", tracks},
          {"attached_at", a.attached_at}};
}

}  // namespace programmes
