#include "projects/project_store.hpp"

#include <set>
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"
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

constexpr std::string_view kItemColumns =
    "id, project_id, phase_key, item_key, dimension, text, status, responsible_id, due_date, "
    "evidence, version, created_at, updated_at";
constexpr std::string_view kInsertItem =
    "INSERT INTO checklist_items (tenant_id, id, project_id, phase_key, item_key, dimension, "
    "position, text, status, version, created_at, updated_at) VALUES (:tenant_id, :id, "
    ":project_id, :phase_key, :item_key, :dimension, :position, :text, 'open', 1, :created_at, "
    ":updated_at)";
constexpr std::string_view kUpdateItem =
    "UPDATE checklist_items SET status = :status, responsible_id = :responsible_id, "
    "due_date = :due_date, evidence = :evidence, version = version + 1, updated_at = :updated_at "
    "WHERE tenant_id = :tenant_id AND id = :id AND version = :version";
constexpr std::string_view kPersonExists =
    "SELECT COUNT(*) FROM people WHERE tenant_id = :tenant_id AND id = :id";

constexpr std::string_view kInsertDecision =
    "INSERT INTO decisions (tenant_id, id, project_id, kind, decided_on, decided_by, text, "
    "from_phase, to_phase, links, meeting_id, created_by, created_at) VALUES (:tenant_id, :id, "
    ":project_id, :kind, :decided_on, :decided_by, :text, :from_phase, :to_phase, :links, "
    ":meeting_id, :created_by, :created_at)";
constexpr std::string_view kSelectDecisions =
    "SELECT id, kind, decided_on, decided_by, text, from_phase, to_phase, links, meeting_id, "
    "created_at "
    "FROM decisions WHERE tenant_id = :tenant_id AND project_id = :project_id "
    "ORDER BY decided_on DESC, id DESC";

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

ChecklistItem item_from_row(const soci::row& r) {
  ChecklistItem i;
  i.id = db::text(r, "id");
  i.project_id = db::text(r, "project_id");
  i.phase_key = db::text(r, "phase_key");
  i.item_key = db::text(r, "item_key");
  i.dimension = db::opt_text(r, "dimension");
  i.text = json::parse(db::text(r, "text"), nullptr, false);
  i.status = db::text(r, "status");
  i.responsible_id = db::opt_text(r, "responsible_id");
  i.due_date = db::opt_text(r, "due_date");
  i.evidence = db::opt_text(r, "evidence");
  i.version = db::integer(r, "version");
  i.created_at = db::text(r, "created_at");
  i.updated_at = db::text(r, "updated_at");
  return i;
}

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(); }

// Binds every column of a project for INSERT and UPDATE alike.
struct ProjectBinding {
  std::string success_criteria, result_goals;
  db::NullableText status_reason, purpose, background, citizen_journey, target_group, start_date,
      end_date;
  explicit ProjectBinding(const Project& p)
      : success_criteria(json(p.success_criteria).dump()),
        result_goals(json(p.result_goals).dump()),
        status_reason(p.status_reason),
        purpose(p.purpose),
        background(p.background),
        citizen_journey(p.citizen_journey),
        target_group(p.target_group),
        start_date(p.start_date),
        end_date(p.end_date) {}
};

}  // namespace

json to_json(const ChecklistItem& i) {
  return {{"id", i.id},
          {"project_id", i.project_id},
          {"phase", i.phase_key},
          {"key", i.item_key},
          {"dimension", opt(i.dimension)},
          {"text", i.text},
          {"status", i.status},
          {"responsible_id", opt(i.responsible_id)},
          {"due_date", opt(i.due_date)},
          {"evidence", opt(i.evidence)},
          {"version", i.version},
          {"created_at", i.created_at},
          {"updated_at", i.updated_at}};
}

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
  sql_ << kInsertProject, soci::use(tenant_id_, "tenant_id"), soci::use(p.id, "id"),
      soci::use(p.title, "title"), soci::use(p.template_key, "template_key"),
      soci::use(p.phase_key, "phase_key"), soci::use(p.status, "status"),
      soci::use(b.status_reason.value, b.status_reason.ind, "status_reason"),
      soci::use(b.purpose.value, b.purpose.ind, "purpose"),
      soci::use(b.background.value, b.background.ind, "background"),
      soci::use(b.citizen_journey.value, b.citizen_journey.ind, "citizen_journey"),
      soci::use(b.target_group.value, b.target_group.ind, "target_group"),
      soci::use(b.success_criteria, "success_criteria"), soci::use(b.result_goals, "result_goals"),
      soci::use(b.start_date.value, b.start_date.ind, "start_date"),
      soci::use(b.end_date.value, b.end_date.ind, "end_date"),
      soci::use(p.created_at, "created_at"), soci::use(p.updated_at, "updated_at");
  save_units(p.id, p.unit_ids);
  if (find_template(tmpl.key) == nullptr) {
    std::string definition = to_json(tmpl).dump();
    sql_ << kInsertMethod, soci::use(tenant_id_, "tenant_id"), soci::use(p.id, "project_id"),
        soci::use(definition, "definition");
  }
  int position = 0;
  for (const auto& phase : tmpl.phases) {
    for (const auto& item : phase.items) {
      std::string id = core::new_id();
      std::string text = item.text.dump();
      db::NullableText dimension(item.dimension);
      ++position;
      sql_ << kInsertItem, soci::use(tenant_id_, "tenant_id"), soci::use(id, "id"),
          soci::use(p.id, "project_id"), soci::use(phase.key, "phase_key"),
          soci::use(item.key, "item_key"), soci::use(dimension.value, dimension.ind, "dimension"),
          soci::use(position, "position"), soci::use(text, "text"),
          soci::use(p.created_at, "created_at"), soci::use(p.updated_at, "updated_at");
    }
  }
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

void ProjectStore::write(const Project& after, long long expected_version) {
  ProjectBinding b(after);
  soci::statement st =
      (sql_.prepare << kUpdateProject, soci::use(after.title, "title"),
       soci::use(after.phase_key, "phase_key"), soci::use(after.status, "status"),
       soci::use(b.status_reason.value, b.status_reason.ind, "status_reason"),
       soci::use(b.purpose.value, b.purpose.ind, "purpose"),
       soci::use(b.background.value, b.background.ind, "background"),
       soci::use(b.citizen_journey.value, b.citizen_journey.ind, "citizen_journey"),
       soci::use(b.target_group.value, b.target_group.ind, "target_group"),
       soci::use(b.success_criteria, "success_criteria"), soci::use(b.result_goals, "result_goals"),
       soci::use(b.start_date.value, b.start_date.ind, "start_date"),
       soci::use(b.end_date.value, b.end_date.ind, "end_date"),
       soci::use(after.updated_at, "updated_at"), soci::use(tenant_id_, "tenant_id"),
       soci::use(after.id, "id"), soci::use(expected_version, "version"));
  st.execute(true);
  if (st.get_affected_rows() != 1) {
    throw core::Conflict("the project was changed by someone else", to_json(get(after.id)));
  }
}

Project ProjectStore::update_charter(const core::AuthContext* who, const std::string& id,
                                     long long expected_version, const CharterFields& fields) {
  db::WriteTx tx(sql_);
  Project before = get(id);
  if (before.version != expected_version) {
    throw core::Conflict(
        "the project was changed by someone else (version " + std::to_string(before.version) + ")",
        to_json(before));
  }
  Project after = apply_charter(before, fields);
  if (fields.unit_ids) check_units(after.unit_ids);
  after.version = before.version + 1;
  after.updated_at = core::now_iso();
  write(after, before.version);
  if (fields.unit_ids) save_units(id, after.unit_ids);
  audit::record(sql_, tenant_id_, who, "project", id, "update", to_json(before), to_json(after));
  tx.commit();
  return after;
}

std::vector<ChecklistItem> ProjectStore::checklist(const std::string& project_id) {
  get(project_id);
  std::vector<ChecklistItem> out;
  std::string q = "SELECT " + std::string(kItemColumns) +
                  " FROM checklist_items WHERE tenant_id = :tenant_id AND project_id = :project_id "
                  "ORDER BY position";
  soci::rowset<soci::row> rows =
      (sql_.prepare << q, soci::use(tenant_id_, "tenant_id"), soci::use(project_id, "project_id"));
  for (const auto& r : rows) out.push_back(item_from_row(r));
  return out;
}

ChecklistItem ProjectStore::update_item(const core::AuthContext* who, const std::string& item_id,
                                        long long expected_version, const ItemFields& fields) {
  db::WriteTx tx(sql_);
  std::string q = "SELECT " + std::string(kItemColumns) +
                  " FROM checklist_items WHERE tenant_id = :tenant_id AND id = :id";
  std::optional<ChecklistItem> found;
  {
    soci::rowset<soci::row> rows =
        (sql_.prepare << q, soci::use(tenant_id_, "tenant_id"), soci::use(item_id, "id"));
    for (const auto& r : rows) found = item_from_row(r);
  }
  if (!found) throw core::NotFound("no checklist item with id " + item_id);
  ChecklistItem before = *found;
  // The person responsible for an item may tick it off without an edit role.
  if (who != nullptr && who->person_id != before.responsible_id.value_or("") &&
      !may(*who, roles_of(sql_, *who, before.project_id), ProjectRight::kEdit)) {
    throw core::Forbidden(
        "only the project owner, leader, project group or the responsible person edit this item");
  }
  if (before.version != expected_version) {
    throw core::Conflict("the checklist item was changed by someone else", to_json(before));
  }
  if (fields.responsible_id && *fields.responsible_id) {
    int n = 0;
    sql_ << kPersonExists, soci::use(tenant_id_, "tenant_id"),
        soci::use(**fields.responsible_id, "id"), soci::into(n);
    if (n == 0) throw core::ValidationError("responsible_id", "no such person");
  }
  ChecklistItem after = before;
  if (fields.status) after.status = *fields.status;
  if (fields.responsible_id) after.responsible_id = *fields.responsible_id;
  if (fields.due_date) after.due_date = *fields.due_date;
  if (fields.evidence) after.evidence = *fields.evidence;
  after.version = before.version + 1;
  after.updated_at = core::now_iso();
  db::NullableText responsible(after.responsible_id), due(after.due_date), evidence(after.evidence);
  soci::statement st =
      (sql_.prepare << kUpdateItem, soci::use(after.status, "status"),
       soci::use(responsible.value, responsible.ind, "responsible_id"),
       soci::use(due.value, due.ind, "due_date"),
       soci::use(evidence.value, evidence.ind, "evidence"),
       soci::use(after.updated_at, "updated_at"), soci::use(tenant_id_, "tenant_id"),
       soci::use(item_id, "id"), soci::use(before.version, "version"));
  st.execute(true);
  if (st.get_affected_rows() != 1) {
    throw core::Conflict("the checklist item was changed by someone else", to_json(before));
  }
  audit::record(sql_, tenant_id_, who, "checklist_item", item_id, "update", to_json(before),
                to_json(after));
  tx.commit();
  return after;
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
  Project before = get(id);
  MethodTemplate tmpl = method(before);
  check_phase_move(tmpl, before.phase_key, d.to_phase, d.text);
  insert_decision(who, id, "phase_gate", d, before.phase_key);
  std::string now = core::now_iso();
  Project after = before;
  after.phase_key = d.to_phase;
  after.version = before.version + 1;
  after.updated_at = now;
  write(after, before.version);
  audit::record(sql_, tenant_id_, who, "project", id, "update", to_json(before), to_json(after));
  tx.commit();
  return after;
}

json ProjectStore::insert_decision(const core::AuthContext* who, const std::string& project_id,
                                   const std::string& kind, const GateDecision& d,
                                   const std::optional<std::string>& from_phase) {
  std::string id = core::new_id();
  std::string now = core::now_iso();
  std::string links = json(d.links).dump();
  db::NullableText created_by(who ? std::optional<std::string>(who->person_id) : std::nullopt);
  db::NullableText from(from_phase);
  db::NullableText to(d.to_phase.empty() ? std::nullopt : std::optional<std::string>(d.to_phase));
  db::NullableText meeting(d.meeting_id);
  sql_ << kInsertDecision, soci::use(tenant_id_, "tenant_id"), soci::use(id, "id"),
      soci::use(project_id, "project_id"), soci::use(kind, "kind"),
      soci::use(d.decided_on, "decided_on"), soci::use(d.decided_by, "decided_by"),
      soci::use(d.text, "text"), soci::use(from.value, from.ind, "from_phase"),
      soci::use(to.value, to.ind, "to_phase"), soci::use(links, "links"),
      soci::use(meeting.value, meeting.ind, "meeting_id"),
      soci::use(created_by.value, created_by.ind, "created_by"), soci::use(now, "created_at");
  json row = {{"id", id},
              {"kind", kind},
              {"decided_on", d.decided_on},
              {"decided_by", d.decided_by},
              {"text", d.text},
              {"from_phase", from_phase ? json(*from_phase) : json()},
              {"to_phase", d.to_phase.empty() ? json() : json(d.to_phase)},
              {"links", d.links},
              {"meeting_id", opt(d.meeting_id)},
              {"created_at", now}};
  json audited = {{"project_id", project_id}, {"kind", kind}, {"text", d.text}};
  if (d.meeting_id) audited["meeting_id"] = *d.meeting_id;
  audit::record(sql_, tenant_id_, who, "decision", id, "create", nullptr, audited);
  return row;
}

json ProjectStore::record_decision(const core::AuthContext* who, const std::string& project_id,
                                   const GateDecision& d) {
  if (d.text.empty()) throw core::ValidationError("decision", "is required");
  db::WriteTx tx(sql_);
  get(project_id);
  auto row = insert_decision(who, project_id, "decision", d, std::nullopt);
  tx.commit();
  return row;
}

json ProjectStore::decisions(const std::string& project_id, const std::string& kind) {
  get(project_id);
  json items = json::array();
  soci::rowset<soci::row> rows =
      (sql_.prepare << kSelectDecisions, soci::use(tenant_id_, "tenant_id"),
       soci::use(project_id, "project_id"));
  for (const auto& r : rows) {
    if (!kind.empty() && db::text(r, "kind") != kind) continue;
    items.push_back({{"id", db::text(r, "id")},
                     {"kind", db::text(r, "kind")},
                     {"decided_on", db::text(r, "decided_on")},
                     {"decided_by", db::text(r, "decided_by")},
                     {"text", db::text(r, "text")},
                     {"from_phase", opt(db::opt_text(r, "from_phase"))},
                     {"to_phase", opt(db::opt_text(r, "to_phase"))},
                     {"links", json::parse(db::text(r, "links"), nullptr, false)},
                     {"meeting_id", opt(db::opt_text(r, "meeting_id"))},
                     {"created_at", db::text(r, "created_at")}});
  }
  return items;
}

}  // namespace projects
