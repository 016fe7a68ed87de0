#include "scim/scim_group.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "scim/scim_patch.hpp"
#include "scim/scim_user.hpp"

namespace scim {

using nlohmann::json;

GroupInput group_from_json(const json& body) {
  GroupInput g;
  const json* name = member(body, "displayName");
  if (name == nullptr || !name->is_string() || name->get<std::string>().empty()) {
    throw core::ValidationError("displayName", "is required");
  }
  g.name = name->get<std::string>();
  if (g.name.size() > core::kNameMax) throw core::ValidationError("displayName", "is too long");
  if (const json* members = member(body, "members"); members && !members->is_null()) {
    if (!members->is_array()) throw core::ValidationError("members", "must be a list");
    for (const auto& m : *members) {
      const json* value = member(m, "value");
      if (value == nullptr || !value->is_string()) {
        throw core::ValidationError("members", "each member needs a value (a user's id)");
      }
      std::string id = value->get<std::string>();
      if (std::find(g.members.begin(), g.members.end(), id) == g.members.end()) {
        g.members.push_back(id);
      }
    }
  }
  return g;
}

json group_json(const GroupView& group, const std::string& base, bool with_members) {
  json out = {{"schemas", json::array({kGroupSchema})},
              {"id", group.id},
              {"displayName", group.name},
              {"meta",
               {{"resourceType", "Group"},
                {"created", group.created},
                {"lastModified", group.last_modified},
                {"version", "W/\"" + std::to_string(group.version) + "\""},
                {"location", base + "/Groups/" + group.id}}}};
  if (with_members) {
    out["members"] = json::array();
    for (const auto& [id, name] : group.members) {
      out["members"].push_back(
          {{"value", id}, {"display", name}, {"$ref", base + "/Users/" + id}, {"type", "User"}});
    }
  }
  return out;
}

}  // namespace scim
