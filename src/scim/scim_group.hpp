#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace scim {

// A SCIM Group is a unit of the tenant (D46): displayName is the unit's name, members are the
// people whose unit it is. A person has one unit, so adding them to a group moves them there
// from any other group; removing them from a group clears their unit only if it is still that
// group's.
struct GroupInput {
  std::string name;
  std::vector<std::string> members;  // person ids
};

// Reads a POST or PUT body (or a patched representation); throws core::ValidationError.
GroupInput group_from_json(const nlohmann::json& body);

struct GroupView {
  std::string id;
  std::string name;
  std::vector<std::pair<std::string, std::string>> members;  // id, name
  std::string created;
  std::string last_modified;
  long long version = 1;
};
// `members` left out when the client asked (excludedAttributes=members, as Entra ID does).
nlohmann::json group_json(const GroupView& group, const std::string& base, bool with_members);

}  // namespace scim
