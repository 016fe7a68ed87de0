#include "work_packages/work_package_store.hpp"

#include <map>
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
#include "work_packages/budget_store.hpp"

namespace work_packages {
namespace {

using nlohmann::json;

const db::Columns<WorkPackage>& columns() {
  static const auto c =
      work_package_fields()
          .columns("work_packages")
          .integer("budget_version", &WorkPackage::budget_version, db::Write::kOnce);
  return c;
}

const std::vector<kit::NameJoin<WorkPackage>> kNames = {
    {"responsible_name", "people", "responsible_id", &WorkPackage::responsible_name}};

const std::string kSelect = kit::select_with_names(columns(), "w", kNames) + " AND ";
constexpr std::string_view kTimelineOrder = " ORDER BY w.start_date, w.end_date, w.id";
const std::string kPage =
    kSelect + "w.project_id = :project_id AND w.id > :after ORDER BY w.id LIMIT :lim";
// Late as is_late judges it: not done or cancelled, and ending before today.
constexpr std::string_view kCounts =
    "SELECT COUNT(*) AS total_rows, COALESCE(SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END), "
    "0) AS done_rows, COALESCE(SUM(CASE WHEN status NOT IN ('done', 'cancelled') AND end_date < "
    ":today THEN 1 ELSE 0 END), 0) AS late_rows FROM work_packages WHERE tenant_id = :tenant_id "
    "AND project_id = :project_id";
constexpr std::string_view kActualsOf =
    "SELECT COUNT(*) FROM wp_actuals WHERE tenant_id = :tenant_id AND work_package_id = :id";
constexpr std::string_view kSetDependsOn =
    "UPDATE work_packages SET depends_on = :depends_on WHERE tenant_id = :tenant_id AND id = :id";

WorkPackage from_row(const db::Row& r) { return kit::read_with_names(columns(), r, kNames); }

json audited(const WorkPackage& wp) {
  return kit::without(to_json(wp), {"responsible_name", "late"});
}

}  // namespace

std::vector<WorkPackage> WorkPackageStore::query(const std::string& where, const std::string& key,
                                                 const std::string& value) {
  return kit::rows_where(sql_, kSelect, tenant_id_, where, key, value, from_row);
}

std::vector<WorkPackage> WorkPackageStore::of_project(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  return of_project(projects::CheckedProject{project_id});
}

std::vector<WorkPackage> WorkPackageStore::of_project(const projects::CheckedProject& project) {
  const std::string& project_id = project.id;
  return query("w.project_id = :project_id" + std::string(kTimelineOrder), "project_id",
               project_id);
}

WorkPackageStore::Counts WorkPackageStore::counts(const projects::CheckedProject& project,
                                                  const std::string& today) {
  Counts c;
  for (const auto& r :
       db::query(sql_, kCounts,
                 {{"tenant_id", tenant_id_}, {"project_id", project.id}, {"today", today}})) {
    c.total = db::integer(r, "total_rows");
    c.done = db::integer(r, "done_rows");
    c.late = db::integer(r, "late_rows");
  }
  return c;
}

std::vector<WorkPackage> WorkPackageStore::list(const std::string& project_id,
                                                const http::Page& page) {
  return kit::project_page(sql_, kPage, tenant_id_, project_id, page, from_row);
}

WorkPackage WorkPackageStore::get(const std::string& id) {
  return core::found(query("w.id = :id", "id", id), "work package", id);
}

void WorkPackageStore::check_references(const WorkPackage& wp) {
  core::FieldErrors bad;
  org::PersonStore people(sql_, tenant_id_);
  if (wp.responsible_id && !people.exists(*wp.responsible_id))
    bad.add("responsible_id", core::Message{"wp_err_no_person"});
  for (const auto& p : wp.participant_people)
    if (!people.exists(p)) bad.add("participant_people", core::Message{"wp_err_no_person"});
  org::UnitStore units(sql_, tenant_id_);
  for (const auto& u : wp.participant_units)
    if (!units.exists(u)) bad.add("participant_units", core::Message{"wp_err_no_unit"});
  // The project's dependencies as they would be with this package saved.
  std::map<std::string, std::vector<std::string>> graph;
  for (const auto& other : query("w.project_id = :project_id", "project_id", wp.project_id))
    graph[other.id] = other.depends_on;
  const std::string self = wp.id.empty() ? "(new)" : wp.id;
  for (const auto& d : wp.depends_on)
    if (!graph.contains(d) || d == self) bad.add("depends_on", core::Message{"wp_err_no_package"});
  graph[self] = wp.depends_on;
  if (bad.empty() && has_cycle(graph)) bad.add("depends_on", core::Message{"wp_err_cycle"});
  bad.check();
}

WorkPackage WorkPackageStore::create(const core::AuthContext* who, const std::string& project_id,
                                     const WorkPackage& fields) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  WorkPackage wp = fields;
  wp.id.clear();
  wp.project_id = project_id;
  check_references(wp);
  kit::stamp_new(wp);
  wp.budget_version = 0;
  auto stored = kit::insert_row(
      sql_, columns(), tenant_id_, who, "work_package", wp,
      [&](const std::string& id) { return get(id); }, audited);
  tx.commit();
  return stored;
}

WorkPackage WorkPackageStore::update(const core::AuthContext* who, const WorkPackage& changed,
                                     long long expected_version) {
  return kit::checked_update(
      sql_, columns(), tenant_id_, who, "work_package", changed, expected_version,
      [&] { return get(changed.id); }, [&](const WorkPackage& wp) { check_references(wp); },
      [](const WorkPackage& wp) { return to_json(wp); }, audited,
      core::Message{"err.stale", {{"entity", "work package"}}});
}

void WorkPackageStore::remove(const core::AuthContext* who, const std::string& id) {
  db::WriteTx tx(sql_);
  auto before = get(id);
  if (db::scalar(sql_, kActualsOf, {{"tenant_id", tenant_id_}, {"id", id}}) > 0)
    throw core::Conflict(core::Message{"wp_err_has_actuals"}, to_json(before));
  for (auto other : query("w.project_id = :project_id", "project_id", before.project_id)) {
    auto kept = std::erase(other.depends_on, id);
    if (kept == 0) continue;
    db::execute(sql_, kSetDependsOn,
                {{"tenant_id", tenant_id_},
                 {"id", other.id},
                 {"depends_on", json(other.depends_on).dump()}});
  }
  BudgetStore(sql_, tenant_id_).clear(id);
  db::execute(sql_, columns().delete_sql(), {{"tenant_id", tenant_id_}, {"id", id}});
  audit::record(sql_, tenant_id_, who, "work_package", id, "delete", audited(before), nullptr);
  tx.commit();
}

}  // namespace work_packages
