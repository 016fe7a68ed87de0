#include "projects/project_store.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/write_tx.hpp"
#include "kit/versioned.hpp"
#include "org/unit_store.hpp"
#include "projects/project_access.hpp"
#include "projects/role_store.hpp"

namespace projects {
namespace {

using nlohmann::json;

// The project's last update as the portfolio sorts by it, raised when the project, a checklist
// item or a decision of it is written (in the same transaction).
constexpr std::string_view kTouchProject =
    "UPDATE projects SET last_update_at = :at WHERE tenant_id = :tenant_id AND id = :id AND "
    "last_update_at < :at";

constexpr std::string_view kInsertMethod =
    "INSERT INTO project_methods (tenant_id, project_id, definition) VALUES (:tenant_id, "
    ":project_id, :definition)";
constexpr std::string_view kSelectMethod =
    "SELECT definition FROM project_methods WHERE tenant_id = :tenant_id AND project_id = "
    ":project_id";

// The units a project is for: one row each, named by the project.
struct ProjectUnit {
  std::string unit_id;
};

const db::Columns<ProjectUnit>& unit_columns() {
  static const auto c = db::Columns<ProjectUnit>("project_units", {"tenant_id", "project_id"})
                            .text("unit_id", &ProjectUnit::unit_id);
  return c;
}

// The units of a whole page of projects in one statement, not one per project: a page is
// every project of the tenant from its first id to its last.
constexpr std::string_view kSelectPageUnits =
    "SELECT project_id, unit_id FROM project_units WHERE tenant_id = :tenant_id AND project_id "
    ">= :first AND project_id <= :last ORDER BY project_id, unit_id";

const db::Columns<Project>& columns() {
  static const auto c = db::tenant_table<Project>("projects")
                            .text("title", &Project::title)
                            .text("template_key", &Project::template_key, db::Write::kOnce)
                            .text("phase_key", &Project::phase_key)
                            .text("status", &Project::status)
                            .text("status_reason", &Project::status_reason)
                            .text("purpose", &Project::purpose)
                            .text("background", &Project::background)
                            .text("citizen_journey", &Project::citizen_journey)
                            .text("target_group", &Project::target_group)
                            .text_list("success_criteria", &Project::success_criteria)
                            .text_list("result_goals", &Project::result_goals)
                            .text("start_date", &Project::start_date)
                            .text("end_date", &Project::end_date)
                            .stamps();
  return c;
}

const std::string& kSelect = columns().select_sql();

// A project read with what belongs to it, in one round trip: the project's row (kind 'project'),
// and one row for each of its units and of the caller's roles in it (kind 'unit' or 'role', the
// id or role in item, the project's columns NULL). A join would repeat the project's row, texts
// and all, for each unit and role, and sort them. No 'project' row: not the tenant's.
// Unordered: ordering the union made SQLite sort each branch in a temporary b-tree, half again as
// many instructions as the three statements it replaces; the reader orders the few ids.
constexpr std::string_view kProjectRow = "SELECT 'project' AS kind, NULL AS item, ";
constexpr std::string_view kProjectFrom =
    " FROM projects WHERE tenant_id = :tenant_id AND id = :id";
constexpr std::string_view kUnitRows = " UNION ALL SELECT 'unit' AS kind, unit_id AS item, ";
constexpr std::string_view kUnitsFrom =
    " FROM project_units WHERE tenant_id = :tenant_id AND project_id = :id";
constexpr std::string_view kRoleRows = " UNION ALL SELECT 'role' AS kind, role AS item, ";
constexpr std::string_view kRolesFrom =
    " FROM project_roles WHERE tenant_id = :tenant_id AND project_id = :id AND person_id = "
    ":person_id";
const std::string kSelectWithUnitsAndRoles =
    std::string(kProjectRow) + columns().list() + std::string(kProjectFrom) +
    std::string(kUnitRows) + columns().nulls() + std::string(kUnitsFrom) + std::string(kRoleRows) +
    columns().nulls() + std::string(kRolesFrom);

}  // namespace

void ProjectStore::check_units(const std::vector<std::string>& ids) {
  for (const auto& id : ids) {
    if (!org::UnitStore(sql_, tenant_id_).exists(id))
      throw core::ValidationError("unit_ids", "contains a unit that does not exist");
  }
}

void ProjectStore::save_units(const std::string& project_id, const std::vector<std::string>& ids) {
  db::execute(sql_, unit_columns().delete_sql(),
              {{"tenant_id", tenant_id_}, {"project_id", project_id}});
  std::set<std::string> unique(ids.begin(), ids.end());
  for (const auto& id : unique) {
    db::execute(sql_, unit_columns().insert_sql(),
                unit_columns().args({id}, {{"tenant_id", tenant_id_}, {"project_id", project_id}}));
  }
}

Project ProjectStore::create(const core::AuthContext* who, const MethodTemplate& tmpl,
                             const CharterFields& charter) {
  Project p;
  p.id = core::new_id();
  p.template_key = tmpl.key;
  p.phase_key = tmpl.phases.front().key;
  p.created_at = p.updated_at = core::now_iso();
  p = apply_charter(p, charter);
  db::WriteTx tx(sql_);
  check_units(p.unit_ids);
  db::execute(sql_, columns().insert_sql(), columns().args(p, {{"tenant_id", tenant_id_}}));
  touch(p.id, p.updated_at);
  save_units(p.id, p.unit_ids);
  if (find_template(tmpl.key) == nullptr) {
    std::string definition = to_json(tmpl).dump();
    db::execute(sql_, kInsertMethod,
                {{"tenant_id", tenant_id_}, {"project_id", p.id}, {"definition", definition}});
  }
  insert_checklist(p, tmpl);
  audit::record(sql_, tenant_id_, who, "project", p.id, "create", nullptr, to_json(p));
  // Whoever starts a project leads it until roles are handed out; otherwise a
  // member could create a project they may not edit.
  if (who != nullptr && !who->person_id.empty()) {
    RoleStore(sql_, tenant_id_).add(who, p.id, who->person_id, "project_leader");
  }
  tx.commit();
  return p;
}

std::vector<Project> ProjectStore::page(const std::string& after, int limit) {
  std::vector<Project> out;
  const std::initializer_list<db::Arg> args = {
      {"tenant_id", tenant_id_}, {"after", after}, {"lim", limit + 1}};
  static const std::string q = kSelect + " AND id > :after ORDER BY id LIMIT :lim";
  for (const auto& r : db::query(sql_, q, args)) out.push_back(columns().read(r));
  if (out.empty()) return out;
  std::map<std::string, std::vector<std::string>> units;
  for (const auto& r :
       db::query(sql_, kSelectPageUnits,
                 {{"tenant_id", tenant_id_}, {"first", out.front().id}, {"last", out.back().id}}))
    units[db::text(r, "project_id")].push_back(db::text(r, "unit_id"));
  for (auto& p : out) p.unit_ids = std::move(units[p.id]);
  return out;
}

Project ProjectStore::get(const std::string& id) { return get_with_roles(id, "").project; }

ProjectStore::WithRoles ProjectStore::get_with_roles(const std::string& id,
                                                     const std::string& person_id) {
  auto rows = db::query(sql_, kSelectWithUnitsAndRoles,
                        {{"tenant_id", tenant_id_}, {"id", id}, {"person_id", person_id}});
  const auto kind = [&](std::size_t i) { return rows[i].text_of(rows[i].cell("kind")); };
  std::size_t at = 0;
  while (at < rows.size() && kind(at) != "project") ++at;
  if (at == rows.size()) throw core::NotFound("no project with id " + id);
  WithRoles found{columns().read(rows[at]), {}};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i == at) continue;
    (kind(i) == "unit" ? found.project.unit_ids : found.roles)
        .emplace_back(rows[i].text_of(rows[i].cell("item")));
  }
  // Unit ids are ours (core::new_id: ASCII letters and digits), so byte order is the order
  // ORDER BY unit_id gave on both engines.
  std::sort(found.project.unit_ids.begin(), found.project.unit_ids.end());
  std::sort(found.roles.begin(), found.roles.end());
  // As roles_of: an account that is no person (person_id "") holds no project roles.
  if (person_id.empty()) found.roles.clear();
  return found;
}

void ProjectStore::require(const std::string& id) {
  static constexpr std::string_view kExists =
      "SELECT COUNT(*) FROM projects WHERE tenant_id = :tenant_id AND id = :id";
  if (db::scalar(sql_, kExists, {{"tenant_id", tenant_id_}, {"id", id}}) == 0)
    throw core::NotFound("no project with id " + id);
}

void ProjectStore::touch(const std::string& project_id, const std::string& at) {
  db::execute(sql_, kTouchProject, {{"tenant_id", tenant_id_}, {"id", project_id}, {"at", at}});
}

long long ProjectStore::write(const Project& after, long long expected_version) {
  auto changed = db::execute(
      sql_, columns().update_sql(),
      columns().args(after, {{"tenant_id", tenant_id_}, {"expected", expected_version}}));
  if (changed > 0) touch(after.id, after.updated_at);
  return changed;
}

// A stale version in the project's own words, naming the stored version.
template <typename Change>
Project ProjectStore::versioned(const core::AuthContext* who, const std::string& id,
                                long long expected_version, Change change) {
  try {
    return kit::versioned_update<Project>(
        sql_, tenant_id_, who, "project", id, expected_version, [&] { return get(id); },
        [&](long long version) { return change(get(id), version); },
        [](const Project& p) { return to_json(p); });
  } catch (const core::Conflict& e) {
    throw core::Conflict("the project was changed by someone else (version " +
                             std::to_string(e.current().value("version", 0LL)) + ")",
                         e.current());
  }
}

Project ProjectStore::update_charter(const core::AuthContext* who, const std::string& id,
                                     long long expected_version, const CharterFields& fields) {
  return versioned(who, id, expected_version, [&](const Project& before, long long version) {
    Project after = apply_charter(before, fields);
    if (fields.unit_ids) check_units(after.unit_ids);
    after.updated_at = core::now_iso();
    auto rows = write(after, version);
    if (fields.unit_ids) save_units(id, after.unit_ids);
    return rows;
  });
}

MethodTemplate ProjectStore::method(const Project& project) {
  if (const auto* shipped = find_template(project.template_key)) return *shipped;
  auto rows =
      db::query(sql_, kSelectMethod, {{"tenant_id", tenant_id_}, {"project_id", project.id}});
  if (rows.empty() || rows[0].is_null("definition"))
    throw core::NotFound("unknown method template " + project.template_key);
  return parse_template(json::parse(db::text(rows[0], "definition")), false);
}

Project ProjectStore::move_phase(const core::AuthContext* who, const std::string& id,
                                 const GateDecision& d) {
  db::WriteTx tx(sql_);
  auto moved = versioned(who, id, get(id).version, [&](const Project& before, long long version) {
    int open = 0;
    for (const auto& item : checklist(id, before.phase_key)) open += item.status == "open" ? 1 : 0;
    check_phase_move(method(before), before.phase_key, d.to_phase, d.text, open,
                     d.open_items_reason);
    GateDecision recorded = d;
    if (open > 0) recorded.text += "\n\n" + d.open_items_reason;
    insert_decision(who, id, "phase_gate", recorded, before.phase_key);
    Project after = before;
    after.phase_key = d.to_phase;
    after.updated_at = core::now_iso();
    return write(after, version);
  });
  tx.commit();
  return moved;
}

}  // namespace projects
