// The checklist of a project: its items copied from the method, ticked off with versions.
#include <string_view>

#include "core/errors.hpp"
#include "core/found.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/write_tx.hpp"
#include "kit/versioned.hpp"
#include "org/person_store.hpp"
#include "projects/project_access.hpp"
#include "projects/project_store.hpp"

namespace projects {
namespace {

using nlohmann::json;

// `position` keeps the method's order; the item itself does not carry it.
const db::Columns<ChecklistItem>& columns() {
  static const auto c = db::project_table<ChecklistItem>("checklist_items")
                            .bound("position")
                            .text("phase_key", &ChecklistItem::phase_key, db::Write::kOnce)
                            .text("item_key", &ChecklistItem::item_key, db::Write::kOnce)
                            .text("dimension", &ChecklistItem::dimension, db::Write::kOnce)
                            .json("text", &ChecklistItem::text, db::Write::kOnce)
                            .text("status", &ChecklistItem::status)
                            .text("responsible_id", &ChecklistItem::responsible_id)
                            .text("due_date", &ChecklistItem::due_date)
                            .text("evidence", &ChecklistItem::evidence)
                            .stamps();
  return c;
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
      ChecklistItem row;
      row.id = core::new_id();
      row.project_id = p.id;
      row.phase_key = phase.key;
      row.item_key = item.key;
      row.dimension = item.dimension;
      row.text = item.text;
      row.created_at = p.created_at;
      row.updated_at = p.updated_at;
      db::execute(sql_, columns().insert_sql(),
                  columns().args(row, {{"tenant_id", tenant_id_}, {"position", ++position}}));
    }
  }
}

std::vector<ChecklistItem> ProjectStore::checklist(const std::string& project_id) {
  require(project_id);
  static const std::string q =
      columns().select_sql() + " AND project_id = :project_id ORDER BY position";
  return columns().read_all(
      db::query(sql_, q, {{"tenant_id", tenant_id_}, {"project_id", project_id}}));
}

std::vector<ChecklistItem> ProjectStore::checklist(const std::string& project_id,
                                                   const std::string& phase_key) {
  static const std::string q = columns().select_sql() +
                               " AND project_id = :project_id AND phase_key = :phase_key ORDER BY "
                               "position";
  return columns().read_all(db::query(
      sql_, q, {{"tenant_id", tenant_id_}, {"project_id", project_id}, {"phase_key", phase_key}}));
}

std::vector<ProjectStore::ItemCount> ProjectStore::checklist_progress(
    const std::string& project_id) {
  // Grouped by the stored dimension, so the progress index answers in order; no dimension
  // (NULL) and an empty one are the same group.
  static constexpr std::string_view kProgress =
      "SELECT phase_key, dimension, "
      "SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END) AS done_items, "
      "SUM(CASE WHEN status <> 'not_relevant' THEN 1 ELSE 0 END) AS counted_items "
      "FROM checklist_items WHERE tenant_id = :tenant_id AND project_id = :project_id "
      "GROUP BY phase_key, dimension";
  std::vector<ItemCount> out;
  for (const auto& r :
       db::query(sql_, kProgress, {{"tenant_id", tenant_id_}, {"project_id", project_id}})) {
    ItemCount count{db::text(r, "phase_key"), db::opt_text(r, "dimension").value_or(""),
                    static_cast<int>(db::integer(r, "done_items")),
                    static_cast<int>(db::integer(r, "counted_items"))};
    if (!out.empty() && out.back().phase_key == count.phase_key &&
        out.back().dimension == count.dimension) {
      out.back().done += count.done;
      out.back().counted += count.counted;
    } else {
      out.push_back(std::move(count));
    }
  }
  return out;
}

ChecklistItem ProjectStore::item(const std::string& item_id) {
  return core::found(columns().find(sql_, {{"tenant_id", tenant_id_}, {"id", item_id}}),
                     "checklist item", item_id);
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
    if (!org::PersonStore(sql_, tenant_id_).exists(**fields.responsible_id))
      throw core::ValidationError("responsible_id", "no such person");
  }
  if (fields.status) after.status = *fields.status;
  if (fields.responsible_id) after.responsible_id = *fields.responsible_id;
  if (fields.due_date) after.due_date = *fields.due_date;
  if (fields.evidence) after.evidence = *fields.evidence;
  after.updated_at = core::now_iso();
  auto changed =
      db::execute(sql_, columns().update_sql(),
                  columns().args(after, {{"tenant_id", tenant_id_}, {"expected", version}}));
  if (changed > 0) touch(after.project_id, after.updated_at);
  return changed;
}

}  // namespace projects
