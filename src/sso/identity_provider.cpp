#include "sso/identity_provider.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace sso {
namespace {

using nlohmann::json;

constexpr std::size_t kClaimMax = 200;
constexpr std::size_t kSecretMax = 20000;
constexpr std::size_t kSettingsMax = 100000;

bool is_slug(const std::string& s) {
  return !s.empty() && s.size() <= 60 && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '-';
  });
}

std::string trim(std::string s) {
  auto blank = [](unsigned char c) { return std::isspace(c) != 0; };
  s.erase(s.begin(), std::find_if_not(s.begin(), s.end(), blank));
  s.erase(std::find_if_not(s.rbegin(), s.rend(), blank).base(), s.end());
  return s;
}

// A JSON object from the API, or its text from the form's textarea.
std::optional<json> object_field(core::Input& in, const std::string& field) {
  if (!in.raw().contains(field) || in.raw().at(field).is_null()) return std::nullopt;
  json value = in.raw().at(field);
  if (value.is_string()) {
    auto text = trim(value.get<std::string>());
    if (text.size() > kSettingsMax) {
      in.fail(field, "is too long");
      return std::nullopt;
    }
    value = text.empty() ? json::object() : json::parse(text, nullptr, false);
  }
  if (!value.is_object()) {
    in.fail(field, "must be a JSON object");
    return std::nullopt;
  }
  return value;
}

// The form writes the role map as lines "group = role"; the API as an object.
std::optional<json> role_map_field(core::Input& in) {
  if (!in.raw().contains("role_map") || in.raw().at("role_map").is_null()) return std::nullopt;
  const json* raw = &in.raw().at("role_map");
  json map = json::object();
  if (raw->is_string()) {
    std::istringstream lines(raw->get<std::string>());
    std::string line;
    while (std::getline(lines, line)) {
      line = trim(line);
      if (line.empty()) continue;
      auto eq = line.rfind('=');
      if (eq == std::string::npos) {
        in.fail("role_map", "each line must be \"group = role\"");
        return std::nullopt;
      }
      map[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
    }
  } else if (raw->is_object()) {
    map = *raw;
  } else {
    in.fail("role_map", "must be an object from group to role");
    return std::nullopt;
  }
  for (const auto& [group, role] : map.items()) {
    if (group.empty() || !role.is_string() ||
        std::find(kRoles.begin(), kRoles.end(), role.get<std::string>()) == kRoles.end()) {
      in.fail("role_map", "each group must map to admin or member");
      return std::nullopt;
    }
  }
  return map;
}

// An optional claim name: absent leaves it, "" or null clears it.
void claim_field(core::Input& in, const std::string& field, std::optional<std::string>& target) {
  if (!in.has(field)) return;
  auto value = in.optional_text(field, kClaimMax);
  target = value && !value->empty() ? value : std::nullopt;
}

std::vector<std::string> strings_of(const json& value) {
  std::vector<std::string> out;
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
  } else if (value.is_array()) {
    for (const auto& item : value) {
      if (item.is_string()) out.push_back(item.get<std::string>());
    }
  }
  return out;
}

std::string first_string(const json& attributes, const std::optional<std::string>& claim) {
  if (!claim || claim->empty() || !attributes.contains(*claim)) return "";
  auto values = strings_of(attributes.at(*claim));
  return values.empty() ? "" : values.front();
}

}  // namespace

std::string start_path(const std::string& tenant_slug, const IdentityProvider& idp) {
  return "/sso/" + tenant_slug + "/" + idp.slug + (idp.kind == "saml" ? "/saml/start" : "/start");
}

json to_json(const IdentityProvider& idp) {
  return {{"id", idp.id},
          {"slug", idp.slug},
          {"kind", idp.kind},
          {"display_name", idp.display_name},
          {"enabled", idp.enabled},
          {"settings", idp.settings},
          {"has_secret", idp.secret.has_value() && !idp.secret->empty()},
          {"email_claim", idp.email_claim},
          {"employee_id_claim", idp.employee_id_claim ? json(*idp.employee_id_claim) : json()},
          {"groups_claim", idp.groups_claim ? json(*idp.groups_claim) : json()},
          {"role_map", idp.role_map},
          {"default_role", idp.default_role},
          {"provisioning", idp.provisioning},
          {"version", idp.version},
          {"created_at", idp.created_at},
          {"updated_at", idp.updated_at}};
}

json idp_input_schema() {
  const json text = {{"type", "string"}};
  const json nullable_text = {{"type", {"string", "null"}}};
  return {{"type", "object"},
          {"properties",
           {{"slug", {{"type", "string"}, {"pattern", "^[a-z0-9-]{1,60}$"}}},
            {"kind", {{"enum", kKinds}}},
            {"display_name", text},
            {"enabled", {{"type", "boolean"}}},
            {"settings",
             {{"type", "object"},
              {"description", "OIDC: issuer, client_id, scopes; SAML: see docs/sso.md"}}},
            {"secret",
             {{"type", "string"},
              {"writeOnly", true},
              {"description", "client secret or private key; never returned"}}},
            {"email_claim", text},
            {"employee_id_claim", nullable_text},
            {"groups_claim", nullable_text},
            {"role_map",
             {{"type", "object"}, {"additionalProperties", {{"enum", {"admin", "member"}}}}}},
            {"default_role", {{"enum", kRoles}}},
            {"provisioning", {{"enum", kProvisioning}}},
            {"version", {{"type", "integer"}, {"description", "on update: the version read"}}}}}};
}

json idp_schema() {
  auto schema = idp_input_schema();
  auto& p = schema["properties"];
  p.erase("secret");
  p["id"] = {{"type", "string"}};
  p["has_secret"] = {{"type", "boolean"}};
  p["created_at"] = {{"type", "string"}};
  p["updated_at"] = {{"type", "string"}};
  return schema;
}

IdentityProvider read_idp(core::Input& in, IdentityProvider base, bool creating) {
  if (creating || in.has("slug")) {
    auto slug = in.required_text("slug", 60);
    if (!slug.empty() && !is_slug(slug))
      in.fail("slug", "only lower-case letters, digits and hyphens");
    base.slug = slug;
  }
  if (creating) base.kind = in.required_choice("kind", kKinds);
  if (creating || in.has("display_name")) base.display_name = in.required_text("display_name");
  if (auto enabled = in.optional_bool("enabled")) base.enabled = *enabled;
  if (auto settings = object_field(in, "settings")) base.settings = *settings;
  // Write-only: an absent or empty secret keeps the stored one (a form cannot show it back).
  if (auto secret = in.optional_text("secret", kSecretMax); secret && !secret->empty())
    base.secret = secret;
  if (auto email = in.optional_text("email_claim", kClaimMax)) {
    if (email->empty()) in.fail("email_claim", "is required");
    base.email_claim = *email;
  }
  claim_field(in, "employee_id_claim", base.employee_id_claim);
  claim_field(in, "groups_claim", base.groups_claim);
  if (auto map = role_map_field(in)) base.role_map = *map;
  if (auto role = in.optional_choice("default_role", kRoles)) base.default_role = *role;
  if (auto mode = in.optional_choice("provisioning", kProvisioning)) base.provisioning = *mode;
  in.check();
  return base;
}

Claims map_claims(const IdentityProvider& idp, const json& attributes) {
  Claims c;
  c.email = first_string(attributes, idp.email_claim);
  std::transform(c.email.begin(), c.email.end(), c.email.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  c.employee_id = first_string(attributes, idp.employee_id_claim);
  c.name = first_string(attributes, std::string("name"));
  if (c.name.empty()) {
    auto given = first_string(attributes, std::string("given_name"));
    auto family = first_string(attributes, std::string("family_name"));
    c.name = trim(given + " " + family);
  }
  if (idp.groups_claim && attributes.contains(*idp.groups_claim))
    c.groups = strings_of(attributes.at(*idp.groups_claim));
  return c;
}

std::optional<std::string> mapped_role(const IdentityProvider& idp,
                                       const std::vector<std::string>& groups) {
  std::optional<std::string> role;
  for (const auto& g : groups) {
    if (!idp.role_map.contains(g)) continue;
    const auto& r = idp.role_map.at(g);
    if (!r.is_string()) continue;
    if (r == "admin") return "admin";
    role = r.get<std::string>();
  }
  return role;
}

}  // namespace sso
