#pragma once

#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/input.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"

namespace kit {

// A list of texts from a JSON array of strings or, from a form, one item per line; blank
// lines are dropped. nullopt (and the field failed) when it is neither, a line is longer than
// `item_max` or there are more than `max_items`.
inline std::optional<std::vector<std::string>> read_lines(core::Input& in, const std::string& key,
                                                          std::size_t item_max,
                                                          std::size_t max_items) {
  const auto& raw = in.raw()[key];
  std::vector<std::string> items;
  if (raw.is_array()) {
    for (const auto& v : raw) {
      if (!v.is_string()) {
        in.fail(key, core::Message{"err.list_of_texts"});
        return std::nullopt;
      }
      items.push_back(v.get<std::string>());
    }
  } else if (raw.is_string()) {
    std::istringstream text(raw.get<std::string>());
    for (std::string line; std::getline(text, line);) items.push_back(line);
  } else if (!raw.is_null()) {
    in.fail(key, core::Message{"err.list_of_texts"});
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : items) {
    core::Input one(nlohmann::json{{"v", item}});
    auto text = one.optional_text("v", item_max);
    if (!one.ok()) {
      in.fail(key, core::Message{"err.line_too_long", {{"max", item_max}}});
      return std::nullopt;
    }
    if (text && !text->empty()) out.push_back(*text);
  }
  if (out.size() > max_items) {
    in.fail(key, core::Message{"err.too_many_lines", {{"max", max_items}}});
    return std::nullopt;
  }
  return out;
}

// A resource's fields, named once: the table parses and checks input (API JSON or a
// form), applies a partial update, writes the JSON and describes both in OpenAPI.
//
//   Fields<Win> f;
//   f.id(&Win::id).parent(&Win::project_id)
//    .text("text", &Win::text, {.required = true, .max = 500})
//    .choice("kind", &Win::kind, kKinds)
//    .date("happened_on", &Win::happened_on, {.describe = "default today"})
//    .check([](const Win& w, core::Input& in) { … cross-field rules … });
//
// Output-only fields (id, version, timestamps) are written but never read. The typed fields
// are also the columns of the table that keeps T (`columns()`), under the same names.
template <typename T>
class Fields {
 public:
  struct Rule {
    bool required = false;  // on create; an update may leave it out
    std::size_t max = core::kNameMax;
    std::string describe;  // for the OpenAPI document
    bool output_only = false;
    db::Write write = db::Write::kAlways;  // how the field's column is written
    bool stored = true;                    // false: no column of T's table
    std::string column;                    // the column's name, when it is not the field's
  };

  Fields& id(std::string T::*member) {
    output("id", member, "string");
    return column([member](db::Columns<T>& c) { c.id(member); });
  }
  Fields& parent(std::string T::*member, std::string name = "project_id") {
    output(name, member, "string");
    return column([member, name](db::Columns<T>& c) { c.parent(member, name); });
  }
  Fields& version(long long T::*member) {
    add({"version",
         true,
         false,
         {{"type", "integer"},
          {"description",
           "send it back with an update; a stale one gets 409 with the current "
           "object"}},
         nullptr,
         [member](const T& t, nlohmann::json& out) { out["version"] = t.*member; }});
    return column([member](db::Columns<T>& c) { c.version(member); });
  }
  // A versioned object's bookkeeping, written but never read: its version and when it was
  // made and last changed.
  Fields& stamps() {
    version(&T::version);
    output("created_at", &T::created_at);
    output("updated_at", &T::updated_at);
    return column([](db::Columns<T>& c) {
      c.text("created_at", &T::created_at, db::Write::kOnce).text("updated_at", &T::updated_at);
    });
  }
  Fields& output(std::string name, std::string T::*member, const std::string& type = "string") {
    auto key = name;
    add({std::move(name),
         true,
         false,
         {{"type", type}},
         nullptr,
         [member, key](const T& t, nlohmann::json& out) { out[key] = t.*member; }});
    return *this;
  }
  // A value computed for output only ("automatic": true).
  Fields& computed(std::string name, nlohmann::json schema,
                   std::function<nlohmann::json(const T&)> value) {
    auto key = name;
    add({std::move(name), true, false, std::move(schema), nullptr,
         [value, key](const T& t, nlohmann::json& out) { out[key] = value(t); }});
    return *this;
  }

  Fields& text(std::string name, std::string T::*member, Rule rule = {}) {
    auto key = name;
    add({std::move(name), rule.output_only, rule.required,
         described({{"type", "string"}, {"maxLength", rule.max}}, rule),
         [member, key, rule](core::Input& in, T& t) {
           t.*member = rule.required ? in.required_text(key, rule.max)
                                     : in.optional_text(key, rule.max).value_or("");
         },
         [member, key](const T& t, nlohmann::json& out) { out[key] = t.*member; }});
    return stored(rule, [member, key, rule](db::Columns<T>& c) {
      c.text(rule.column.empty() ? key : rule.column, member, rule.write);
    });
  }
  // Absent, null or "" clears it.
  Fields& optional_text(std::string name, std::optional<std::string> T::*member, Rule rule = {}) {
    auto key = name;
    add({std::move(name), rule.output_only, false,
         described({{"type", {"string", "null"}}, {"maxLength", rule.max}}, rule),
         [member, key, rule](core::Input& in, T& t) {
           auto v = in.optional_text(key, rule.max);
           t.*member = v && !v->empty() ? v : std::nullopt;
         },
         [member, key](const T& t, nlohmann::json& out) {
           out[key] = t.*member ? nlohmann::json(*(t.*member)) : nlohmann::json();
         }});
    return stored(rule, [member, key, rule](db::Columns<T>& c) {
      c.text(rule.column.empty() ? key : rule.column, member, rule.write);
    });
  }
  Fields& choice(std::string name, std::string T::*member, std::vector<std::string> allowed,
                 Rule rule = {}) {
    auto key = name;
    add({std::move(name), rule.output_only, rule.required, described({{"enum", allowed}}, rule),
         [member, key, allowed, rule](core::Input& in, T& t) {
           // An empty select in a form means "not chosen": the default stays.
           const auto& raw = in.raw();
           if (!rule.required && raw.contains(key) && raw[key].is_string() &&
               raw[key].get<std::string>().empty())
             return;
           if (rule.required) {
             t.*member = in.required_choice(key, allowed);
           } else if (auto v = in.optional_choice(key, allowed)) {
             t.*member = *v;
           }
         },
         [member, key](const T& t, nlohmann::json& out) { out[key] = t.*member; }});
    return stored(rule, [member, key, rule](db::Columns<T>& c) {
      c.text(rule.column.empty() ? key : rule.column, member, rule.write);
    });
  }
  // YYYY-MM-DD; an empty value leaves the default the store fills in.
  Fields& date(std::string name, std::string T::*member, Rule rule = {}) {
    auto key = name;
    add({std::move(name), rule.output_only, rule.required,
         described({{"type", "string"}, {"format", "date"}}, rule),
         [member, key, rule](core::Input& in, T& t) {
           auto v =
               rule.required ? std::optional(in.required_text(key, 10)) : in.optional_text(key, 10);
           if (!v) return;
           if (!v->empty() && !core::is_valid_date(*v)) {
             in.fail(key, core::Message{"err.date"});
             return;
           }
           t.*member = *v;
         },
         [member, key](const T& t, nlohmann::json& out) { out[key] = t.*member; }});
    return stored(rule, [member, key, rule](db::Columns<T>& c) {
      c.text(rule.column.empty() ? key : rule.column, member, rule.write);
    });
  }
  // A number: JSON, or text with a decimal comma or point (core::parse_decimal); absent,
  // null or "" clears it.
  Fields& number(std::string name, std::optional<double> T::*member, Rule rule = {}) {
    auto key = name;
    add({std::move(name), rule.output_only, false, described({{"type", {"number", "null"}}}, rule),
         [member, key](core::Input& in, T& t) { t.*member = in.optional_number(key); },
         [member, key](const T& t, nlohmann::json& out) {
           out[key] = t.*member ? nlohmann::json(*(t.*member)) : nlohmann::json();
         }});
    return stored(rule, [member, key, rule](db::Columns<T>& c) {
      c.real(rule.column.empty() ? key : rule.column, member, rule.write);
    });
  }
  Fields& integer(std::string name, long long T::*member, long long min, long long max,
                  Rule rule = {}) {
    auto key = name;
    add({std::move(name), rule.output_only, rule.required,
         described({{"type", "integer"}, {"minimum", min}, {"maximum", max}}, rule),
         [member, key, min, max, rule](core::Input& in, T& t) {
           auto v = in.optional_int(key, min, max);
           if (v) {
             t.*member = *v;
           } else if (rule.required && in.ok()) {
             in.fail(key, core::Message{"err.required"});
           }
         },
         [member, key](const T& t, nlohmann::json& out) { out[key] = t.*member; }});
    return stored(rule, [member, key, rule](db::Columns<T>& c) {
      c.integer(rule.column.empty() ? key : rule.column, member, rule.write);
    });
  }
  // true/false; a form's checkbox: "on" when ticked.
  Fields& boolean(std::string name, bool T::*member, Rule rule = {}) {
    auto key = name;
    add({std::move(name), rule.output_only, false, described({{"type", "boolean"}}, rule),
         [member, key](core::Input& in, T& t) {
           if (auto v = in.optional_bool(key)) t.*member = *v;
         },
         [member, key](const T& t, nlohmann::json& out) { out[key] = t.*member; }});
    return stored(rule, [member, key, rule](db::Columns<T>& c) {
      c.integer(rule.column.empty() ? key : rule.column, member, rule.write);
    });
  }

  // A list of texts: a JSON array of strings or, from a form, one item per line; blank
  // items are left out, null empties it.
  Fields& lines(std::string name, std::vector<std::string> T::*member, std::size_t item_max,
                std::size_t max_items, Rule rule = {}) {
    auto key = name;
    add({std::move(name), rule.output_only, rule.required,
         described({{"type", "array"},
                    {"items", {{"type", "string"}, {"maxLength", item_max}}},
                    {"maxItems", max_items}},
                   rule),
         [member, key, item_max, max_items](core::Input& in, T& t) {
           if (auto v = read_lines(in, key, item_max, max_items)) t.*member = std::move(*v);
         },
         [member, key](const T& t, nlohmann::json& out) { out[key] = t.*member; }});
    return stored(rule, [member, key, rule](db::Columns<T>& c) {
      c.text_list(rule.column.empty() ? key : rule.column, member, rule.write);
    });
  }

  // A field the kinds above do not cover (a list, a place asked for): `read` parses it
  // when the input names it, `write` puts it into the JSON; `schema` describes it.
  Fields& custom(std::string name, nlohmann::json schema,
                 std::function<void(core::Input&, T&)> read,
                 std::function<void(const T&, nlohmann::json&)> write, Rule rule = {}) {
    add({std::move(name), rule.output_only, rule.required, described(std::move(schema), rule),
         std::move(read), std::move(write)});
    return *this;
  }

  // A field the input gives and the output never shows (a file to import, the object to
  // copy), read by `read`; it is in the input schema only.
  Fields& input(std::string name, nlohmann::json schema, std::function<void(core::Input&, T&)> read,
                Rule rule = {}) {
    add({std::move(name), false, rule.required, described(std::move(schema), rule), std::move(read),
         nullptr});
    return *this;
  }

  // Rules that look at several fields; run after every field was read.
  Fields& check(std::function<void(const T&, core::Input&)> rule) {
    checks_.push_back(std::move(rule));
    return *this;
  }

  // A new object: defaults from `start`, then every field the input names.
  T parse_new(core::Input& in, T start = {}) const {
    for (const auto& f : fields_)
      if (f.read && (f.required || in.has(f.name))) f.read(in, start);
    for (const auto& c : checks_) c(start, in);
    in.check();
    return start;
  }
  // A partial update: only the fields the input names change.
  T apply(core::Input& in, T current) const {
    for (const auto& f : fields_)
      if (f.read && in.has(f.name)) f.read(in, current);
    for (const auto& c : checks_) c(current, in);
    in.check();
    return current;
  }
  nlohmann::json to_json(const T& t) const {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& f : fields_)
      if (f.write) f.write(t, out);
    return out;
  }
  // The fields as typed text for a form that is shown again.
  nlohmann::json form_values(const T& t) const {
    nlohmann::json out = to_json(t);
    for (auto& [k, v] : out.items())
      if (v.is_null()) v = "";
    return out;
  }
  // The table that keeps T: a column for each stored field, in the fields' order, written as
  // its Rule says. A store adds the columns the API does not show.
  db::Columns<T> columns(std::string table, std::vector<std::string> scope = {"tenant_id"}) const {
    db::Columns<T> c(std::move(table), std::move(scope));
    for (const auto& f : fields_)
      if (f.column) f.column(c);
    return c;
  }
  // OpenAPI: the object as the API writes it, and as a create or update reads it.
  nlohmann::json schema() const {
    nlohmann::json props = nlohmann::json::object();
    for (const auto& f : fields_)
      if (f.write) props[f.name] = f.schema;
    return {{"type", "object"}, {"properties", props}};
  }
  nlohmann::json input_schema() const {
    nlohmann::json props = nlohmann::json::object();
    nlohmann::json required = nlohmann::json::array();
    for (const auto& f : fields_) {
      if (!f.read) continue;
      props[f.name] = f.schema;
      if (f.required) required.push_back(f.name);
    }
    nlohmann::json s = {{"type", "object"}, {"properties", props}};
    if (!required.empty()) s["required"] = required;
    return s;
  }

 private:
  struct Field {
    std::string name;
    bool output_only = false;
    bool required = false;
    nlohmann::json schema;
    std::function<void(core::Input&, T&)> read;            // null: output only
    std::function<void(const T&, nlohmann::json&)> write;  // null: input only
    std::function<void(db::Columns<T>&)> column;           // null: not a column of T's table
  };
  // The last field is kept in the column `add` adds to T's table.
  Fields& column(std::function<void(db::Columns<T>&)> add) {
    fields_.back().column = std::move(add);
    return *this;
  }
  Fields& stored(const Rule& rule, std::function<void(db::Columns<T>&)> add) {
    return rule.stored ? column(std::move(add)) : *this;
  }
  static nlohmann::json described(nlohmann::json schema, const Rule& rule) {
    if (!rule.describe.empty()) schema["description"] = rule.describe;
    return schema;
  }
  void add(Field f) {
    if (f.output_only) f.read = nullptr;
    fields_.push_back(std::move(f));
  }

  std::vector<Field> fields_;
  std::vector<std::function<void(const T&, core::Input&)>> checks_;
};

}  // namespace kit
