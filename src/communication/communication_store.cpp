#include "communication/communication_store.hpp"

#include <cstdint>
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/field_errors.hpp"
#include "core/found.hpp"
#include "db/columns.hpp"
#include "db/write_tx.hpp"
#include "kit/name_joins.hpp"
#include "kit/store_rows.hpp"
#include "kit/versioned.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"
#include "projects/project_store.hpp"

namespace communication {
namespace {

using nlohmann::json;

// The group and reach are fields of their own kind; their columns are named here.
const db::Columns<Communication>& columns() {
  static const auto c = communication_fields()
                            .columns("communications")
                            .text("stakeholder_group", &Communication::group)
                            .integer("reach", &Communication::reach);
  return c;
}

const std::vector<kit::NameJoin<Communication>> kNames = {
    {"unit_name", "units", "unit_id", &Communication::unit_name},
    {"owner_name", "people", "owner_id", &Communication::owner_name}};

const std::string kSelect = kit::select_with_names(columns(), "c", kNames) + " AND ";

// The card's rows: every overdue one and the next few ahead.
const std::string kSelectUpcoming =
    kSelect +
    "c.project_id = :project_id AND c.done = 0 AND (c.planned_on < :today OR c.id IN (SELECT "
    "id FROM communications WHERE tenant_id = :tenant_id AND project_id = :project_id AND done "
    "= 0 AND planned_on >= :today ORDER BY planned_on, id LIMIT :limit)) ORDER BY c.planned_on, "
    "c.id";
constexpr std::string_view kCardCounts =
    "SELECT COUNT(*) AS total_rows, COALESCE(SUM(CASE WHEN done <> 0 THEN 1 ELSE 0 END), 0) AS "
    "done_rows, COALESCE(SUM(CASE WHEN done = 0 AND planned_on < :today THEN 1 ELSE 0 END), 0) "
    "AS overdue_rows, COALESCE(SUM(reach), 0) AS reach FROM communications WHERE tenant_id = "
    ":tenant_id AND project_id = :project_id";

Communication from_row(const db::Row& r) { return kit::read_with_names(columns(), r, kNames); }

json audited(const Communication& c) {
  return kit::without(to_json(c), {"unit_name", "owner_name", "overdue"});
}

// Only what the audience names is kept: a group for a stakeholder group, a unit for a unit.
Communication normalized(Communication c) {
  if (c.audience != "stakeholder_group") c.group.reset();
  if (c.audience != "unit") c.unit_id.reset();
  return c;
}

}  // namespace

std::vector<Communication> CommunicationStore::query(const std::string& where,
                                                     const std::string& key,
                                                     const std::string& value) {
  return kit::rows_where(sql_, kSelect, tenant_id_, where, key, value, from_row);
}

std::vector<Communication> CommunicationStore::of_project(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  return of_project(projects::CheckedProject{project_id});
}

std::vector<Communication> CommunicationStore::of_project(const projects::CheckedProject& project) {
  const std::string& project_id = project.id;
  auto plan =
      query("c.project_id = :project_id ORDER BY c.planned_on, c.id", "project_id", project_id);
  sort_plan(plan);
  return plan;
}

CommunicationStore::Card CommunicationStore::card(const projects::CheckedProject& project,
                                                  const std::string& today, std::size_t next_rows) {
  Card card;
  const db::Arg tenant{"tenant_id", tenant_id_};
  const db::Arg project_id{"project_id", project.id};
  for (const auto& r : db::query(sql_, kCardCounts, {tenant, project_id, {"today", today}})) {
    card.total = db::integer(r, "total_rows");
    card.done = db::integer(r, "done_rows");
    card.overdue = db::integer(r, "overdue_rows");
    card.reach = db::integer(r, "reach");
  }
  card.upcoming = kit::read_rows(
      db::query(sql_, kSelectUpcoming,
                {tenant, project_id, {"today", today}, {"limit", std::int64_t(next_rows)}}),
      from_row);
  sort_plan(card.upcoming);  // the plan's order whatever the database's collation
  return card;
}

Communication CommunicationStore::get(const std::string& id) {
  return core::found(query("c.id = :id", "id", id), "communication", id);
}

void CommunicationStore::check_references(const Communication& c) {
  core::FieldErrors bad;
  if (c.owner_id && !org::PersonStore(sql_, tenant_id_).exists(*c.owner_id))
    bad.add("owner_id", core::Message{"stakeholder_err_no_person"});
  if (c.unit_id && !org::UnitStore(sql_, tenant_id_).exists(*c.unit_id))
    bad.add("unit_id", core::Message{"stakeholder_err_no_unit"});
  bad.check();
}

Communication CommunicationStore::create(const core::AuthContext* who,
                                         const std::string& project_id,
                                         const Communication& fields) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  Communication c = normalized(fields);
  check_references(c);
  c.project_id = project_id;
  kit::stamp_new(c);
  auto stored = kit::insert_row(
      sql_, columns(), tenant_id_, who, "communication", c,
      [&](const std::string& id) { return get(id); }, audited);
  tx.commit();
  return stored;
}

Communication CommunicationStore::update(const core::AuthContext* who, const Communication& changed,
                                         long long expected_version) {
  return kit::checked_update(
      sql_, columns(), tenant_id_, who, "communication", normalized(changed), expected_version,
      [&] { return get(changed.id); }, [&](const Communication& c) { check_references(c); },
      [](const Communication& c) { return to_json(c); }, audited,
      core::Message{"err.stale", {{"entity", "communication"}}});
}

void CommunicationStore::remove(const core::AuthContext* who, const std::string& id) {
  kit::remove_row(
      sql_, tenant_id_, who, "communication", columns(), id, [&] { return get(id); }, audited);
}

}  // namespace communication
