#include "projects/project_store.hpp"

#include <set>
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"
#include "kit/versioned.hpp"
#include "projects/project_access.hpp"
#include "projects/role_store.hpp"

namespace projects {
namespace {

using nlohmann::json;

constexpr std::string_view kProjectColumns =
    "id, title, template_key, phase_key, status, status_reason, purpose, background, "
    "citizen_journey, target_group, success_criteria, result_goals, start_date, end_date, "
    "version, created_at, updated_at";

constexpr std::string_view kInsertProject =
    "INSERT INTO projects (tenant_id, id, title, template_key, phase_key, status, status_reason, "
    "purpose, background, citizen_journey, target_group, success_criteria, result_goals, "
    "start_date, end_date, version, created_at, updated_at) VALUES (:tenant_id, :id, :title, "
    ":template_key, :phase_key, :status, :status_reason, :purpose, :background, "
    ":citizen_journey, :target_group, :success_criteria, :result_goals, :start_date, :end_date, "
    "1, :created_at, :updated_at)";

constexpr std::string_view kUpdateProject =
    "UPDATE projects SET title = :title, phase_key = :phase_key, status = :status, "
    "status_reason = :status_reason, purpose = :purpose, background = :background, "
    "citizen_journey = :citizen_journey, target_group = :target_group, "
    "success_criteria = :success_criteria, result_goals = :result_goals, "
    "start_date = :start_date, end_date = :end_date, version = version + 1, "
    "updated_at = :updated_at WHERE tenant_id = :tenant_id AND id = :id AND version = :version";

constexpr std::string_view kInsertMethod =
    "INSERT INTO project_methods (tenant_id, project_id, definition) VALUES (:tenant_id, "
    ":project_id, :definition)";
constexpr std::string_view kSelectMethod =
    "SELECT definition FROM project_methods WHERE tenant_id = :tenant_id AND project_id = "
    ":project_id";

constexpr std::string_view kUnitExists =
    "SELECT COUNT(*) FROM units WHERE tenant_id = :tenant_id AND id = :id";
constexpr std::string_view kDeleteUnits =
    "DELETE FROM project_units WHERE tenant_id = :tenant_id AND project_id = :project_id";
constexpr std::string_view kInsertUnit =
    "INSERT INTO project_units (tenant_id, project_id, unit_id) VALUES (:tenant_id, :project_id, "
    ":unit_id)";
constexpr std::string_view kSelectUnits =
    "SELECT unit_id FROM project_units WHERE tenant_id = :tenant_id AND project_id = :project_id "
    "ORDER BY unit_id";

std::vector<std::string> json_list(const std::string& text) {
  auto j = json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (j.is_array()) {
    for (const auto& v : j) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

Project project_from_row(const soci::row& r) {
  Project p;
  p.id = db::text(r, "id");
  p.title = db::text(r, "title");
  p.template_key = db::text(r, "template_key");
  p.phase_key = db::text(r, "phase_key");
  p.status = db::text(r, "status");
  p.status_reason = db::opt_text(r, "status_reason");
  p.purpose = db::opt_text(r, "purpose");
  p.background = db::opt_text(r, "background");
  p.citizen_journey = db::opt_text(r, "citizen_journey");
  p.target_group = db::opt_text(r, "target_group");
  p.success_criteria = json_list(db::text(r, "success_criteria"));
  p.result_goals = json_list(db::text(r, "result_goals"));
  p.start_date = db::opt_text(r, "start_date");
  p.end_date = db::opt_text(r, "end_date");
  p.version = db::integer(r, "version");
  p.created_at = db::text(r, "created_at");
  p.updated_at = db::text(r, "updated_at");
  return p;
}

// Binds every column of a project for INSERT and UPDATE alike.
struct ProjectBinding {
  std::string success_criteria, result_goals;
  db::NullableText status_reason, purpose, background, citizen_journey, target_group, start_date,
      end_date;
  const Project& project;
  explicit ProjectBinding(const Project& p)
      : success_criteria(json(p.success_criteria).dump()),
        result_goals(json(p.result_goals).dump()),
        status_reason(p.status_reason),
        purpose(p.purpose),
        background(p.background),
        citizen_journey(p.citizen_journey),
        target_group(p.target_group),
        start_date(p.start_date),
        end_date(p.end_date),
        project(p) {}
  // Adds the columns to `statement` (`sql << …` or `sql.prepare << …`).
  template <typename Statement>
  Statement& use(Statement&& statement) {
    return statement, soci::use(project.title, "title"), soci::use(project.phase_key, "phase_key"),
           soci::use(project.status, "status"),
           soci::use(status_reason.value, status_reason.ind, "status_reason"),
           soci::use(purpose.value, purpose.ind, "purpose"),
           soci::use(background.value, background.ind, "background"),
           soci::use(citizen_journey.value, citizen_journey.ind, "citizen_journey"),
           soci::use(target_group.value, target_group.ind, "target_group"),
           soci::use(success_criteria, "success_criteria"), soci::use(result_goals, "result_goals"),
           soci::use(start_date.value, start_date.ind, "start_date"),
           soci::use(end_date.value, end_date.ind, "end_date");
  }
};

}  // namespace

void ProjectStore::check_units(const std::vector<std::string>& ids) {
  for (const auto& id : ids) {
    int n = 0;
    sql_ << kUnitExists, soci::use(tenant_id_, "tenant_id"), soci::use(id, "id"), soci::into(n);
    if (n == 0) throw core::ValidationError("unit_ids", "contains a unit that does not exist");
  }
}

void ProjectStore::save_units(const std::string& project_id, const std::vector<std::string>& ids) {
  sql_ << kDeleteUnits, soci::use(tenant_id_, "tenant_id"), soci::use(project_id, "project_id");
  std::set<std::string> unique(ids.begin(), ids.end());
  for (const auto& id : unique) {
    sql_ << kInsertUnit, soci::use(tenant_id_, "tenant_id"), soci::use(project_id, "project_id"),
        soci::use(id, "unit_id");
  }
}

std::vector<std::string> ProjectStore::unit_ids(const std::string& project_id) {
  std::vector<std::string> out;
  soci::rowset<std::string> rows =
      (sql_.prepare << kSelectUnits, soci::use(tenant_id_, "tenant_id"),
       soci::use(project_id, "project_id"));
  for (const auto& id : rows) out.push_back(id);
  return out;
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
  ProjectBinding b(p);
  b.use(sql_ << kInsertProject), soci::use(tenant_id_, "tenant_id"), soci::use(p.id, "id"),
      soci::use(p.template_key, "template_key"), soci::use(p.created_at, "created_at"),
      soci::use(p.updated_at, "updated_at");
  save_units(p.id, p.unit_ids);
  if (find_template(tmpl.key) == nullptr) {
    std::string definition = to_json(tmpl).dump();
    sql_ << kInsertMethod, soci::use(tenant_id_, "tenant_id"), soci::use(p.id, "project_id"),
        soci::use(definition, "definition");
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
  int lim = limit + 1;
  std::string q =
      "SELECT " + std::string(kProjectColumns) +
      " FROM projects WHERE tenant_id = :tenant_id AND id > :after ORDER BY id LIMIT :lim";
  soci::rowset<soci::row> rows = (sql_.prepare << q, soci::use(tenant_id_, "tenant_id"),
                                  soci::use(after, "after"), soci::use(lim, "lim"));
  for (const auto& r : rows) out.push_back(project_from_row(r));
  for (auto& p : out) p.unit_ids = unit_ids(p.id);
  return out;
}

Project ProjectStore::get(const std::string& id) {
  std::string q = "SELECT " + std::string(kProjectColumns) +
                  " FROM projects WHERE tenant_id = :tenant_id AND id = :id";
  std::optional<Project> found;
  {
    soci::rowset<soci::row> rows =
        (sql_.prepare << q, soci::use(tenant_id_, "tenant_id"), soci::use(id, "id"));
    for (const auto& r : rows) found = project_from_row(r);
  }
  if (!found) throw core::NotFound("no project with id " + id);
  found->unit_ids = unit_ids(id);
  return *found;
}

long long ProjectStore::write(const Project& after, long long expected_version) {
  ProjectBinding b(after);
  soci::statement st =
      (b.use(sql_.prepare << kUpdateProject), soci::use(after.updated_at, "updated_at"),
       soci::use(tenant_id_, "tenant_id"), soci::use(after.id, "id"),
       soci::use(expected_version, "version"));
  return kit::changed_rows(st);
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
  std::string definition;
  soci::indicator ind = soci::i_null;
  sql_ << kSelectMethod, soci::use(tenant_id_, "tenant_id"), soci::use(project.id, "project_id"),
      soci::into(definition, ind);
  if (!sql_.got_data() || ind != soci::i_ok)
    throw core::NotFound("unknown method template " + project.template_key);
  return parse_template(json::parse(definition), false);
}

Project ProjectStore::move_phase(const core::AuthContext* who, const std::string& id,
                                 const GateDecision& d) {
  db::WriteTx tx(sql_);
  auto moved = versioned(who, id, get(id).version, [&](const Project& before, long long version) {
    check_phase_move(method(before), before.phase_key, d.to_phase, d.text);
    insert_decision(who, id, "phase_gate", d, before.phase_key);
    Project after = before;
    after.phase_key = d.to_phase;
    after.updated_at = core::now_iso();
    return write(after, version);
  });
  tx.commit();
  return moved;
}

}  // namespace projects
