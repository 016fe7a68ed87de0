#include "maps/map_store.hpp"

#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/found.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/keyset.hpp"
#include "db/write_tx.hpp"
#include "kit/store_rows.hpp"
#include "maps/bpmn_document.hpp"
#include "maps/bpmn_merge.hpp"
#include "maps/initial_map.hpp"
#include "maps/map_input.hpp"
#include "maps/metrics.hpp"

namespace maps {
namespace {

using nlohmann::json;

const db::Columns<MapInfo>& columns() {
  static const auto c = db::Columns<MapInfo>("maps", {"tenant_id"})
                            .id(&MapInfo::id)
                            .parent(&MapInfo::project_id)
                            .text("kind", &MapInfo::kind, db::Write::kOnce)
                            .text("title", &MapInfo::title, db::Write::kOnce)
                            .text("based_on_map_id", &MapInfo::based_on_map_id, db::Write::kOnce)
                            .version(&MapInfo::version)
                            .text("created_at", &MapInfo::created_at, db::Write::kOnce)
                            .text("updated_at", &MapInfo::updated_at);
  return c;
}

// Oldest first, and the same order again after a cursor (the last row's time and id).
// With each map's current metrics joined, not read map by map.
const std::string kSelectPage =
    "SELECT " + columns().list("m.") +
    ", v.metrics AS current_metrics FROM maps m JOIN map_versions v ON v.tenant_id = "
    "m.tenant_id AND v.map_id = m.id AND v.number = m.version WHERE m.tenant_id = :tenant_id AND "
    "m.project_id = :project_id AND " +
    db::keyset_page("m.created_at", "m.id", db::Order::kAscending);
const std::string kSelectOfProject =
    columns().select_sql() + " AND project_id = :project_id ORDER BY created_at, id";
// A map's own fields never change: a new version only bumps its number and time.
constexpr std::string_view kInsertVersion =
    "INSERT INTO map_versions (tenant_id, map_id, number, xml, metrics, comment, created_by, "
    "created_by_name, created_at) VALUES (:tenant_id, :map_id, :number, :xml, :metrics, :comment, "
    ":created_by, :created_by_name, :created_at)";
constexpr std::string_view kSelectXml =
    "SELECT xml AS content FROM map_versions WHERE tenant_id = :tenant_id AND map_id = :map_id "
    "AND number = :number";
constexpr std::string_view kSelectMetrics =
    "SELECT metrics AS content FROM map_versions WHERE tenant_id = :tenant_id AND map_id = :map_id "
    "AND number = :number";
constexpr std::string_view kSelectVersions =
    "SELECT number, comment, created_by_name, created_at, metrics FROM map_versions WHERE "
    "tenant_id = :tenant_id AND map_id = :map_id ORDER BY number DESC";
constexpr std::string_view kSelectUnits = "SELECT id FROM units WHERE tenant_id = :tenant_id";
constexpr std::string_view kSelectIdeas =
    "SELECT id, element_id, kind, text, carried_from, created_by_name, created_at FROM map_ideas "
    "WHERE tenant_id = :tenant_id AND map_id = :map_id ORDER BY created_at, id";
constexpr std::string_view kInsertIdea =
    "INSERT INTO map_ideas (tenant_id, id, map_id, element_id, kind, text, carried_from, "
    "created_by_name, created_at) VALUES (:tenant_id, :id, :map_id, :element_id, :kind, :text, "
    ":carried_from, :created_by_name, :created_at)";

json idea_from_row(const db::Row& r) {
  auto element = db::opt_text(r, "element_id");
  auto carried = db::opt_text(r, "carried_from");
  auto by = db::opt_text(r, "created_by_name");
  return {{"id", db::text(r, "id")},
          {"element_id", element ? json(*element) : json()},
          {"kind", db::text(r, "kind")},
          {"text", db::text(r, "text")},
          {"carried_from", carried ? json(*carried) : json()},
          {"created_by_name", by ? json(*by) : json()},
          {"created_at", db::text(r, "created_at")}};
}

// The xml or the metrics of one version (the statement names it `content`).
std::string version_text(soci::session& sql, const std::string& tenant_id,
                         std::string_view statement, const std::string& map_id, long long n) {
  auto rows =
      db::query(sql, statement, {{"tenant_id", tenant_id}, {"map_id", map_id}, {"number", n}});
  if (rows.empty()) throw core::NotFound("the map has no version " + std::to_string(n));
  return db::text(rows[0], "content");
}

void insert_idea(soci::session& sql, const std::string& tenant_id, const std::string& map_id,
                 const json& idea) {
  auto opt = [&](const char* key) {
    return idea[key].is_string() ? std::optional<std::string>(idea[key]) : std::nullopt;
  };
  db::execute(sql, kInsertIdea,
              {{"tenant_id", tenant_id},
               {"id", idea["id"].get<std::string>()},
               {"map_id", map_id},
               {"element_id", opt("element_id")},
               {"kind", idea["kind"].get<std::string>()},
               {"text", idea["text"].get<std::string>()},
               {"carried_from", opt("carried_from")},
               {"created_by_name", opt("created_by_name")},
               {"created_at", idea["created_at"].get<std::string>()}});
}

void note_warnings(const BpmnDocument& doc, MapInfo& m) {
  for (const auto& w : doc.warnings()) {
    m.warnings.push_back(w.message);
    m.left_out.push_back(w.element_id);
  }
}

}  // namespace

json to_json(const MapInfo& m) {
  return {{"id", m.id},
          {"project_id", m.project_id},
          {"kind", m.kind},
          {"title", m.title},
          {"based_on_map_id", m.based_on_map_id ? json(*m.based_on_map_id) : json()},
          {"version", m.version},
          {"created_at", m.created_at},
          {"updated_at", m.updated_at}};
}

std::set<std::string> MapStore::unit_ids() {
  std::set<std::string> out;
  for (const auto& r : db::query(sql_, kSelectUnits, {{"tenant_id", tenant_id_}}))
    out.insert(db::text(r, "id"));
  return out;
}

void MapStore::insert_version(const core::AuthContext* who, const std::string& map_id,
                              long long number, const std::string& xml, const json& metrics,
                              const std::optional<std::string>& comment) {
  std::optional<std::string> by, by_name;
  if (who) {
    by = who->person_id;
    by_name = who->name;
  }
  db::execute(sql_, kInsertVersion,
              {{"tenant_id", tenant_id_},
               {"map_id", map_id},
               {"number", number},
               {"xml", xml},
               {"metrics", metrics.dump()},
               {"comment", comment},
               {"created_by", by},
               {"created_by_name", by_name},
               {"created_at", core::now_iso()}});
}

MapInfo MapStore::create(const core::AuthContext* who, const std::string& project_id,
                         const NewMap& m, const std::string& initial_xml) {
  db::WriteTx tx(sql_);
  std::optional<MapInfo> source;
  if (m.copy_of) {
    source = info(*m.copy_of);
    if (source->project_id != project_id)
      throw core::ValidationError("copy_of", "is a map of another project");
  } else if (m.kind == "redesign" && !m.xml) {
    for (const auto& existing : list(project_id)) {
      if (existing.kind == "as_is") source = existing;  // the newest as-is wins
    }
  }
  std::string xml_text = m.xml ? *m.xml : source ? xml(source->id) : initial_xml;
  auto doc = BpmnDocument::parse(xml_text);
  if (source && m.kind == "redesign" && source->kind == "as_is") {
    doc = BpmnDocument::parse(rename_pools(doc.xml(), doc, source->title, m.title));
  }
  check_lane_units(doc, unit_ids());
  MapInfo made;
  made.id = core::new_id();
  made.project_id = project_id;
  made.kind = m.kind;
  made.title = m.title;
  if (source) made.based_on_map_id = source->id;
  made.created_at = made.updated_at = core::now_iso();
  db::execute(sql_, columns().insert_sql(), columns().args(made, {{"tenant_id", tenant_id_}}));
  std::optional<std::string> comment;
  if (source) comment = "copy of " + source->title + " v" + std::to_string(source->version);
  insert_version(who, made.id, 1, doc.xml(), to_json(compute_metrics(doc)), comment);
  note_warnings(doc, made);
  if (source) {
    for (auto idea : ideas(source->id)) {
      idea["carried_from"] = idea["id"];
      idea["id"] = core::new_id();
      insert_idea(sql_, tenant_id_, made.id, idea);
    }
  }
  audit::record(sql_, tenant_id_, who, "map", made.id, "create", nullptr, to_json(made));
  tx.commit();
  return made;
}

MapInfo MapStore::create(const core::AuthContext* who, const std::string& project_id,
                         const MapInfo& m) {
  auto xml = starting_xml(sql_, tenant_id_, project_id, m.title, m.citizen_lane);
  MapInfo created = create(who, project_id, NewMap{m.kind, m.title, m.copy_of, m.bpmn}, xml);
  created.metrics = metrics(created.id, created.version);
  return created;
}

std::vector<MapInfo> MapStore::list(const std::string& project_id, const http::Page& page) {
  return kit::project_keyset_page(sql_, kSelectPage, tenant_id_, project_id, page,
                                  [](const db::Row& r) {
                                    MapInfo m = columns().read(r);
                                    m.metrics = json::parse(db::text(r, "current_metrics"));
                                    return m;
                                  });
}

std::vector<MapInfo> MapStore::list(const std::string& project_id) {
  return columns().read_all(
      db::query(sql_, kSelectOfProject, {{"tenant_id", tenant_id_}, {"project_id", project_id}}));
}

MapInfo MapStore::get(const std::string& map_id) {
  MapInfo m = info(map_id);
  m.metrics = metrics(m.id, m.version);
  return m;
}

MapInfo MapStore::info(const std::string& map_id) {
  return core::found(columns().find(sql_, {{"tenant_id", tenant_id_}, {"id", map_id}}), "map",
                     map_id);
}

std::string MapStore::xml(const std::string& map_id, std::optional<long long> number) {
  return version_text(sql_, tenant_id_, kSelectXml, map_id,
                      number ? *number : info(map_id).version);
}

json MapStore::metrics(const std::string& map_id, std::optional<long long> number) {
  return json::parse(version_text(sql_, tenant_id_, kSelectMetrics, map_id,
                                  number ? *number : info(map_id).version));
}

json MapStore::current_version_info(const std::string& map_id) {
  auto all = versions(map_id);
  return all.empty() ? json::object() : all[0];
}

core::Conflict MapStore::conflict(const std::string& map_id) {
  json current = to_json(info(map_id));
  auto saved = current_version_info(map_id);
  current["saved_by"] = saved.value("created_by_name", json());
  current["saved_at"] = saved.value("created_at", json());
  return core::Conflict("the map was saved by someone else in the meantime", current);
}

MapInfo MapStore::save(const core::AuthContext* who, const std::string& map_id,
                       long long expected_version, std::string xml_text,
                       const std::optional<std::string>& comment, SaveMode mode) {
  // Merged only onto the version the editor read.
  if (mode == SaveMode::kMergeWithStored) {
    if (info(map_id).version != expected_version) throw conflict(map_id);
    xml_text = merge_edit(xml(map_id, expected_version), xml_text);
  }
  // Parse before taking the write lock: a 5 MB map should not hold up others.
  auto doc = BpmnDocument::parse(std::move(xml_text));
  json computed = to_json(compute_metrics(doc));
  db::WriteTx tx(sql_);
  check_lane_units(doc, unit_ids());
  MapInfo before = info(map_id);
  if (before.version != expected_version) throw conflict(map_id);
  std::string now = core::now_iso();
  if (db::execute(sql_, columns().update_sql(),
                  {{"updated_at", now},
                   {"tenant_id", tenant_id_},
                   {"id", map_id},
                   {"expected", before.version}}) != 1)
    throw conflict(map_id);
  insert_version(who, map_id, before.version + 1, doc.xml(), computed, comment);
  MapInfo after = before;
  after.version = before.version + 1;
  after.updated_at = now;
  after.metrics = computed;
  note_warnings(doc, after);
  audit::record(sql_, tenant_id_, who, "map", map_id, "update", {{"version", before.version}},
                {{"version", after.version}, {"comment", comment ? json(*comment) : json()}});
  tx.commit();
  return after;
}

json MapStore::versions(const std::string& map_id) {
  json out = json::array();
  for (const auto& r :
       db::query(sql_, kSelectVersions, {{"tenant_id", tenant_id_}, {"map_id", map_id}})) {
    auto comment = db::opt_text(r, "comment");
    auto by = db::opt_text(r, "created_by_name");
    out.push_back({{"number", db::integer(r, "number")},
                   {"comment", comment ? json(*comment) : json()},
                   {"created_by_name", by ? json(*by) : json()},
                   {"created_at", db::text(r, "created_at")},
                   {"metrics", json::parse(db::text(r, "metrics"))}});
  }
  return out;
}

MapInfo MapStore::restore(const core::AuthContext* who, const std::string& map_id,
                          const std::string& number, long long expected_version) {
  long long n = 0;
  try {
    n = std::stoll(number);
  } catch (const std::exception&) {
    throw core::NotFound("no such version");
  }
  return save(who, map_id, expected_version, xml(map_id, n),
              "restored version " + std::to_string(n));
}

json MapStore::ideas(const std::string& map_id) {
  json out = json::array();
  for (const auto& r :
       db::query(sql_, kSelectIdeas, {{"tenant_id", tenant_id_}, {"map_id", map_id}}))
    out.push_back(idea_from_row(r));
  return out;
}

json MapStore::add_idea(const core::AuthContext* who, const std::string& map_id,
                        const NewIdea& idea) {
  db::WriteTx tx(sql_);
  info(map_id);
  if (idea.element_id) {
    auto doc = BpmnDocument::parse(xml(map_id));
    if (doc.find_node(*idea.element_id) == nullptr)
      throw core::ValidationError("element_id", "is not a step of the saved map");
  }
  std::string id = core::new_id();
  json created = {{"id", id},
                  {"element_id", idea.element_id ? json(*idea.element_id) : json()},
                  {"kind", idea.kind},
                  {"text", idea.text},
                  {"carried_from", nullptr},
                  {"created_by_name", who ? json(who->name) : json()},
                  {"created_at", core::now_iso()}};
  insert_idea(sql_, tenant_id_, map_id, created);
  audit::record(sql_, tenant_id_, who, "map_idea", id, "create", nullptr, created);
  tx.commit();
  return created;
}

json MapStore::comparison(const std::string& project_id) {
  std::optional<MapInfo> as_is, redesign;
  for (const auto& m : list(project_id)) {
    if (m.kind == "as_is") as_is = m;
    if (m.kind == "redesign") redesign = m;
  }
  json out = {{"as_is", as_is ? to_json(*as_is) : json()},
              {"redesign", redesign ? to_json(*redesign) : json()},
              {"rows", json::array()}};
  if (!as_is || !redesign) return out;
  auto before = compute_metrics(BpmnDocument::parse(xml(as_is->id)));
  auto after = compute_metrics(BpmnDocument::parse(xml(redesign->id)));
  out["rows"] = to_json(compare(before, after))["rows"];
  out["before"] = to_json(before);
  out["after"] = to_json(after);
  return out;
}

}  // namespace maps
