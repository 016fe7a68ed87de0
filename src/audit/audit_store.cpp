#include "audit/audit_store.hpp"

#include <string>
#include <string_view>
#include <utility>

#include "audit/audit.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/query.hpp"

namespace audit {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO audit_log (tenant_id, id, account_id, person_id, actor_name, at, entity, "
    "entity_id, action, changes) VALUES (:tenant_id, :id, :account_id, :person_id, :actor_name, "
    ":at, :entity, :entity_id, :action, :changes)";

constexpr std::string_view kList =
    "SELECT id, account_id, person_id, actor_name, at, entity, entity_id, action, changes "
    "FROM audit_log WHERE tenant_id = :tenant_id AND (:entity = '' OR entity = :entity) "
    "AND (:before = '' OR id < :before) ORDER BY id DESC LIMIT :lim";

// The things a change log names by id (a field's value, an entry's subject) with the column
// that names each: one statement of index lookups, since ids are unique across tables.
const std::string kNameOfId = [] {
  const std::pair<const char*, const char*> named[] = {{"units", "name"},
                                                       {"people", "name"},
                                                       {"projects", "title"},
                                                       {"meetings", "title"},
                                                       {"training_classes", "title"},
                                                       {"benefits", "title"},
                                                       {"risks", "title"},
                                                       {"kpis", "name"},
                                                       {"work_packages", "title"},
                                                       {"actions", "task"},
                                                       {"stakeholders", "name"},
                                                       {"surveys", "title"},
                                                       {"arenas", "title"},
                                                       {"status_reports", "title"}};
  std::string sql;
  for (const auto& [table, column] : named) {
    if (!sql.empty()) sql += " UNION ALL ";
    sql += std::string("SELECT ") + column + " AS name FROM " + table +
           " WHERE tenant_id = :tenant_id AND id = :id";
  }
  return sql + " LIMIT 1";
}();

}  // namespace

std::optional<std::string> display_name(soci::session& sql, const std::string& tenant_id,
                                        const std::string& id) {
  if (id.empty()) return std::nullopt;
  auto rows = db::query(sql, kNameOfId, {{"tenant_id", tenant_id}, {"id", id}});
  if (!rows.empty() && !rows[0].is_null("name")) return db::text(rows[0], "name");
  return std::nullopt;
}

void record(soci::session& sql, const std::string& tenant_id, const core::AuthContext* who,
            const std::string& entity, const std::string& entity_id, const std::string& action,
            const nlohmann::json& before, const nlohmann::json& after) {
  std::optional<std::string> account, person;
  if (who) {
    account = who->account_id;
    person = who->person_id;
  }
  db::execute(sql, kInsert,
              {{"tenant_id", tenant_id},
               {"id", core::new_id()},
               {"account_id", account},
               {"person_id", person},
               {"actor_name", who ? who->name : std::string("system")},
               {"at", core::now_iso()},
               {"entity", entity},
               {"entity_id", entity_id},
               {"action", action},
               {"changes", diff(before, after).dump()}});
}

nlohmann::json list_entries(soci::session& sql, const std::string& tenant_id,
                            const std::string& entity, const std::string& before_id, int limit) {
  nlohmann::json items = nlohmann::json::array();
  auto rows = db::query(
      sql, kList,
      {{"tenant_id", tenant_id}, {"entity", entity}, {"before", before_id}, {"lim", limit + 1}});
  auto opt = [](const db::Row& r, std::string_view column) {
    auto v = db::opt_text(r, column);
    return v ? nlohmann::json(*v) : nlohmann::json();
  };
  for (const auto& r : rows) {
    items.push_back({{"id", db::text(r, "id")},
                     {"account_id", opt(r, "account_id")},
                     {"person_id", opt(r, "person_id")},
                     {"actor", db::text(r, "actor_name")},
                     {"at", db::text(r, "at")},
                     {"entity", db::text(r, "entity")},
                     {"entity_id", db::text(r, "entity_id")},
                     {"action", db::text(r, "action")},
                     {"changes", nlohmann::json::parse(db::text(r, "changes"), nullptr, false)}});
  }
  return items;
}

}  // namespace audit
