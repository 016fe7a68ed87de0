#include "programmes/portfolio_store.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "db/columns.hpp"
#include "projects/method_template.hpp"

namespace programmes {
namespace {

// The project's own columns; its last update is worked out from three.
const db::Columns<PortfolioRow>& columns() {
  static const auto c = db::Columns<PortfolioRow>()
                            .read_only("id", &PortfolioRow::id)
                            .read_only("title", &PortfolioRow::title)
                            .read_only("template_key", &PortfolioRow::template_key)
                            .read_only("phase_key", &PortfolioRow::phase_key)
                            .read_only("status", &PortfolioRow::status)
                            .read_only("status_reason", &PortfolioRow::status_reason)
                            .read_only("start_date", &PortfolioRow::start_date)
                            .read_only("end_date", &PortfolioRow::end_date);
  return c;
}

const std::string kProjects =
    "SELECT " + columns().list("p.") +
    ", p.updated_at, (SELECT MAX(c.updated_at) FROM checklist_items c WHERE "
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
  const db::Arg tenant[] = {{"tenant_id", tenant_id_}};
  for (const auto& r : db::query(sql_, kProjects, tenant)) {
    PortfolioRow p = columns().read(r);
    if (const auto* t = projects::find_template(p.template_key))
      p.phase_index = t->phase_index(p.phase_key);
    p.last_update = latest({db::opt_text(r, "updated_at"), db::opt_text(r, "items_at"),
                            db::opt_text(r, "decisions_at")});
    index[p.id] = out.size();
    out.push_back(std::move(p));
  }
  for (const auto& r : db::query(sql_, kUnits, tenant)) {
    auto it = index.find(db::text(r, "project_id"));
    if (it == index.end()) continue;
    out[it->second].unit_ids.push_back(db::text(r, "unit_id"));
    out[it->second].unit_names.push_back(db::text(r, "name"));
  }
  for (const auto& r : db::query(sql_, kProgrammes, tenant)) {
    auto it = index.find(db::text(r, "project_id"));
    if (it != index.end())
      out[it->second].programmes.emplace_back(db::text(r, "id"), db::text(r, "title"));
  }
  std::map<std::string, std::set<std::string>> tracks;
  for (const auto& r : db::query(sql_, kTracks, tenant))
    tracks[db::text(r, "project_id")].insert(db::text(r, "name"));
  for (auto& p : out) {
    const auto& names = tracks[p.id];
    p.tracks.assign(names.begin(), names.end());
  }
  return out;
}

}  // namespace programmes
