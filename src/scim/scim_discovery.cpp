#include "scim/scim_discovery.hpp"

#include "scim/scim_user.hpp"

namespace scim {
namespace {

using nlohmann::json;

json supported(bool yes) { return {{"supported", yes}}; }

json attribute(const std::string& name, const std::string& type, bool required,
               const std::string& mutability = "readWrite", const std::string& uniqueness = "none",
               bool multi = false) {
  json a = {{"name", name},          {"type", type},
            {"multiValued", multi},  {"required", required},
            {"caseExact", false},    {"mutability", mutability},
            {"returned", "default"}, {"uniqueness", uniqueness}};
  return a;
}

json complex(const std::string& name, json sub, bool multi) {
  json a = attribute(name, "complex", false, "readWrite", "none", multi);
  a["subAttributes"] = std::move(sub);
  return a;
}

json schema(const std::string& id, const std::string& name, const std::string& description,
            json attributes, const std::string& base) {
  return {{"schemas", json::array({"urn:ietf:params:scim:schemas:core:2.0:Schema"})},
          {"id", id},
          {"name", name},
          {"description", description},
          {"attributes", std::move(attributes)},
          {"meta", {{"resourceType", "Schema"}, {"location", base + "/Schemas/" + id}}}};
}

}  // namespace

json service_provider_config(const std::string& base) {
  return {
      {"schemas", json::array({"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"})},
      {"documentationUri", "https://github.com/fremdrift/fremdrift/blob/main/docs/scim.md"},
      {"patch", supported(true)},
      {"bulk", {{"supported", false}, {"maxOperations", 0}, {"maxPayloadSize", 0}}},
      {"filter", {{"supported", true}, {"maxResults", kMaxResults}}},
      {"changePassword", supported(false)},
      {"sort", supported(false)},
      {"etag", supported(false)},
      {"authenticationSchemes",
       json::array({{{"type", "oauthbearertoken"},
                     {"name", "Bearer token"},
                     {"description",
                      "The tenant's SCIM token, made by an administrator on the settings page"},
                     {"primary", true}}})},
      {"meta",
       {{"resourceType", "ServiceProviderConfig"}, {"location", base + "/ServiceProviderConfig"}}}};
}

json resource_types(const std::string& base) {
  auto type = [&base](const std::string& name, const std::string& endpoint,
                      const std::string& schema_id, json extensions) {
    return json{
        {"schemas", json::array({"urn:ietf:params:scim:schemas:core:2.0:ResourceType"})},
        {"id", name},
        {"name", name},
        {"endpoint", endpoint},
        {"schema", schema_id},
        {"schemaExtensions", std::move(extensions)},
        {"meta",
         {{"resourceType", "ResourceType"}, {"location", base + "/ResourceTypes/" + name}}}};
  };
  json types =
      json::array({type("User", "/Users", kUserSchema,
                        json::array({{{"schema", kEnterpriseSchema}, {"required", false}}})),
                   type("Group", "/Groups", kGroupSchema, json::array())});
  return list_response(types, 2, 1);
}

json schemas(const std::string& base) {
  json user = json::array(
      {attribute("userName", "string", true, "readWrite", "server"),
       attribute("externalId", "string", false, "readWrite", "server"),
       complex("name",
               json::array({attribute("formatted", "string", false),
                            attribute("givenName", "string", false),
                            attribute("familyName", "string", false)}),
               false),
       attribute("displayName", "string", false), attribute("title", "string", false),
       attribute("preferredLanguage", "string", false), attribute("active", "boolean", false),
       complex("emails",
               json::array({attribute("value", "string", false), attribute("type", "string", false),
                            attribute("primary", "boolean", false)}),
               true)});
  json group =
      json::array({attribute("displayName", "string", true),
                   complex("members",
                           json::array({attribute("value", "string", false, "immutable"),
                                        attribute("display", "string", false, "readOnly")}),
                           true)});
  json enterprise = json::array({attribute("employeeNumber", "string", false)});
  json all = json::array(
      {schema(kUserSchema, "User", "A person of the municipality", user, base),
       schema(kGroupSchema, "Group", "A unit of the organisation; its members are its people",
              group, base),
       schema(kEnterpriseSchema, "EnterpriseUser",
              "Only employeeNumber is kept (the userName when none is sent)", enterprise, base)});
  return list_response(all, 3, 1);
}

}  // namespace scim
