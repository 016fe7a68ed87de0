#include "http/openapi.hpp"

#include <map>
#include <mutex>
#include <regex>

namespace http {
namespace {

std::mutex& schema_mutex() {
  static std::mutex m;
  return m;
}
std::map<std::string, nlohmann::json>& schemas() {
  static std::map<std::string, nlohmann::json> s;
  return s;
}

nlohmann::json ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

nlohmann::json error_response(const std::string& description) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", ref("Error")}}}}}};
}

}  // namespace

void register_schema(const std::string& name, nlohmann::json schema) {
  std::lock_guard lock(schema_mutex());
  schemas()[name] = std::move(schema);
}

std::string operation_id(const Route& route) {
  // GET /api/v1/projects/{id}/wins (a list) → listProjectsWins; PATCH /api/v1/wins/{id} →
  // patchWinsById; POST /api/v1/kaizen-cards/{id}/move → postKaizenCardsMoveById.
  std::string verb = route.method;
  for (auto& c : verb) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (route.method == "GET" && route.doc.list) verb = "list";
  std::string name;
  std::string by;
  auto words = [](std::string_view text, std::string& out) {
    bool upper = true;
    for (char c : text) {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        upper = false;
      } else {
        upper = true;
      }
    }
  };
  std::string_view path = route.pattern;
  if (path.rfind("/api/v1", 0) == 0) path.remove_prefix(7);
  std::size_t at = 0;
  while (at < path.size()) {
    auto next = path.find('/', at + 1);
    auto segment = path.substr(
        at + 1, next == std::string_view::npos ? std::string_view::npos : next - at - 1);
    if (!segment.empty() && segment.front() == '{') {
      auto close = segment.find('}');
      by.clear();
      words(segment.substr(1, close - 1), by);
      words(segment.substr(close + 1), name);  // "{id}.ics" → Ics
    } else {
      words(segment, name);
      by.clear();
    }
    if (next == std::string_view::npos) break;
    at = next;
  }
  return verb + name + (by.empty() ? "" : "By" + by);
}

nlohmann::json openapi_document(const Router& router) {
  nlohmann::json doc = {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "fremdrift API"},
        {"version", "1"},
        {"description",
         "Improvement and change projects across units. Authenticate with the session cookie "
         "from POST /api/v1/session (state-changing requests then need X-CSRF-Token from GET "
         "/api/v1/me) or with a personal token as `Authorization: Bearer …`. Updates need the "
         "current version in If-Match or a `version` field; a stale one gives 409 with the "
         "current object. Lists page with `limit` (max 200) and `cursor`."}}},
      {"servers", nlohmann::json::array({{{"url", "/"}}})},
      {"paths", nlohmann::json::object()}};
  const std::regex param_re(R"(\{([a-z_]+)\})");
  for (const auto& route : router.routes()) {
    // The API, and the public routes that speak JSON (a citizen's signal, a survey answer).
    const bool documented =
        route.pattern.rfind("/api/v1", 0) == 0 ||
        !(route.doc.request_schema.empty() && route.doc.response_schema.empty());
    if (!documented) continue;
    nlohmann::json op = {
        {"summary", route.doc.summary},
        {"operationId", operation_id(route)},
        {"tags", nlohmann::json::array({route.doc.tag.empty() ? "misc" : route.doc.tag})}};
    nlohmann::json params = nlohmann::json::array();
    for (auto it = std::sregex_iterator(route.pattern.begin(), route.pattern.end(), param_re);
         it != std::sregex_iterator(); ++it) {
      params.push_back({{"name", (*it)[1].str()},
                        {"in", "path"},
                        {"required", true},
                        {"schema", {{"type", "string"}}}});
    }
    if (route.doc.list) {
      params.push_back({{"name", "limit"},
                        {"in", "query"},
                        {"schema", {{"type", "integer"}, {"minimum", 1}, {"maximum", 200}}}});
      params.push_back({{"name", "cursor"}, {"in", "query"}, {"schema", {{"type", "string"}}}});
    }
    if (route.method == "PATCH" || route.method == "PUT") {
      params.push_back({{"name", "If-Match"},
                        {"in", "header"},
                        {
                            "schema",
                            {{"type", "string"}},
                        },
                        {"description", "current version (or send `version` in the body)"}});
    }
    if (!params.empty()) op["parameters"] = params;
    if (!route.doc.request_schema.empty()) {
      op["requestBody"] = {
          {"required", true},
          {"content", {{"application/json", {{"schema", ref(route.doc.request_schema)}}}}}};
    }
    nlohmann::json ok = {{"description", "success"}};
    if (!route.doc.content_type.empty()) {
      ok["content"] = {{route.doc.content_type, {{"schema", {{"type", "string"}}}}}};
    } else if (!route.doc.response_schema.empty()) {
      nlohmann::json schema = ref(route.doc.response_schema);
      if (route.doc.list) {
        schema = {{"type", "object"},
                  {"properties",
                   {{"items", {{"type", "array"}, {"items", ref(route.doc.response_schema)}}},
                    {"next_cursor", {{"type", {"string", "null"}}}}}}};
      }
      ok["content"] = {{"application/json", {{"schema", schema}}}};
    }
    nlohmann::json responses = {{std::to_string(route.doc.success_status), ok}};
    responses["400"] = error_response("malformed request");
    if (route.access != Access::kPublic) {
      responses["401"] = error_response("not logged in");
      responses["403"] = error_response("role or CSRF token does not allow this");
      op["security"] = nlohmann::json::array(
          {{{"session", nlohmann::json::array()}}, {{"bearer", nlohmann::json::array()}}});
    } else {
      op["security"] = nlohmann::json::array();  // public: no login needed
    }
    if (!params.empty()) responses["404"] = error_response("not found in your tenant");
    if (route.method != "GET") {
      responses["409"] = error_response("stale version or duplicate");
      responses["422"] = error_response("a field is invalid; `fields` names it");
    }
    op["responses"] = responses;
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    doc["paths"][route.pattern][method] = op;
  }
  nlohmann::json components = {{"schemas", nlohmann::json::object()}};
  components["securitySchemes"] = {
      {"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "fremdrift_session"}}},
      {"bearer", {{"type", "http"}, {"scheme", "bearer"}}}};
  {
    std::lock_guard lock(schema_mutex());
    for (const auto& [name, schema] : schemas()) components["schemas"][name] = schema;
  }
  components["schemas"]["Error"] = {
      {"type", "object"},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"properties",
           {{"code", {{"type", "string"}}},
            {"message", {{"type", "string"}}},
            {"message_key",
             {{"type", "string"},
              {"description",
               "the catalogue key of message (i18n/<locale>.json), when it has one"}}},
            {"fields", {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}},
            {"field_keys",
             {{"type", "object"},
              {"additionalProperties", {{"type", "string"}}},
              {"description",
               "field → the catalogue key of its message, for those that have one"}}},
            {"current", {{"type", "object"}}}}}}}}}};
  doc["components"] = components;
  return doc;
}

nlohmann::json import_report_schema(nlohmann::json row_properties, nlohmann::json extra) {
  row_properties["row"] = {{"type", "integer"}, {"description", "line in the file; header is 1"}};
  row_properties["action"] = {{"enum", {"create", "update", "error"}}};
  row_properties["errors"] = {{"type", "object"},
                              {"additionalProperties", {{"type", "string"}}},
                              {"description", "column → message"}};
  nlohmann::json count = {{"type", "integer"}};
  nlohmann::json props = {
      {"dry_run", {{"type", "boolean"}}},
      {"imported", {{"type", "boolean"}}},
      {"summary",
       {{"type", "object"},
        {"properties", {{"create", count}, {"update", count}, {"error", count}}}}},
      {"rows",
       {{"type", "array"},
        {"description", "the first 100 rows, then only rows with errors (up to 100)"},
        {"items", {{"type", "object"}, {"properties", row_properties}}}}},
      {"rows_not_listed", count}};
  for (auto& [k, v] : extra.items()) props[k] = v;
  return {{"type", "object"}, {"properties", props}};
}

}  // namespace http
