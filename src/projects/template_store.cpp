#include "projects/template_store.hpp"

#include <regex>
#include <set>
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/write_tx.hpp"

namespace projects {
namespace {

using nlohmann::json;

// A tenant's own template as its row keeps it: the key names it; the id and the time it was
// made are only written (bound from the call).
struct StoredTemplate {
  std::string template_key;
  std::string definition;
  std::optional<std::string> based_on;
  long long version = 1;
  std::string updated_at;
};

const db::Columns<StoredTemplate>& columns() {
  static const auto c = db::Columns<StoredTemplate>("method_templates", {"tenant_id"})
                            .bound("id")
                            .bound("created_at")
                            .text("template_key", &StoredTemplate::template_key, db::Write::kKey)
                            .text("definition", &StoredTemplate::definition)
                            .text("based_on", &StoredTemplate::based_on, db::Write::kOnce)
                            .version(&StoredTemplate::version)
                            .text("updated_at", &StoredTemplate::updated_at);
  return c;
}

const std::string kSelectAll = columns().select_sql() + " ORDER BY template_key";

TenantTemplate from_row(const StoredTemplate& row) {
  // Stored definitions were validated on the way in; the key column is the truth.
  json definition = json::parse(row.definition);
  definition["key"] = row.template_key;
  return {parse_template(definition, false), false, row.based_on, row.version, row.updated_at};
}

// Gives items without a key one that is unique in the template, so an edit can
// add items by text alone.
json with_item_keys(json definition) {
  std::set<std::string> used;
  for (const auto& phase : definition.value("phases", json::array()))
    for (const auto& item : phase.value("items", json::array()))
      if (item.contains("key") && item["key"].is_string()) used.insert(item["key"]);
  if (!definition.contains("phases") || !definition["phases"].is_array()) return definition;
  for (auto& phase : definition["phases"]) {
    if (!phase.is_object() || !phase.contains("items") || !phase["items"].is_array()) continue;
    std::string prefix = phase.value("key", std::string("item"));
    int n = 0;
    for (auto& item : phase["items"]) {
      if (!item.is_object() || (item.contains("key") && item["key"].is_string())) continue;
      std::string key;
      do key = prefix + "-own-" + std::to_string(++n);
      while (used.count(key) != 0);
      used.insert(key);
      item["key"] = key;
    }
  }
  return definition;
}

MethodTemplate checked(const json& definition, const std::string& key) {
  if (!definition.is_object()) throw core::ValidationError("definition", "must be an object");
  json d = with_item_keys(definition);
  d["key"] = key;
  try {
    return parse_template(d, false);
  } catch (const std::invalid_argument& e) {
    throw core::ValidationError("definition", e.what());
  } catch (const json::exception&) {
    throw core::ValidationError("definition",
                                "needs name, and phases with key, name and items with text");
  }
}

}  // namespace

json to_json(const TenantTemplate& t) {
  json j = to_json(t.method);
  j["shipped"] = t.shipped;
  j["based_on"] = t.based_on ? json(*t.based_on) : json();
  j["version"] = t.version;
  return j;
}

std::string template_key_problem(const std::string& key) {
  static const std::regex kPattern("[a-z0-9][a-z0-9-]{1,39}");
  if (!std::regex_match(key, kPattern))
    return "must be 2 to 40 lower-case letters, digits or dashes";
  if (find_template(key) != nullptr) return "is the key of a shipped template";
  return "";
}

std::vector<TenantTemplate> TemplateStore::all() {
  std::vector<TenantTemplate> out;
  for (const auto& m : shipped_templates()) out.push_back({m});
  for (const auto& row :
       columns().read_all(db::query(sql_, kSelectAll, {{"tenant_id", tenant_id_}})))
    out.push_back(from_row(row));
  return out;
}

std::optional<TenantTemplate> TemplateStore::own(const std::string& key) {
  auto row = columns().find(sql_, {{"tenant_id", tenant_id_}, {"template_key", key}});
  if (!row) return std::nullopt;
  return from_row(*row);
}

TenantTemplate TemplateStore::get(const std::string& key) {
  if (const auto* m = find_template(key)) return {*m};
  if (auto t = own(key)) return *t;
  throw core::NotFound("no method template with key " + key);
}

TenantTemplate TemplateStore::copy(const core::AuthContext* who, const std::string& from_key,
                                   const std::string& new_key,
                                   const std::optional<std::string>& name) {
  TenantTemplate from = get(from_key);
  if (auto problem = template_key_problem(new_key); !problem.empty())
    throw core::ValidationError("key", problem);
  db::WriteTx tx(sql_);
  if (own(new_key)) throw core::ValidationError("key", "is already used by another template");
  json definition = to_json(from.method);
  definition["key"] = new_key;
  if (name) definition["name"] = {{"da", *name}, {"sv", *name}, {"en", *name}};
  const std::string now = core::now_iso();
  const std::string id = core::new_id();
  const StoredTemplate row{new_key, definition.dump(), from_key, 1, now};
  db::execute(sql_, columns().insert_sql(),
              columns().args(row, {{"tenant_id", tenant_id_}, {"id", id}, {"created_at", now}}));
  TenantTemplate created{parse_template(definition, false), false, from_key, 1, now};
  audit::record(sql_, tenant_id_, who, "method_template", new_key, "create", nullptr,
                {{"key", new_key}, {"based_on", from_key}});
  tx.commit();
  return created;
}

TenantTemplate TemplateStore::update(const core::AuthContext* who, const std::string& key,
                                     long long expected_version, const json& definition) {
  if (find_template(key) != nullptr)
    throw core::Forbidden("the shipped templates cannot be changed; make a copy and edit that");
  db::WriteTx tx(sql_);
  auto before = own(key);
  if (!before) throw core::NotFound("no method template with key " + key);
  if (before->version != expected_version)
    throw core::Conflict("the template was changed by someone else", to_json(*before));
  MethodTemplate method = checked(definition, key);
  TenantTemplate after = *before;
  after.method = method;
  after.version = before->version + 1;
  after.updated_at = core::now_iso();
  const StoredTemplate row{key, to_json(method).dump(), {}, after.version, after.updated_at};
  auto st_changed =
      db::execute(sql_, columns().update_sql(),
                  columns().args(row, {{"tenant_id", tenant_id_}, {"expected", before->version}}));
  if (st_changed != 1)
    throw core::Conflict("the template was changed by someone else", to_json(*before));
  audit::record(sql_, tenant_id_, who, "method_template", key, "update", to_json(*before),
                to_json(after));
  tx.commit();
  return after;
}

void TemplateStore::remove(const core::AuthContext* who, const std::string& key) {
  if (find_template(key) != nullptr)
    throw core::Forbidden("the shipped templates cannot be changed; make a copy and edit that");
  db::WriteTx tx(sql_);
  auto before = own(key);
  if (!before) throw core::NotFound("no method template with key " + key);
  db::execute(sql_, columns().delete_sql(), {{"tenant_id", tenant_id_}, {"template_key", key}});
  audit::record(sql_, tenant_id_, who, "method_template", key, "delete", to_json(*before), nullptr);
  tx.commit();
}

}  // namespace projects
