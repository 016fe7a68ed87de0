#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace scim {

inline constexpr const char* kPatchOpSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

// A member of `object` whose name equals `name` in any case (SCIM attribute names are
// case-insensitive), or nullptr.
const nlohmann::json* member(const nlohmann::json& object, std::string_view name);

// Applies a PatchOp body (RFC 7644 §3.5.2) to `resource`, a resource's SCIM JSON, and returns
// the changed JSON; the caller reads it back as it reads a PUT. Tolerates what Entra ID sends:
// "Add"/"Replace"/"Remove" in any case, an operation without `path` whose value is an object of
// attribute paths (dotted: "name.givenName"; URN-prefixed), value filters on multi-valued
// attributes (`emails[type eq "work"].value`, `members[value eq "…"]`) and a remove of
// `members` with the members to remove as its value. Throws core::BadRequest with the code
// "invalidSyntax", "invalidPath" or "noTarget".
nlohmann::json apply_patch(nlohmann::json resource, const nlohmann::json& request);

}  // namespace scim
