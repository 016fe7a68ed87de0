// A programme's attached projects: what the programme shows of each, where it sits, and
// attaching, moving and detaching (audited for the programme's owner and the project's
// tenant alike).
#include <map>
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/write_tx.hpp"
#include "programmes/portfolio.hpp"
#include "programmes/programme_store.hpp"

namespace programmes {
namespace {

using nlohmann::json;

// Only the fields a programme shows; the project's last update takes its
// checklist and decisions into account.
constexpr std::string_view kSelectAttached =
    "SELECT pp.project_id, pp.project_tenant_id, t.name AS tenant_name, p.title, p.template_key, "
    "p.phase_key, p.status, p.updated_at, pp.cluster_id, pp.attached_at, (SELECT "
    "MAX(c.updated_at) FROM checklist_items c WHERE c.tenant_id = p.tenant_id AND c.project_id = "
    "p.id) AS items_at, (SELECT MAX(d.created_at) FROM decisions d WHERE d.tenant_id = "
    "p.tenant_id AND d.project_id = p.id) AS decisions_at FROM programme_projects pp JOIN "
    "projects p ON p.tenant_id = pp.project_tenant_id AND p.id = pp.project_id JOIN tenants t ON "
    "t.id = pp.project_tenant_id WHERE pp.tenant_id = :tenant_id AND pp.programme_id = "
    ":programme_id ";
const std::string kAllAttached = std::string(kSelectAttached) + "ORDER BY pp.project_id";
const std::string kOneAttached = std::string(kSelectAttached) + "AND pp.project_id = :project_id";
constexpr std::string_view kSelectAttachedTracks =
    "SELECT project_id, track_id FROM programme_project_tracks WHERE tenant_id = :tenant_id AND "
    "programme_id = :programme_id ORDER BY track_id";
constexpr std::string_view kInsertAttached =
    "INSERT INTO programme_projects (tenant_id, programme_id, project_tenant_id, project_id, "
    "cluster_id, attached_at, attached_by) VALUES (:tenant_id, :programme_id, "
    ":project_tenant_id, :project_id, :cluster_id, :attached_at, :attached_by)";
constexpr std::string_view kUpdateCluster =
    "UPDATE programme_projects SET cluster_id = :cluster_id WHERE tenant_id = :tenant_id AND "
    "programme_id = :programme_id AND project_id = :project_id";
constexpr std::string_view kDeleteProjectTracks =
    "DELETE FROM programme_project_tracks WHERE tenant_id = :tenant_id AND programme_id = "
    ":programme_id AND project_id = :project_id";
constexpr std::string_view kInsertProjectTrack =
    "INSERT INTO programme_project_tracks (tenant_id, programme_id, project_id, track_id) VALUES "
    "(:tenant_id, :programme_id, :project_id, :track_id)";
constexpr std::string_view kDeleteAttached =
    "DELETE FROM programme_projects WHERE tenant_id = :tenant_id AND programme_id = "
    ":programme_id AND project_id = :project_id";

// An attachment's columns; the project's own are joined to it for reading.
const db::Columns<AttachedProject>& attached_columns() {
  static const auto c = db::Columns<AttachedProject>()
                            .text("project_id", &AttachedProject::project_id)
                            .text("project_tenant_id", &AttachedProject::tenant_id)
                            .read_only("tenant_name", &AttachedProject::tenant_name)
                            .read_only("title", &AttachedProject::title)
                            .read_only("template_key", &AttachedProject::template_key)
                            .read_only("phase_key", &AttachedProject::phase_key)
                            .read_only("status", &AttachedProject::status)
                            .text("cluster_id", &AttachedProject::cluster_id)
                            .text("attached_at", &AttachedProject::attached_at);
  return c;
}

// What the audit log keeps of an attachment: names, not ids.
json placement_json(const Programme& p, const AttachedProject& a) {
  json tracks = json::array();
  for (const auto& id : a.track_ids) {
    if (const Group* g = find_group(p.tracks, id)) tracks.push_back(g->name);
  }
  const Group* cluster = a.cluster_id ? find_group(p.clusters, *a.cluster_id) : nullptr;
  return {{"programme", p.title},
          {"project", a.title},
          {"cluster", cluster ? json(cluster->name) : json()},
          {"tracks", tracks}};
}

}  // namespace

std::vector<AttachedProject> ProgrammeStore::load_attached(const Programme& programme,
                                                           const std::string& project_id) {
  std::vector<AttachedProject> out;
  auto rows = project_id.empty()
                  ? db::query(sql_, kAllAttached,
                              {{"tenant_id", programme.tenant_id}, {"programme_id", programme.id}})
                  : db::query(sql_, kOneAttached,
                              {{"tenant_id", programme.tenant_id},
                               {"programme_id", programme.id},
                               {"project_id", project_id}});
  for (const auto& r : rows) {
    AttachedProject a = attached_columns().read(r);
    a.last_update = latest({db::opt_text(r, "updated_at"), db::opt_text(r, "items_at"),
                            db::opt_text(r, "decisions_at")});
    out.push_back(std::move(a));
  }
  std::map<std::string, std::vector<std::string>> tracks;
  for (const auto& r :
       db::query(sql_, kSelectAttachedTracks,
                 {{"tenant_id", programme.tenant_id}, {"programme_id", programme.id}}))
    tracks[db::text(r, "project_id")].push_back(db::text(r, "track_id"));
  for (auto& a : out) a.track_ids = tracks[a.project_id];
  return out;
}

std::vector<AttachedProject> ProgrammeStore::projects(const Programme& programme) {
  return load_attached(programme, "");
}

std::optional<AttachedProject> ProgrammeStore::attached(const Programme& programme,
                                                        const std::string& project_id) {
  if (project_id.empty()) return std::nullopt;
  auto found = load_attached(programme, project_id);
  if (found.empty()) return std::nullopt;
  return found.front();
}

void ProgrammeStore::save_tracks(const Programme& programme, const std::string& project_id,
                                 const std::vector<std::string>& track_ids) {
  const db::Arg where[] = {{"tenant_id", programme.tenant_id},
                           {"programme_id", programme.id},
                           {"project_id", project_id}};
  db::execute(sql_, kDeleteProjectTracks, where);
  for (const auto& track : track_ids) {
    db::execute(sql_, kInsertProjectTrack, {where[0], where[1], where[2], {"track_id", track}});
  }
}

void ProgrammeStore::record_attachment(const core::AuthContext* who, const Programme& programme,
                                       const std::string& project_tenant_id,
                                       const std::string& project_id, const std::string& action,
                                       const json& before, const json& after) {
  audit::record(sql_, programme.tenant_id, who, "programme_project", project_id, action, before,
                after);
  if (project_tenant_id != programme.tenant_id) {
    audit::record(sql_, project_tenant_id, who, "programme_project", project_id, action, before,
                  after);
  }
}

AttachedProject ProgrammeStore::attach(const core::AuthContext* who, const Programme& programme,
                                       const std::string& project_id, const Placement& placement) {
  db::WriteTx tx(sql_);
  if (auto existing = attached(programme, project_id)) {
    throw core::Conflict("the project is already in the programme",
                         to_json(*existing, programme, tenant_id_));
  }
  auto [cluster, tracks] = resolve_placement(programme, placement, std::nullopt, {});
  AttachedProject row;
  row.project_id = project_id;
  row.tenant_id = tenant_id_;
  row.cluster_id = cluster;
  row.attached_at = core::now_iso();
  auto by = who ? std::optional<std::string>(who->name) : std::nullopt;
  db::execute(sql_, kInsertAttached,
              attached_columns().args(row, {{"tenant_id", programme.tenant_id},
                                            {"programme_id", programme.id},
                                            {"attached_by", by}}));
  save_tracks(programme, project_id, tracks);
  auto stored = attached(programme, project_id);
  if (!stored) throw core::NotFound("no project with id " + project_id);
  record_attachment(who, programme, tenant_id_, project_id, "create", nullptr,
                    placement_json(programme, *stored));
  tx.commit();
  return *stored;
}

AttachedProject ProgrammeStore::place(const core::AuthContext* who, const Programme& programme,
                                      const std::string& project_id, const Placement& placement) {
  db::WriteTx tx(sql_);
  auto before = attached(programme, project_id);
  if (!before) throw core::NotFound("the project is not in the programme");
  auto [cluster, tracks] =
      resolve_placement(programme, placement, before->cluster_id, before->track_ids);
  db::execute(sql_, kUpdateCluster,
              {{"cluster_id", cluster},
               {"tenant_id", programme.tenant_id},
               {"programme_id", programme.id},
               {"project_id", project_id}});
  save_tracks(programme, project_id, tracks);
  auto after = *attached(programme, project_id);
  record_attachment(who, programme, before->tenant_id, project_id, "update",
                    placement_json(programme, *before), placement_json(programme, after));
  tx.commit();
  return after;
}

void ProgrammeStore::detach(const core::AuthContext* who, const Programme& programme,
                            const std::string& project_id) {
  db::WriteTx tx(sql_);
  auto before = attached(programme, project_id);
  if (!before) throw core::NotFound("the project is not in the programme");
  for (auto statement : {kDeleteProjectTracks, kDeleteAttached}) {
    db::execute(sql_, statement,
                {{"tenant_id", programme.tenant_id},
                 {"programme_id", programme.id},
                 {"project_id", project_id}});
  }
  record_attachment(who, programme, before->tenant_id, project_id, "delete",
                    placement_json(programme, *before), nullptr);
  tx.commit();
}

}  // namespace programmes
