#include "actions/action_store.hpp"

#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/found.hpp"
#include "core/ids.hpp"
#include "core/imports.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/keyset.hpp"
#include "db/write_tx.hpp"
#include "kit/store_rows.hpp"
#include "kit/versioned.hpp"
#include "maps/map_store.hpp"
#include "org/person_store.hpp"
#include "projects/project_store.hpp"

namespace actions {
namespace {

using nlohmann::json;

// The table keeps the action's fields and where it came from (set when it is made).
const db::Columns<Action>& columns() {
  static const auto c = action_fields()
                            .columns("actions")
                            .text("origin", &Action::origin, db::Write::kOnce)
                            .text("map_id", &Action::map_id, db::Write::kOnce)
                            .text("element_id", &Action::element_id, db::Write::kOnce);
  return c;
}

constexpr std::string_view kJoinedNames =
    "p.name AS responsible_name, p.unit_id AS unit_id, u.name AS unit_name, "
    "pr.title AS project_title, k.name AS kpi_name, t.time_zone AS time_zone";
constexpr std::string_view kJoins =
    "JOIN projects pr ON pr.tenant_id = a.tenant_id AND pr.id = a.project_id "
    "JOIN tenants t ON t.id = a.tenant_id "
    "LEFT JOIN people p ON p.tenant_id = a.tenant_id AND p.id = a.responsible_id "
    "LEFT JOIN units u ON u.tenant_id = p.tenant_id AND u.id = p.unit_id "
    "LEFT JOIN kpis k ON k.tenant_id = a.tenant_id AND k.id = a.kpi_id";

const std::string kSelect = columns().select_joined("a", kJoinedNames, kJoins) + " AND ";

// Each sort as a text key ordered the same on both engines (digits and the id's characters
// compare alike in every collation), ties by id: rows without a deadline or a responsible
// last, as actions::select sorts in memory. Names compare in the database's collation.
std::string sort_key(const std::string& sort) {
  if (sort == "status")
    return "CASE a.status WHEN 'not_started' THEN '0' WHEN 'in_progress' THEN '1' "
           "WHEN 'done' THEN '2' ELSE '3' END";
  if (sort == "responsible")
    return "CASE WHEN p.name IS NULL OR p.name = '' THEN '1' ELSE '0' || p.name END";
  if (sort == "created") return "a.id";
  return "COALESCE(a.deadline, 'Z')";
}

constexpr std::string_view kFilters =
    " AND (:status = '' OR a.status = :status)"
    " AND (:responsible_id = '' OR a.responsible_id = :responsible_id)"
    " AND (:overdue = 0 OR (a.deadline < :today AND a.status NOT IN ('done', 'dropped'))) AND ";

// The page statement of one owner column and sort, made once.
const std::string& page_sql(bool of_project, const std::string& sort) {
  static const auto statements = [] {
    std::map<std::string, std::string> out;
    for (bool project : {true, false}) {
      for (const auto& s : kSorts) {
        auto key = sort_key(s);
        out[(project ? "p:" : "r:") + s] =
            columns().select_joined("a", std::string(kJoinedNames) + ", " + key + " AS sort_key",
                                    kJoins) +
            (project ? " AND a.project_id = :owner" : " AND a.responsible_id = :owner") +
            std::string(kFilters) + db::keyset_page(key, "a.id", db::Order::kAscending);
      }
    }
    return out;
  }();
  return statements.at((of_project ? "p:" : "r:") + sort);
}

constexpr std::string_view kStale = "the action was changed by someone else";

constexpr std::string_view kPeople = "SELECT id, name FROM people WHERE tenant_id = :tenant_id";
constexpr std::string_view kProjectKpis =
    "SELECT id, name FROM kpis WHERE tenant_id = :tenant_id AND project_id = :project_id "
    "ORDER BY name, id";
constexpr std::string_view kNotesTaken =
    "SELECT map_id, element_id FROM actions WHERE tenant_id = :tenant_id AND "
    "project_id = :project_id AND map_id IS NOT NULL";

// The action with the names joined to it.
Action from_row(const db::Row& r) {
  Action a = columns().read(r);
  a.responsible_name = db::opt_text(r, "responsible_name");
  a.unit_id = db::opt_text(r, "unit_id");
  a.unit_name = db::opt_text(r, "unit_name");
  a.project_title = db::text(r, "project_title");
  a.kpi_name = db::opt_text(r, "kpi_name");
  return a;
}

std::string lower_ascii(std::string s) {
  for (auto& c : s) {
    if (static_cast<unsigned char>(c) < 0x80) c = static_cast<char>(std::tolower(c));
  }
  return s;
}

// The audit trail keeps the row itself, not the names joined to it.
json audited(const Action& a) {
  json j = to_json(a);
  j.erase("overdue");
  j.erase("responsible");
  j.erase("project_title");
  j.erase("kpi_name");
  return j;
}

}  // namespace

namespace {

Action& action_of(Action& a) { return a; }
Action& action_of(ActionStore::Keyed& k) { return k.action; }

// Every row is the tenant's: its date is worked out once from the joined time zone.
template <typename Out, typename Make>
std::vector<Out> read_dated(const db::Rows& rows, Make make) {
  std::vector<Out> out;
  std::string zone;
  std::string today;
  for (const auto& r : rows) {
    out.push_back(make(r));
    if (auto z = db::text(r, "time_zone"); z != zone || today.empty()) {
      zone = z;
      today = core::local_today(zone);
    }
    action_of(out.back()).today = today;
  }
  return out;
}

}  // namespace

std::vector<Action> ActionStore::query(const std::string& where, const std::string& key,
                                       const std::string& value) {
  return read_dated<Action>(db::query(sql_, kSelect + where + " ORDER BY a.id",
                                      {{"tenant_id", tenant_id_}, {key, value}}),
                            from_row);
}

std::vector<ActionStore::Keyed> ActionStore::page(bool of_project, const std::string& owner_id,
                                                  const ActionQuery& q, const std::string& today,
                                                  const http::Page& p) {
  auto args = db::keyset_args(p.after_key, p.after, p.limit,
                              {{"tenant_id", tenant_id_},
                               {"owner", owner_id},
                               {"status", q.status},
                               {"responsible_id", q.responsible_id},
                               {"overdue", q.overdue ? 1 : 0},
                               {"today", today}});
  return read_dated<Keyed>(db::query(sql_, page_sql(of_project, q.sort), args),
                           [](const db::Row& r) {
                             return Keyed{from_row(r), db::text(r, "sort_key")};
                           });
}

std::vector<ActionStore::Keyed> ActionStore::page_of_project(const std::string& project_id,
                                                             const ActionQuery& query,
                                                             const std::string& today,
                                                             const http::Page& p) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  return page(true, project_id, query, today, p);
}

std::vector<ActionStore::Keyed> ActionStore::page_of_person(const std::string& person_id,
                                                            const ActionQuery& query,
                                                            const std::string& today,
                                                            const http::Page& p) {
  return page(false, person_id, query, today, p);
}

void ActionStore::check_person(const std::optional<std::string>& person_id) {
  if (!person_id) return;
  if (!org::PersonStore(sql_, tenant_id_).exists(*person_id))
    throw core::ValidationError("responsible_id", "no such person");
}

Action ActionStore::add(const core::AuthContext* who, const std::string& project_id, Action a,
                        const std::string& origin) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  check_person(a.responsible_id);
  a.id = core::new_id();
  a.project_id = project_id;
  a.origin = origin;
  a.created_at = a.updated_at = core::now_iso();
  db::execute(sql_, columns().insert_sql(), columns().args(a, {{"tenant_id", tenant_id_}}));
  audit::record(sql_, tenant_id_, who, "action", a.id, "create", nullptr, audited(a));
  tx.commit();
  return get(a.id);
}

Action ActionStore::create(const core::AuthContext* who, const std::string& project_id,
                           const Action& fields) {
  return add(who, project_id, fields, "manual");
}

Action ActionStore::create(const core::AuthContext* who, const std::string& project_id,
                           const ActionFields& fields, const std::string& origin) {
  return add(who, project_id, apply_fields(Action{}, fields), origin);
}

std::vector<Action> ActionStore::of_project(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  return query("a.project_id = :project_id", "project_id", project_id);
}

std::vector<Action> ActionStore::of_person(const std::string& person_id) {
  return query("a.responsible_id = :person_id", "person_id", person_id);
}

Action ActionStore::get(const std::string& id) {
  return core::found(query("a.id = :id", "id", id), "action", id);
}

Action ActionStore::update(const core::AuthContext* who, const Action& changed,
                           long long expected_version) {
  return kit::checked_update(
      sql_, columns(), tenant_id_, who, "action", changed, expected_version,
      [&] { return get(changed.id); }, [&](const Action& a) { check_person(a.responsible_id); },
      [](const Action& a) { return to_json(a); }, audited, std::string(kStale));
}

Action ActionStore::update(const core::AuthContext* who, const std::string& id,
                           long long expected_version, const ActionFields& fields) {
  return update(who, apply_fields(get(id), fields), expected_version);
}

void ActionStore::remove(const core::AuthContext* who, const std::string& id) {
  kit::remove_row(
      sql_, tenant_id_, who, "action", columns(), id, [&] { return get(id); }, audited);
}

std::vector<Suggestion> ActionStore::suggestions(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  std::set<std::pair<std::string, std::string>> taken;
  for (const auto& r :
       db::query(sql_, kNotesTaken, {{"tenant_id", tenant_id_}, {"project_id", project_id}}))
    taken.insert({db::text(r, "map_id"), db::text(r, "element_id")});
  maps::MapStore map_store(sql_, tenant_id_);
  std::vector<Suggestion> out;
  for (const auto& m : map_store.list(project_id)) {
    if (m.kind != "redesign") continue;
    for (auto& note : before_go_live_notes(map_store.xml(m.id))) {
      if (note.element_id.empty() || taken.count({m.id, note.element_id})) continue;
      out.push_back({m.id, m.title, std::move(note)});
    }
  }
  return out;
}

Action ActionStore::accept(const core::AuthContext* who, const std::string& project_id,
                           const std::string& map_id, const std::string& element_id) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  for (const auto& a : of_project(project_id)) {
    if (a.map_id == map_id && a.element_id == element_id) {
      throw core::Conflict(core::Message{"err.note_in_plan"}, to_json(a));
    }
  }
  std::optional<Suggestion> found;
  for (auto& s : suggestions(project_id)) {
    if (s.map_id == map_id && s.step.element_id == element_id) found = std::move(s);
  }
  if (!found) throw core::NotFound("no before-go-live note on that step of a redesign map");
  Action a;
  a.task = found->step.note.substr(0, kTaskMax);
  if (!found->step.step_name.empty()) a.how = found->step.step_name;
  a.map_id = map_id;
  a.element_id = element_id;
  a = add(who, project_id, a, "map_note");
  tx.commit();
  return a;
}

std::vector<ImportRow> ActionStore::plan_import(const std::string& project_id, std::string_view csv,
                                                const ImportVocabulary& vocab) {
  std::set<std::string> ids;
  for (const auto& a : of_project(project_id)) ids.insert(a.id);
  PeopleIndex index;
  for (const auto& r : db::query(sql_, kPeople, {{"tenant_id", tenant_id_}})) {
    auto id = db::text(r, "id");
    index.ids.insert(id);
    index.by_name[lower_ascii(db::text(r, "name"))].push_back(id);
  }
  if (csv.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw core::ValidationError("csv", "is empty; the first line names the columns");
  std::map<std::string, std::string> kpis;
  for (const auto& [id, name] : project_kpis(project_id)) kpis.emplace(lower_ascii(name), id);
  core::Table table;
  try {
    table = core::read_csv(csv, core::kMaxImportRows + 1);
  } catch (const core::PayloadTooLarge& e) {
    throw core::ValidationError("csv", e.what());
  }
  return actions::plan_import(table, vocab, index, ids, kpis);
}

std::vector<std::pair<std::string, std::string>> ActionStore::project_kpis(
    const std::string& project_id) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r :
       db::query(sql_, kProjectKpis, {{"tenant_id", tenant_id_}, {"project_id", project_id}}))
    out.emplace_back(db::text(r, "id"), db::text(r, "name"));
  return out;
}

void ActionStore::apply_import(const core::AuthContext* who, const std::string& project_id,
                               const std::vector<ImportRow>& rows) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  for (const auto& row : rows) {
    if (row.id) {
      Action current = get(*row.id);
      if (current.project_id != project_id) throw core::NotFound("no action with id " + *row.id);
      // An import is the plan as the file says: last writer wins, like a paste.
      update(who, *row.id, current.version, row.fields);
    } else {
      create(who, project_id, row.fields, "import");
    }
  }
  tx.commit();
}

ActionStore::Counts ActionStore::counts(const std::string& project_id, const std::string& today) {
  static constexpr std::string_view kCounts =
      "SELECT COUNT(*) AS total, "
      "COALESCE(SUM(CASE WHEN status IN ('not_started', 'in_progress') THEN 1 ELSE 0 END), 0) "
      "AS open_rows, COALESCE(SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END), 0) AS done_rows, "
      "COALESCE(SUM(CASE WHEN deadline IS NOT NULL AND deadline < :today AND status NOT IN "
      "('done', 'dropped') THEN 1 ELSE 0 END), 0) AS overdue_rows FROM actions WHERE tenant_id = "
      ":tenant_id AND project_id = :project_id";
  Counts c;
  for (const auto& r :
       db::query(sql_, kCounts,
                 {{"tenant_id", tenant_id_}, {"project_id", project_id}, {"today", today}})) {
    c.total = static_cast<int>(db::integer(r, "total"));
    c.open = static_cast<int>(db::integer(r, "open_rows"));
    c.done = static_cast<int>(db::integer(r, "done_rows"));
    c.overdue = static_cast<int>(db::integer(r, "overdue_rows"));
  }
  return c;
}

}  // namespace actions
