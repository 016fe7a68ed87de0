#include "programmes/portfolio_store.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "db/row.hpp"
#include "projects/method_template.hpp"

namespace programmes {
namespace {

constexpr std::string_view kProjects =
    "SELECT p.id, p.title, p.template_key, p.phase_key, p.status, p.status_reason, p.start_date, "
    "p.end_date, p.updated_at, (SELECT MAX(c.updated_at) FROM checklist_items c WHERE "
    "c.tenant_id = p.tenant_id AND c.project_id = p.id) AS items_at, (SELECT MAX(d.created_at) "
    "FROM decisions d WHERE d.tenant_id = p.tenant_id AND d.project_id = p.id) AS decisions_at "
    "FROM projects p WHERE p.tenant_id = :tenant_id ORDER BY p.id";
constexpr std::string_view kUnits =
    "SELECT pu.project_id, pu.unit_id, u.name FROM project_units pu JOIN units u ON u.tenant_id = "
    "pu.tenant_id AND u.id = pu.unit_id WHERE pu.tenant_id = :tenant_id ORDER BY u.name, u.id";
// The tenant's projects may sit in an umbrella's programmes: join on the project's tenant.
constexpr std::string_view kProgrammes =
    "SELECT pp.project_id, g.id, g.title FROM programme_projects pp JOIN programmes g ON "
    "g.tenant_id = pp.tenant_id AND g.id = pp.programme_id WHERE pp.project_tenant_id = "
    ":tenant_id ORDER BY g.title, g.id";
constexpr std::string_view kTracks =
    "SELECT ppt.project_id, tr.name FROM programme_project_tracks ppt JOIN programme_projects pp "
    "ON pp.tenant_id = ppt.tenant_id AND pp.programme_id = ppt.programme_id AND pp.project_id = "
    "ppt.project_id JOIN programme_tracks tr ON tr.tenant_id = ppt.tenant_id AND tr.id = "
    "ppt.track_id WHERE pp.project_tenant_id = :tenant_id";

}  // namespace

std::vector<PortfolioRow> PortfolioStore::rows() {
  std::vector<PortfolioRow> out;
  std::map<std::string, std::size_t> index;
  {
    soci::rowset<soci::row> rows = (sql_.prepare << kProjects, soci::use(tenant_id_, "tenant_id"));
    for (const auto& r : rows) {
      PortfolioRow p;
      p.id = db::text(r, "id");
      p.title = db::text(r, "title");
      p.template_key = db::text(r, "template_key");
      p.phase_key = db::text(r, "phase_key");
      if (const auto* t = projects::find_template(p.template_key))
        p.phase_index = t->phase_index(p.phase_key);
      p.status = db::text(r, "status");
      p.status_reason = db::opt_text(r, "status_reason");
      p.start_date = db::opt_text(r, "start_date");
      p.end_date = db::opt_text(r, "end_date");
      p.last_update = latest({db::opt_text(r, "updated_at"), db::opt_text(r, "items_at"),
                              db::opt_text(r, "decisions_at")});
      index[p.id] = out.size();
      out.push_back(std::move(p));
    }
  }
  {
    soci::rowset<soci::row> rows = (sql_.prepare << kUnits, soci::use(tenant_id_, "tenant_id"));
    for (const auto& r : rows) {
      auto it = index.find(db::text(r, "project_id"));
      if (it == index.end()) continue;
      out[it->second].unit_ids.push_back(db::text(r, "unit_id"));
      out[it->second].unit_names.push_back(db::text(r, "name"));
    }
  }
  {
    soci::rowset<soci::row> rows =
        (sql_.prepare << kProgrammes, soci::use(tenant_id_, "tenant_id"));
    for (const auto& r : rows) {
      auto it = index.find(db::text(r, "project_id"));
      if (it != index.end())
        out[it->second].programmes.emplace_back(db::text(r, "id"), db::text(r, "title"));
    }
  }
  std::map<std::string, std::set<std::string>> tracks;
  {
    soci::rowset<soci::row> rows = (sql_.prepare << kTracks, soci::use(tenant_id_, "tenant_id"));
    for (const auto& r : rows) tracks[db::text(r, "project_id")].insert(db::text(r, "name"));
  }
  for (auto& p : out) {
    const auto& names = tracks[p.id];
    p.tracks.assign(names.begin(), names.end());
  }
  return out;
}

}  // namespace programmes
