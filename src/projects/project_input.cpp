#include "projects/project_input.hpp"

#include "core/ids.hpp"
#include "core/message.hpp"
#include "core/time.hpp"

namespace projects {

const MethodTemplate* parse_template_choice(core::Input& input,
                                            const std::vector<TenantTemplate>& available) {
  std::vector<std::string> keys;
  for (const auto& t : available) keys.push_back(t.method.key);
  auto key = input.required_choice("template", keys);
  for (const auto& t : available) {
    if (t.method.key == key) return &t.method;
  }
  return nullptr;
}

namespace {

// A text an update may clear: absent (or refused) leaves it, "" clears it. A value `valid`
// refuses fails the field with `problem`.
std::optional<std::optional<std::string>> clearable(core::Input& input, const std::string& key,
                                                    std::size_t max,
                                                    bool (*valid)(const std::string&) = nullptr,
                                                    const char* problem = "") {
  if (!input.has(key)) return std::nullopt;
  auto v = input.optional_text(key, max);
  if (!v) return std::nullopt;
  if (v->empty()) return std::optional<std::string>();
  if (valid && !valid(*v)) {
    input.fail(key, std::string(problem));
    return std::nullopt;
  }
  return v;
}

}  // namespace

ItemFields parse_item_fields(core::Input& input) {
  ItemFields f;
  f.status = input.optional_choice("status", kItemStatuses);
  f.responsible_id =
      clearable(input, "responsible_id", 64, core::looks_like_id, "is not a valid id");
  f.due_date =
      clearable(input, "due_date", 10, core::is_valid_date, "must be a date like 2026-03-31");
  f.evidence = clearable(input, "evidence", core::kTextMax);
  return f;
}

std::string decision_body(const std::string& kind) {
  return core::Message{"decision_body_" + kind}.stored();
}

GateDecision parse_gate_decision(core::Input& input, const core::AuthContext& who, bool gate,
                                 const std::string& body) {
  GateDecision d;
  if (gate) {
    d.to_phase = input.required_text("to_phase", 64);
    d.text = input.optional_text("decision", core::kTextMax).value_or("");
    d.open_items_reason = input.optional_text("open_items_reason", core::kTextMax).value_or("");
  } else {
    d.text = input.required_text("decision", core::kTextMax);
  }
  d.decided_on = input.optional_text("decided_on", 10).value_or("");
  if (d.decided_on.empty()) {
    d.decided_on = who.today();  // the tenant's day, not UTC's
  } else if (!core::is_valid_date(d.decided_on)) {
    input.fail("decided_on", "must be a date like 2026-03-31");
  }
  d.decided_by = input.optional_text("decided_by", core::kNameMax).value_or("");
  if (d.decided_by.empty()) d.decided_by = decision_body(body);
  if (input.has("links")) {
    nlohmann::json raw = input.raw()["links"];
    if (raw.is_string()) {  // a form: one address per line
      nlohmann::json lines = nlohmann::json::array();
      std::string line;
      for (char c : raw.get<std::string>() + "\n") {
        if (c != '\n') {
          if (c != '\r') line += c;
          continue;
        }
        auto b = line.find_first_not_of(" \t");
        if (b != std::string::npos)
          lines.push_back(line.substr(b, line.find_last_not_of(" \t") - b + 1));
        line.clear();
      }
      raw = lines;
    }
    if (!raw.is_array()) {
      input.fail("links", core::Message{"err.list_of_addresses"});
    } else {
      for (const auto& l : raw) {
        // Shown as links: only web addresses, never javascript: or data:.
        if (!l.is_string() || l.get<std::string>().size() > 2000 ||
            (l.get<std::string>().rfind("https://", 0) != 0 &&
             l.get<std::string>().rfind("http://", 0) != 0)) {
          input.fail("links", "must be web addresses starting with https:// or http://");
          break;
        }
        d.links.push_back(l.get<std::string>());
      }
    }
  }
  return d;
}

}  // namespace projects
