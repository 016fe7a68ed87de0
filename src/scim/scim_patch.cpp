#include "scim/scim_patch.hpp"

#include <optional>

#include "core/errors.hpp"
#include "scim/scim_filter.hpp"

namespace scim {
namespace {

using nlohmann::json;

constexpr std::string_view kEnterprise =
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user";
constexpr std::string_view kEnterpriseKey =
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

[[noreturn]] void bad_path(const std::string& path) {
  throw core::BadRequest("the path \"" + path + "\" is not understood", "invalidPath");
}

// A path: [extension URN:]attribute[[filter]][.sub-attribute].
struct Path {
  bool extension = false;  // inside the enterprise extension's object
  std::string attribute;   // as written; empty: the extension object itself
  std::optional<Filter> filter;
  std::string sub;
};

Path parse_path(const std::string& text) {
  Path p;
  std::string rest = text;
  std::string lowered = lower(text);
  if (lowered.rfind(kEnterprise, 0) == 0) {
    p.extension = true;
    rest = text.substr(kEnterprise.size());
    if (!rest.empty() && rest.front() != ':') bad_path(text);
    if (!rest.empty()) rest.erase(0, 1);
    if (rest.empty()) return p;
  } else if (lowered.rfind("urn:", 0) == 0) {
    std::string key = attribute_key(text);
    if (key == lowered) bad_path(text);  // a schema fremdrift does not know
    rest = text.substr(text.size() - key.size());
  }
  auto bracket = rest.find('[');
  auto dot = rest.find('.');
  if (bracket != std::string::npos && (dot == std::string::npos || bracket < dot)) {
    p.attribute = rest.substr(0, bracket);
    // The closing bracket outside the filter's quoted value.
    bool quoted = false;
    std::size_t close = std::string::npos;
    for (std::size_t i = bracket + 1; i < rest.size(); ++i) {
      if (quoted && rest[i] == '\\') {
        ++i;
      } else if (rest[i] == '"') {
        quoted = !quoted;
      } else if (!quoted && rest[i] == ']') {
        close = i;
        break;
      }
    }
    if (close == std::string::npos) bad_path(text);
    p.filter = parse_filter(std::string_view(rest).substr(bracket + 1, close - bracket - 1));
    std::string after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != '.' || after.size() == 1) bad_path(text);
      p.sub = after.substr(1);
    }
  } else if (dot != std::string::npos) {
    p.attribute = rest.substr(0, dot);
    p.sub = rest.substr(dot + 1);
  } else {
    p.attribute = rest;
  }
  if (p.attribute.empty() || p.sub.find_first_of(".[]") != std::string::npos) bad_path(text);
  return p;
}

// The key `name` has in `object`, whatever its case; `name` itself when absent.
std::string key_in(const json& object, const std::string& name) {
  if (object.is_object()) {
    std::string wanted = lower(name);
    for (const auto& [key, value] : object.items()) {
      if (lower(key) == wanted) return key;
    }
  }
  return name;
}

bool same_value(const json& a, const json& b) {
  if (a.is_string() && b.is_string())
    return lower(a.get<std::string>()) == lower(b.get<std::string>());
  return a == b;
}

bool matches(const json& element, const Filter& filter) {
  if (!element.is_object()) return false;
  const json* found = member(element, filter.attribute);
  return found != nullptr && same_value(*found, filter.value);
}

// An object's attributes given in `value` written over `target`'s.
void merge(json& target, const json& value) {
  for (const auto& [key, v] : value.items()) target[key_in(target, key)] = v;
}

void set(json& slot, const json& value, bool add) {
  if (add && slot.is_array() && value.is_array()) {
    for (const auto& v : value) {
      bool present = false;
      for (const auto& have : slot) present = present || have == v;
      if (!present) slot.push_back(v);
    }
  } else if (slot.is_object() && value.is_object()) {
    merge(slot, value);
  } else {
    slot = value;
  }
}

void apply_one(json& resource, const std::string& op, const Path& path, const json& value) {
  json* container = &resource;
  if (path.extension) {
    std::string ext = key_in(resource, std::string(kEnterpriseKey));
    if (!resource.contains(ext)) {
      if (op == "remove") return;
      resource[ext] = json::object();
    }
    container = &resource[ext];
    if (path.attribute.empty()) {
      if (op == "remove") {
        resource.erase(ext);
      } else if (value.is_object()) {
        merge(*container, value);
      } else {
        bad_path(std::string(kEnterpriseKey));
      }
      return;
    }
  }
  if (!container->is_object()) bad_path(path.attribute);
  std::string key = key_in(*container, path.attribute);
  const bool remove = op == "remove";
  if (!path.filter) {
    if (remove) {
      if (!container->contains(key)) return;
      json& slot = (*container)[key];
      if (!path.sub.empty()) {
        if (slot.is_object()) slot.erase(key_in(slot, path.sub));
      } else if (slot.is_array() && value.is_array()) {
        // Entra ID removes members as {"path":"members","value":[{"value":"id"}]}.
        json kept = json::array();
        for (const auto& element : slot) {
          bool listed = false;
          for (const auto& v : value) {
            const json* id = v.is_object() ? member(v, "value") : nullptr;
            const json* have = element.is_object() ? member(element, "value") : nullptr;
            listed = listed || element == v || (id && have && same_value(*id, *have));
          }
          if (!listed) kept.push_back(element);
        }
        slot = kept;
      } else {
        container->erase(key);
      }
      return;
    }
    json& slot = (*container)[key];
    if (path.sub.empty()) {
      set(slot, value, op == "add");
    } else if (slot.is_array()) {
      // A sub-attribute of a multi-valued attribute without a filter: its primary value.
      if (slot.empty()) slot.push_back(json::object());
      json* target = &slot.front();
      for (auto& element : slot) {
        const json* primary = element.is_object() ? member(element, "primary") : nullptr;
        if (primary && *primary == true) target = &element;
      }
      (*target)[key_in(*target, path.sub)] = value;
    } else {
      if (!slot.is_object()) slot = json::object();
      set(slot[key_in(slot, path.sub)], value, op == "add");
    }
    return;
  }
  json& slot = (*container)[key];
  if (slot.is_null()) slot = json::array();
  if (!slot.is_array()) bad_path(path.attribute);
  if (remove) {
    json kept = json::array();
    for (auto& element : slot) {
      if (!matches(element, *path.filter)) {
        kept.push_back(element);
      } else if (!path.sub.empty()) {
        element.erase(key_in(element, path.sub));
        kept.push_back(element);
      }
    }
    slot = kept;
    return;
  }
  bool found = false;
  for (auto& element : slot) {
    if (!matches(element, *path.filter)) continue;
    found = true;
    if (path.sub.empty()) {
      set(element, value, false);
    } else {
      element[key_in(element, path.sub)] = value;
    }
  }
  if (!found) {
    // Replacing `emails[type eq "work"].value` when there is no work address adds one.
    json element = {{path.filter->attribute, path.filter->value}};
    if (path.sub.empty()) {
      if (value.is_object()) merge(element, value);
    } else {
      element[path.sub] = value;
    }
    slot.push_back(element);
  }
}

}  // namespace

const json* member(const json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  std::string wanted = lower(name);
  for (const auto& [key, value] : object.items()) {
    if (lower(key) == wanted) return &value;
  }
  return nullptr;
}

json apply_patch(json resource, const json& request) {
  const json* operations = member(request, "Operations");
  if (operations == nullptr || !operations->is_array()) {
    throw core::BadRequest("a PatchOp needs an Operations list", "invalidSyntax");
  }
  for (const auto& operation : *operations) {
    const json* op_value = member(operation, "op");
    if (op_value == nullptr || !op_value->is_string()) {
      throw core::BadRequest("every operation needs an op", "invalidSyntax");
    }
    std::string op = lower(op_value->get<std::string>());
    if (op != "add" && op != "replace" && op != "remove") {
      throw core::BadRequest("op must be add, replace or remove", "invalidSyntax");
    }
    const json* path = member(operation, "path");
    const json* value = member(operation, "value");
    json given = value ? *value : json();
    if (path != nullptr && path->is_string() && !path->get<std::string>().empty()) {
      if (op != "remove" && value == nullptr) {
        throw core::BadRequest("add and replace need a value", "invalidSyntax");
      }
      apply_one(resource, op, parse_path(path->get<std::string>()), given);
      continue;
    }
    if (op == "remove") throw core::BadRequest("remove needs a path", "noTarget");
    if (!given.is_object()) {
      throw core::BadRequest("an operation without a path needs an object as its value",
                             "invalidSyntax");
    }
    for (const auto& [key, v] : given.items()) {
      if (lower(key) == "schemas") continue;
      apply_one(resource, op, parse_path(key), v);
    }
  }
  return resource;
}

}  // namespace scim
