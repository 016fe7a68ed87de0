#include "audit/audit_store.hpp"

#include <string_view>

#include "audit/audit.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/row.hpp"

namespace audit {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO audit_log (tenant_id, id, account_id, person_id, actor_name, at, entity, "
    "entity_id, action, changes) VALUES (:tenant_id, :id, :account_id, :person_id, :actor_name, "
    ":at, :entity, :entity_id, :action, :changes)";

constexpr std::string_view kList =
    "SELECT id, account_id, person_id, actor_name, at, entity, entity_id, action, changes "
    "FROM audit_log WHERE tenant_id = :tenant_id AND (:entity_a = '' OR entity = :entity_b) "
    "AND (:before_a = '' OR id < :before_b) ORDER BY id DESC LIMIT :lim";

constexpr std::string_view kUnitName =
    "SELECT name FROM units WHERE tenant_id = :tenant_id AND id = :id";
constexpr std::string_view kPersonName =
    "SELECT name FROM people WHERE tenant_id = :tenant_id AND id = :id";

}  // namespace

std::optional<std::string> display_name(soci::session& sql, const std::string& tenant_id,
                                        const std::string& id) {
  if (id.empty()) return std::nullopt;
  for (auto query : {kUnitName, kPersonName}) {
    std::string name;
    soci::indicator ind = soci::i_null;
    sql << query, soci::use(tenant_id, "tenant_id"), soci::use(id, "id"), soci::into(name, ind);
    if (sql.got_data() && ind == soci::i_ok) return name;
  }
  return std::nullopt;
}

void record(soci::session& sql, const std::string& tenant_id, const core::AuthContext* who,
            const std::string& entity, const std::string& entity_id, const std::string& action,
            const nlohmann::json& before, const nlohmann::json& after) {
  std::string id = core::new_id();
  std::string at = core::now_iso();
  db::NullableText account(who ? std::optional<std::string>(who->account_id) : std::nullopt);
  db::NullableText person(who ? std::optional<std::string>(who->person_id) : std::nullopt);
  std::string actor = who ? who->name : "system";
  std::string changes = diff(before, after).dump();
  sql << kInsert, soci::use(tenant_id, "tenant_id"), soci::use(id, "id"),
      soci::use(account.value, account.ind, "account_id"),
      soci::use(person.value, person.ind, "person_id"), soci::use(actor, "actor_name"),
      soci::use(at, "at"), soci::use(entity, "entity"), soci::use(entity_id, "entity_id"),
      soci::use(action, "action"), soci::use(changes, "changes");
}

nlohmann::json list_entries(soci::session& sql, const std::string& tenant_id,
                            const std::string& entity, const std::string& before_id, int limit) {
  nlohmann::json items = nlohmann::json::array();
  int lim = limit + 1;
  soci::rowset<soci::row> rows =
      (sql.prepare << kList, soci::use(tenant_id, "tenant_id"), soci::use(entity, "entity_a"),
       soci::use(entity, "entity_b"), soci::use(before_id, "before_a"),
       soci::use(before_id, "before_b"), soci::use(lim, "lim"));
  for (const auto& r : rows) {
    items.push_back(
        {{"id", db::text(r, "id")},
         {"account_id", db::opt_text(r, "account_id") ? nlohmann::json(db::text(r, "account_id"))
                                                      : nlohmann::json()},
         {"person_id", db::opt_text(r, "person_id") ? nlohmann::json(db::text(r, "person_id"))
                                                    : nlohmann::json()},
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
