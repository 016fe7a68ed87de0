#include "audit/audit_store.hpp"

#include <string_view>

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

constexpr std::string_view kUnitName =
    "SELECT name FROM units WHERE tenant_id = :tenant_id AND id = :id";
constexpr std::string_view kPersonName =
    "SELECT name FROM people WHERE tenant_id = :tenant_id AND id = :id";
constexpr std::string_view kProjectName =
    "SELECT title AS name FROM projects WHERE tenant_id = :tenant_id AND id = :id";
constexpr std::string_view kMeetingName =
    "SELECT title AS name FROM meetings WHERE tenant_id = :tenant_id AND id = :id";
constexpr std::string_view kTrainingName =
    "SELECT title AS name FROM training_classes WHERE tenant_id = :tenant_id AND id = :id";

}  // namespace

std::optional<std::string> display_name(soci::session& sql, const std::string& tenant_id,
                                        const std::string& id) {
  if (id.empty()) return std::nullopt;
  for (auto query : {kUnitName, kPersonName, kProjectName, kMeetingName, kTrainingName}) {
    auto rows = db::query(sql, query, {{"tenant_id", tenant_id}, {"id", id}});
    if (!rows.empty() && !rows[0].is_null("name")) return db::text(rows[0], "name");
  }
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
