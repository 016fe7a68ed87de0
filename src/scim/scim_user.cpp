#include "scim/scim_user.hpp"

#include "core/errors.hpp"
#include "core/input.hpp"
#include "scim/scim_filter.hpp"
#include "scim/scim_patch.hpp"

namespace scim {
namespace {

using nlohmann::json;

constexpr std::size_t kTextMax = 200;

std::optional<std::string> text(const json& object, std::string_view name,
                                const std::string& field) {
  const json* found = member(object, name);
  if (found == nullptr || found->is_null()) return std::nullopt;
  if (!found->is_string()) throw core::ValidationError(field, "must be a string");
  std::string value = found->get<std::string>();
  auto first = value.find_first_not_of(" \t");
  if (first == std::string::npos) return std::nullopt;
  value = value.substr(first, value.find_last_not_of(" \t") - first + 1);
  if (value.size() > kTextMax) throw core::ValidationError(field, "is too long");
  return value;
}

// The primary address, else the work address, else the first.
std::optional<std::string> email_of(const json& body) {
  const json* emails = member(body, "emails");
  if (emails == nullptr || emails->is_null()) return std::nullopt;
  if (!emails->is_array()) throw core::ValidationError("emails", "must be a list");
  const json* chosen = nullptr;
  for (const auto& e : *emails) {
    if (!e.is_object()) throw core::ValidationError("emails", "must be a list of objects");
    const json* primary = member(e, "primary");
    const json* type = member(e, "type");
    if (primary && boolean(*primary, "emails")) {
      chosen = &e;
      break;
    }
    if (type && type->is_string() && lower(type->get<std::string>()) == "work" && !chosen)
      chosen = &e;
  }
  if (chosen == nullptr && !emails->empty()) chosen = &emails->front();
  if (chosen == nullptr) return std::nullopt;
  auto value = text(*chosen, "value", "emails");
  if (value && (value->find('@') == std::string::npos || value->find(' ') != std::string::npos)) {
    throw core::ValidationError("emails", "is not an e-mail address");
  }
  return value ? std::optional(lower(*value)) : std::nullopt;
}

}  // namespace

bool boolean(const json& value, const std::string& field) {
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_string()) {
    std::string s = lower(value.get<std::string>());
    if (s == "true") return true;
    if (s == "false") return false;
  }
  throw core::ValidationError(field, "must be true or false");
}

std::optional<std::string> locale_of(const std::string& language) {
  std::string code = lower(language.substr(0, language.find_first_of("-_")));
  if (code == "da" || code == "sv" || code == "en") return code;
  return std::nullopt;
}

User user_from_json(const json& body) {
  if (!body.is_object()) throw core::ValidationError("userName", "the body must be a User");
  User u;
  u.external_id = text(body, "externalId", "externalId");
  if (const json* name = member(body, "name"); name && !name->is_null()) {
    if (!name->is_object()) throw core::ValidationError("name", "must be an object");
    u.given_name = text(*name, "givenName", "name.givenName");
    u.family_name = text(*name, "familyName", "name.familyName");
    if (auto formatted = text(*name, "formatted", "name.formatted")) u.name = *formatted;
  }
  if (auto display = text(body, "displayName", "displayName")) u.name = *display;
  if (u.name.empty()) {
    u.name = u.given_name.value_or("");
    if (u.family_name) u.name += (u.name.empty() ? "" : " ") + *u.family_name;
  }
  u.email = email_of(body);
  u.title = text(body, "title", "title");
  if (auto language = text(body, "preferredLanguage", "preferredLanguage")) {
    u.locale = locale_of(*language);
  }
  if (const json* ext = member(body, kEnterpriseSchema); ext && ext->is_object()) {
    u.employee_number = text(*ext, "employeeNumber", "employeeNumber");
  }
  if (const json* active = member(body, "active"); active && !active->is_null()) {
    u.active = boolean(*active, "active");
  }
  auto user_name = text(body, "userName", "userName");
  if (!user_name) user_name = u.employee_number;
  if (!user_name) user_name = u.email;
  if (!user_name) throw core::ValidationError("userName", "is required");
  u.user_name = *user_name;
  if (u.name.empty()) u.name = u.user_name;
  if (u.name.size() > core::kNameMax) throw core::ValidationError("displayName", "is too long");
  return u;
}

json user_json(const User& user, const Meta& meta) {
  json name = {{"formatted", user.name}};
  if (user.given_name) name["givenName"] = *user.given_name;
  if (user.family_name) name["familyName"] = *user.family_name;
  json out = {{"schemas", json::array({kUserSchema})},
              {"id", meta.id},
              {"userName", user.user_name},
              {"name", name},
              {"displayName", user.name},
              {"active", user.active},
              {"emails", json::array()},
              {"meta",
               {{"resourceType", "User"},
                {"created", meta.created},
                {"lastModified", meta.last_modified},
                {"version", "W/\"" + std::to_string(meta.version) + "\""},
                {"location", meta.location}}}};
  if (user.external_id) out["externalId"] = *user.external_id;
  if (user.email) {
    out["emails"].push_back({{"value", *user.email}, {"type", "work"}, {"primary", true}});
  }
  if (user.title) out["title"] = *user.title;
  if (user.locale) out["preferredLanguage"] = *user.locale;
  if (user.employee_number) {
    out["schemas"].push_back(kEnterpriseSchema);
    out[kEnterpriseSchema] = {{"employeeNumber", *user.employee_number}};
  }
  return out;
}

json list_response(json resources, long long total, long long start_index) {
  auto count = static_cast<long long>(resources.size());
  return {{"schemas", json::array({kListSchema})},
          {"totalResults", total},
          {"startIndex", start_index},
          {"itemsPerPage", count},
          {"Resources", std::move(resources)}};
}

}  // namespace scim
