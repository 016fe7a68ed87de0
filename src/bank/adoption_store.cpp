#include "bank/adoption_store.hpp"

#include <set>
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "kpis/kpi_store.hpp"
#include "maps/map_store.hpp"
#include "projects/project_store.hpp"

namespace bank {
namespace {

using nlohmann::json;

// Read across tenants on purpose: a published snapshot is what its publisher gave everyone.
constexpr std::string_view kSelectPublished =
    "SELECT e.current_version, v.snapshot FROM bank_entries e JOIN bank_entry_versions v ON "
    "v.entry_id = e.id AND v.number = e.current_version WHERE e.id = :id AND e.status = "
    "'published'";
constexpr std::string_view kSelectUnits =
    "SELECT id, name FROM units WHERE tenant_id = :tenant_id ORDER BY name, id";
constexpr std::string_view kSelectKind = "SELECT kind FROM tenants WHERE id = :tenant_id";
constexpr std::string_view kInsertAdoption =
    "INSERT INTO bank_adoptions (tenant_id, project_id, entry_id, entry_version, consent, "
    "created_at) VALUES (:tenant_id, :project_id, :entry_id, :entry_version, :consent, "
    ":created_at)";
constexpr std::string_view kCountTenants =
    "SELECT COUNT(DISTINCT tenant_id) FROM bank_adoptions WHERE entry_id = :entry_id";
constexpr std::string_view kSelectHeadlines =
    "SELECT p.title, t.name, a.created_at FROM bank_adoptions a JOIN projects p ON p.tenant_id = "
    "a.tenant_id AND p.id = a.project_id JOIN tenants t ON t.id = a.tenant_id WHERE a.entry_id "
    "= :entry_id AND a.consent = 1 ORDER BY a.created_at, a.project_id";

}  // namespace

json to_json(const Headline& h) {
  return {{"title", h.title}, {"municipality", h.municipality}, {"started_at", h.started_at}};
}

Published AdoptionStore::published(const std::string& entry_id) {
  auto rows = db::query(sql_, kSelectPublished, {{"id", entry_id}});
  if (rows.empty()) throw core::NotFound("no published bank entry with that id");
  Published p;
  p.entry_id = entry_id;
  p.version = db::integer(rows[0], "current_version");
  p.entry = entry_from_json(json::parse(db::text(rows[0], "snapshot")));
  return p;
}

std::vector<UnitChoice> AdoptionStore::units() {
  std::vector<UnitChoice> out;
  for (const auto& r : db::query(sql_, kSelectUnits, {{"tenant_id", tenant_id_}}))
    out.push_back({db::text(r, "id"), db::text(r, "name")});
  return out;
}

bool AdoptionStore::is_municipality() {
  auto rows = db::query(sql_, kSelectKind, {{"tenant_id", tenant_id_}});
  return !rows.empty() && db::text(rows[0], "kind") == "municipality";
}

projects::Project AdoptionStore::start(const core::AuthContext& who, const Published& from,
                                       const StartRequest& request, const StartTexts& texts) {
  if (!is_municipality()) throw core::Forbidden(core::Message{"bank_start_err_umbrella"});
  const auto* method = projects::find_template(method_for(from.entry));
  projects::CharterFields charter;
  charter.title = request.title;
  if (!from.entry.summary.empty()) charter.purpose = std::optional<std::string>(from.entry.summary);
  std::set<std::string> unit_ids;
  for (const auto& [lane, unit] : request.lanes) unit_ids.insert(unit.id);
  charter.unit_ids = std::vector<std::string>(unit_ids.begin(), unit_ids.end());
  db::WriteTx tx(sql_);
  auto project = projects::ProjectStore(sql_, tenant_id_).create(&who, *method, charter);
  add_maps(who, project.id, from.entry, request, texts);
  add_kpis(who, project.id, from.entry);
  const auto now = core::now_iso();
  db::execute(sql_, kInsertAdoption,
              {{"tenant_id", tenant_id_},
               {"project_id", project.id},
               {"entry_id", from.entry_id},
               {"entry_version", from.version},
               {"consent", request.consent ? 1 : 0},
               {"created_at", now}});
  audit::record(sql_, tenant_id_, &who, "bank_adoption", project.id, "create", nullptr,
                {{"entry_id", from.entry_id},
                 {"entry_version", from.version},
                 {"map_as", request.map_as},
                 {"consent", request.consent}});
  tx.commit();
  return project;
}

void AdoptionStore::add_maps(const core::AuthContext& who, const std::string& project_id,
                             const Entry& entry, const StartRequest& request,
                             const StartTexts& texts) {
  maps::MapStore store(sql_, tenant_id_);
  const auto& source = entry.redesign_bpmn ? entry.redesign_bpmn : entry.as_is_bpmn;
  maps::MapInfo initial;
  initial.kind = "as_is";
  initial.title = texts.as_is_title;
  initial.citizen_lane = texts.citizen_lane;
  if (!source) {
    store.create(&who, project_id, initial);
    return;
  }
  auto xml = adopt_map_xml(*source, request.lanes, entry.tasks);
  if (request.map_as == "redesign") {
    store.create(&who, project_id, initial);
    store.create(&who, project_id,
                 maps::NewMap{"redesign", texts.redesign_title, std::nullopt, xml}, xml);
  } else {
    store.create(&who, project_id, maps::NewMap{"as_is", texts.as_is_title, std::nullopt, xml},
                 xml);
  }
}

void AdoptionStore::add_kpis(const core::AuthContext& who, const std::string& project_id,
                             const Entry& entry) {
  kpis::KpiStore store(sql_, tenant_id_);
  for (const auto& figure : entry.kpis) {
    core::Input input(kpi_input(figure, who.today()), false);
    kpis::Kpi kpi;
    try {
      kpi = kpis::kpi_fields().parse_new(input);
    } catch (const core::ValidationError&) {
      continue;  // a definition this version cannot read is left out, not the whole start
    }
    store.create(&who, project_id, kpi);
  }
}

int AdoptionStore::used_by(const std::string& entry_id) {
  return static_cast<int>(db::scalar(sql_, kCountTenants, {{"entry_id", entry_id}}));
}

std::vector<Headline> AdoptionStore::headlines(const std::string& entry_id) {
  std::vector<Headline> out;
  for (const auto& r : db::query(sql_, kSelectHeadlines, {{"entry_id", entry_id}}))
    out.push_back({db::text(r, "title"), db::text(r, "name"), db::text(r, "created_at")});
  return out;
}

json started_projects(soci::session& sql, const std::string& entry_id) {
  json out = json::array();
  // The tenant does not matter: headlines are read for the entry, whoever reads them.
  for (const auto& h : AdoptionStore(sql, "").headlines(entry_id)) out.push_back(to_json(h));
  return out;
}

}  // namespace bank
