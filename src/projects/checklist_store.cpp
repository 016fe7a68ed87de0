// The checklist of a project: its items copied from the method, ticked off with versions.
#include <string_view>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"
#include "kit/versioned.hpp"
#include "projects/project_access.hpp"
#include "projects/project_store.hpp"

namespace projects {
namespace {

using nlohmann::json;

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

void ProjectStore::insert_checklist(const Project& p, const MethodTemplate& tmpl) {
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

ChecklistItem ProjectStore::item(const std::string& item_id) {
  std::string q = "SELECT " + std::string(kItemColumns) +
                  " FROM checklist_items WHERE tenant_id = :tenant_id AND id = :id";
  soci::rowset<soci::row> rows =
      (sql_.prepare << q, soci::use(tenant_id_, "tenant_id"), soci::use(item_id, "id"));
  for (const auto& r : rows) return item_from_row(r);
  throw core::NotFound("no checklist item with id " + item_id);
}

ChecklistItem ProjectStore::update_item(const core::AuthContext* who, const std::string& item_id,
                                        long long expected_version, const ItemFields& fields) {
  ChecklistItem stored = item(item_id);
  // The person responsible for an item may tick it off without an edit role.
  if (who != nullptr && who->person_id != stored.responsible_id.value_or("") &&
      !may(*who, roles_of(sql_, *who, stored.project_id), ProjectRight::kEdit)) {
    throw core::Forbidden(
        "only the project owner, leader, project group or the responsible person edit this item");
  }
  return kit::versioned_update<ChecklistItem>(
      sql_, tenant_id_, who, "checklist_item", item_id, expected_version,
      [&] { return item(item_id); },
      [&](long long version) { return write_item(item(item_id), fields, version); },
      [](const ChecklistItem& i) { return to_json(i); },
      "the checklist item was changed by someone else");
}

long long ProjectStore::write_item(ChecklistItem after, const ItemFields& fields,
                                   long long version) {
  if (fields.responsible_id && *fields.responsible_id) {
    int n = 0;
    sql_ << kPersonExists, soci::use(tenant_id_, "tenant_id"),
        soci::use(**fields.responsible_id, "id"), soci::into(n);
    if (n == 0) throw core::ValidationError("responsible_id", "no such person");
  }
  if (fields.status) after.status = *fields.status;
  if (fields.responsible_id) after.responsible_id = *fields.responsible_id;
  if (fields.due_date) after.due_date = *fields.due_date;
  if (fields.evidence) after.evidence = *fields.evidence;
  std::string now = core::now_iso();
  db::NullableText responsible(after.responsible_id), due(after.due_date), evidence(after.evidence);
  soci::statement st = (sql_.prepare << kUpdateItem, soci::use(after.status, "status"),
                        soci::use(responsible.value, responsible.ind, "responsible_id"),
                        soci::use(due.value, due.ind, "due_date"),
                        soci::use(evidence.value, evidence.ind, "evidence"),
                        soci::use(now, "updated_at"), soci::use(tenant_id_, "tenant_id"),
                        soci::use(after.id, "id"), soci::use(version, "version"));
  return kit::changed_rows(st);
}

}  // namespace projects
