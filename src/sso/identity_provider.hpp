#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/input.hpp"

namespace sso {

inline const std::vector<std::string> kKinds = {"oidc", "saml"};
inline const std::vector<std::string> kProvisioning = {"jit", "invitation"};
inline const std::vector<std::string> kRoles = {"member", "admin"};

// One identity provider of a tenant (D47). OIDC and SAML share the row; `settings` holds the
// kind's own values (OIDC: issuer, client_id, scopes; SAML: the helper's), `secret` the
// write-only one (never in JSON, only whether it is set).
struct IdentityProvider {
  std::string tenant_id;
  std::string id;
  std::string slug;  // in /sso/{tenant}/{slug}/start
  std::string kind = "oidc";
  std::string display_name;
  bool enabled = true;
  nlohmann::json settings = nlohmann::json::object();
  std::optional<std::string> secret;
  std::string email_claim = "email";
  std::optional<std::string> employee_id_claim;
  std::optional<std::string> groups_claim;
  nlohmann::json role_map = nlohmann::json::object();  // group value → "admin" | "member"
  std::string default_role = "member";
  std::string provisioning = "invitation";
  long long version = 1;
  std::string created_at;
  std::string updated_at;
};

// What a provider says about the person, whatever its protocol.
struct Claims {
  std::string subject;  // OIDC `sub`, SAML NameID: stable per provider
  std::string issuer;
  std::string email;
  std::string employee_id;
  std::string name;
  std::vector<std::string> groups;
};

// Where a sign-in with `idp` starts: /sso/{tenant}/{idp}/start (OIDC) or …/saml/start.
std::string start_path(const std::string& tenant_slug, const IdentityProvider& idp);

// The provider as administrators read it: the secret only as `has_secret`.
nlohmann::json to_json(const IdentityProvider& idp);
nlohmann::json idp_schema();
nlohmann::json idp_input_schema();

// Reads a create (`base` empty) or a partial update (`base` the stored row) from the API's JSON
// or the settings form; ValidationError names the field.
IdentityProvider read_idp(core::Input& in, IdentityProvider base, bool creating);

// The person's values from a provider's claims or attributes (a JSON object whose values are
// strings or arrays of strings; SAML attributes arrive as arrays), as the provider's claim
// mapping names them. Subject and issuer are the caller's: they come from the protocol.
Claims map_claims(const IdentityProvider& idp, const nlohmann::json& attributes);

// The role the groups give: admin if any group maps to admin, else member if any maps to member,
// else nullopt (the login keeps its role; a new one gets the default).
std::optional<std::string> mapped_role(const IdentityProvider& idp,
                                       const std::vector<std::string>& groups);

}  // namespace sso
