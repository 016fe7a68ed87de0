#include "programmes/programme_store.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"
#include "kit/versioned_wording.hpp"

namespace programmes {
namespace {

// The programme's fields, kept by the tenant that owns it (not limited to one: umbrellas
// share theirs).
const db::Columns<Programme>& columns() {
  static const auto c = programme_fields()
                            .columns("programmes", {})
                            .text("tenant_id", &Programme::tenant_id, db::Write::kKey);
  return c;
}

// Visible to the viewer: its own programmes and those of umbrellas it joined.
constexpr std::string_view kVisible =
    "(g.tenant_id = :viewer OR g.tenant_id IN (SELECT m.umbrella_tenant_id FROM umbrella_members "
    "m WHERE m.member_tenant_id = :viewer)) ";
const std::string kSelectVisible =
    columns().select_joined("g",
                            "t.name AS owner_name, (SELECT COUNT(*) FROM programme_projects pp "
                            "WHERE pp.tenant_id = g.tenant_id AND pp.programme_id = g.id) AS "
                            "project_count",
                            "JOIN tenants t ON t.id = g.tenant_id") +
    " WHERE " + std::string(kVisible);
const std::string kSelectById = kSelectVisible + "AND g.id = :id";
constexpr std::string_view kPageOrder = "AND g.id > :after ORDER BY g.id LIMIT :lim";
const std::string kSelectPage = kSelectVisible + std::string(kPageOrder);

// The clusters or tracks of every programme on a page (the programmes kSelectPage reads)
// in one query, instead of one per programme.
std::string page_groups(std::string_view table) {
  return "SELECT x.tenant_id, x.programme_id, x.id, x.name FROM " + std::string(table) +
         " x WHERE x.programme_id IN (SELECT g.id FROM programmes g WHERE " +
         std::string(kVisible) + std::string(kPageOrder) + ") ORDER BY x.id";
}

// What a programme is made of, emptied in this order before the programme itself goes.
constexpr std::array<std::string_view, 4> kPartTables = {
    "programme_project_tracks", "programme_projects", "programme_clusters", "programme_tracks"};

std::string delete_parts(std::string_view table) {
  return "DELETE FROM " + std::string(table) +
         " WHERE tenant_id = :tenant_id AND programme_id = :id";
}

// Clusters and tracks share a shape; each kind has its own table.
struct GroupSql {
  std::string_view select, insert, rename, unlink, remove, entity, unique_constraint, sqlite_hint;
};
constexpr GroupSql kClusterSql{
    "SELECT id, name FROM programme_clusters WHERE tenant_id = :tenant_id AND programme_id = "
    ":programme_id ORDER BY id",
    "INSERT INTO programme_clusters (tenant_id, id, programme_id, name, created_at) VALUES "
    "(:tenant_id, :id, :programme_id, :name, :created_at)",
    "UPDATE programme_clusters SET name = :name WHERE tenant_id = :tenant_id AND id = :id",
    "UPDATE programme_projects SET cluster_id = NULL WHERE tenant_id = :tenant_id AND "
    "cluster_id = :id",
    "DELETE FROM programme_clusters WHERE tenant_id = :tenant_id AND id = :id",
    "programme_cluster",
    "programme_clusters_name_uq",
    "programme_clusters.name"};
constexpr GroupSql kTrackSql{
    "SELECT id, name FROM programme_tracks WHERE tenant_id = :tenant_id AND programme_id = "
    ":programme_id ORDER BY id",
    "INSERT INTO programme_tracks (tenant_id, id, programme_id, name, created_at) VALUES "
    "(:tenant_id, :id, :programme_id, :name, :created_at)",
    "UPDATE programme_tracks SET name = :name WHERE tenant_id = :tenant_id AND id = :id",
    "DELETE FROM programme_project_tracks WHERE tenant_id = :tenant_id AND track_id = :id",
    "DELETE FROM programme_tracks WHERE tenant_id = :tenant_id AND id = :id",
    "programme_track",
    "programme_tracks_name_uq",
    "programme_tracks.name"};

const GroupSql& sql_for(GroupKind kind) {
  return kind == GroupKind::kCluster ? kClusterSql : kTrackSql;
}

const kit::Wording kWording{"programme", core::Message{"err.programme_stale"},
                            core::Message{"err.programme_moved"}};

// The programme with its owner's name and its number of projects.
Programme programme_from_row(const db::Row& r) {
  Programme p = columns().read(r);
  p.owner_name = db::text(r, "owner_name");
  p.project_count = db::integer(r, "project_count");
  return p;
}

}  // namespace

std::vector<Group> ProgrammeStore::groups(const std::string& owner, const std::string& programme_id,
                                          GroupKind kind) {
  std::vector<Group> out;
  auto rows =
      db::query(sql_, sql_for(kind).select, {{"tenant_id", owner}, {"programme_id", programme_id}});
  for (const auto& r : rows) out.push_back({db::text(r, "id"), db::text(r, "name")});
  return out;
}

std::vector<Programme> ProgrammeStore::page(const std::string& after, int limit) {
  std::vector<Programme> out;
  for (const auto& r :
       db::query(sql_, kSelectPage, {{"viewer", tenant_id_}, {"after", after}, {"lim", limit + 1}}))
    out.push_back(programme_from_row(r));
  std::map<std::string, Programme*> by_id;
  for (auto& p : out) by_id[p.id] = &p;
  static const std::string clusters = page_groups("programme_clusters");
  static const std::string tracks = page_groups("programme_tracks");
  for (const auto* sql : {&clusters, &tracks}) {
    for (const auto& r :
         db::query(sql_, *sql, {{"viewer", tenant_id_}, {"after", after}, {"lim", limit + 1}})) {
      auto it = by_id.find(db::text(r, "programme_id"));
      if (it == by_id.end() || it->second->tenant_id != db::text(r, "tenant_id")) continue;
      (sql == &clusters ? it->second->clusters : it->second->tracks)
          .push_back({db::text(r, "id"), db::text(r, "name")});
    }
  }
  return out;
}

Programme ProgrammeStore::get(const std::string& id) {
  auto rows = db::query(sql_, kSelectById, {{"viewer", tenant_id_}, {"id", id}});
  if (rows.empty()) throw core::NotFound("no programme with id " + id);
  Programme found = programme_from_row(rows[0]);
  found.clusters = groups(found.tenant_id, id, GroupKind::kCluster);
  found.tracks = groups(found.tenant_id, id, GroupKind::kTrack);
  return found;
}

void ProgrammeStore::insert_group(const std::string& owner, const std::string& programme_id,
                                  GroupKind kind, const std::string& name, const std::string& id,
                                  const std::string& now) {
  const auto& q = sql_for(kind);
  try {
    db::execute(sql_, q.insert,
                {{"tenant_id", owner},
                 {"id", id},
                 {"programme_id", programme_id},
                 {"name", name},
                 {"created_at", now}});
  } catch (const soci::soci_error& e) {
    db::map_constraint(
        e, {{q.unique_constraint, q.sqlite_hint,
             [] { throw core::ValidationError("name", "is already used in this programme"); }}});
    throw;
  }
}

Programme ProgrammeStore::create(const core::AuthContext* who, const Programme& fields) {
  Programme p = fields;
  p.id = core::new_id();
  p.tenant_id = tenant_id_;
  p.created_at = p.updated_at = core::now_iso();
  db::WriteTx tx(sql_);
  db::execute(sql_, columns().insert_sql(), columns().args(p));
  for (const auto& g : fields.clusters)
    insert_group(p.tenant_id, p.id, GroupKind::kCluster, g.name, core::new_id(), p.created_at);
  for (const auto& g : fields.tracks)
    insert_group(p.tenant_id, p.id, GroupKind::kTrack, g.name, core::new_id(), p.created_at);
  Programme stored = get(p.id);
  audit::record(sql_, p.tenant_id, who, "programme", p.id, "create", nullptr,
                to_json(stored, tenant_id_));
  tx.commit();
  return stored;
}

Programme ProgrammeStore::create(const core::AuthContext* who, const ProgrammeFields& fields) {
  Programme p;
  p.title = fields.title.value_or("");
  p.description = fields.description.value_or(std::nullopt);
  for (const auto& name : fields.clusters) p.clusters.push_back({"", name});
  for (const auto& name : fields.tracks) p.tracks.push_back({"", name});
  return create(who, p);
}

// Only title and description change here; clusters and tracks have their own writes.
Programme ProgrammeStore::update(const core::AuthContext* who, const Programme& changed,
                                 long long expected_version) {
  return kit::versioned_update<Programme>(
      sql_, changed.tenant_id, who, kWording, changed.id, expected_version,
      [&] { return get(changed.id); },
      [&](long long version) {
        Programme row = changed;
        row.updated_at = core::now_iso();
        return db::execute(sql_, columns().update_sql(),
                           columns().args(row, {{"expected", version}}));
      },
      [this](const Programme& p) { return to_json(p, tenant_id_); });
}

void ProgrammeStore::remove(const core::AuthContext* who, const std::string& id) {
  db::WriteTx tx(sql_);
  Programme before = get(id);
  for (auto table : kPartTables)
    db::execute(sql_, delete_parts(table), {{"tenant_id", before.tenant_id}, {"id", id}});
  db::execute(sql_, columns().delete_sql(), {{"tenant_id", before.tenant_id}, {"id", id}});
  audit::record(sql_, before.tenant_id, who, "programme", id, "delete", to_json(before, tenant_id_),
                nullptr);
  tx.commit();
}

Group ProgrammeStore::add_group(const core::AuthContext* who, const Programme& programme,
                                GroupKind kind, const std::string& name) {
  db::WriteTx tx(sql_);
  auto existing = groups(programme.tenant_id, programme.id, kind);
  if (std::any_of(existing.begin(), existing.end(), [&](const Group& g) { return g.name == name; }))
    throw core::ValidationError("name", "is already used in this programme");
  if (existing.size() >= kMaxGroups) {
    throw core::ValidationError("name", "the programme already has 50; remove one first");
  }
  Group g{core::new_id(), name};
  insert_group(programme.tenant_id, programme.id, kind, name, g.id, core::now_iso());
  audit::record(sql_, programme.tenant_id, who, std::string(sql_for(kind).entity), g.id, "create",
                nullptr, {{"programme", programme.title}, {"name", name}});
  tx.commit();
  return g;
}

Group ProgrammeStore::rename_group(const core::AuthContext* who, const Programme& programme,
                                   GroupKind kind, const std::string& group_id,
                                   const std::string& name) {
  db::WriteTx tx(sql_);
  auto existing = groups(programme.tenant_id, programme.id, kind);
  auto it = std::find_if(existing.begin(), existing.end(),
                         [&](const Group& g) { return g.id == group_id; });
  if (it == existing.end()) throw core::NotFound("no such cluster or track in the programme");
  if (std::any_of(existing.begin(), existing.end(),
                  [&](const Group& g) { return g.name == name && g.id != group_id; }))
    throw core::ValidationError("name", "is already used in this programme");
  Group before = *it;
  db::execute(sql_, sql_for(kind).rename,
              {{"name", name}, {"tenant_id", programme.tenant_id}, {"id", group_id}});
  audit::record(sql_, programme.tenant_id, who, std::string(sql_for(kind).entity), group_id,
                "update", {{"name", before.name}}, {{"name", name}});
  tx.commit();
  return {group_id, name};
}

void ProgrammeStore::remove_group(const core::AuthContext* who, const Programme& programme,
                                  GroupKind kind, const std::string& group_id) {
  db::WriteTx tx(sql_);
  auto existing = groups(programme.tenant_id, programme.id, kind);
  auto it = std::find_if(existing.begin(), existing.end(),
                         [&](const Group& g) { return g.id == group_id; });
  if (it == existing.end()) throw core::NotFound("no such cluster or track in the programme");
  const auto& q = sql_for(kind);
  for (auto statement : {q.unlink, q.remove})
    db::execute(sql_, statement, {{"tenant_id", programme.tenant_id}, {"id", group_id}});
  audit::record(sql_, programme.tenant_id, who, std::string(q.entity), group_id, "delete",
                {{"programme", programme.title}, {"name", it->name}}, nullptr);
  tx.commit();
}

}  // namespace programmes
