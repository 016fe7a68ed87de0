#include "maps/map_store.hpp"

#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"
#include "maps/bpmn_document.hpp"
#include "maps/map_input.hpp"
#include "maps/metrics.hpp"

namespace maps {
namespace {

using nlohmann::json;

constexpr std::string_view kMapColumns =
    "id, project_id, kind, title, based_on_map_id, version, created_at, updated_at";
// Oldest first, and the same order again after a cursor (the last row's time and id).
constexpr std::string_view kPage =
    "tenant_id = :tenant_id AND project_id = :project_id AND (:from_start = 1 OR "
    "created_at > :after_key OR (created_at = :same_key AND id > :after_id)) "
    "ORDER BY created_at, id LIMIT :limit";
constexpr std::string_view kInsertMap =
    "INSERT INTO maps (tenant_id, id, project_id, kind, title, based_on_map_id, version, "
    "created_at, updated_at) VALUES (:tenant_id, :id, :project_id, :kind, :title, :based_on, 1, "
    ":created_at, :updated_at)";
constexpr std::string_view kBumpVersion =
    "UPDATE maps SET version = version + 1, updated_at = :updated_at WHERE tenant_id = :tenant_id "
    "AND id = :id AND version = :version";
constexpr std::string_view kInsertVersion =
    "INSERT INTO map_versions (tenant_id, map_id, number, xml, metrics, comment, created_by, "
    "created_by_name, created_at) VALUES (:tenant_id, :map_id, :number, :xml, :metrics, :comment, "
    ":created_by, :created_by_name, :created_at)";
constexpr std::string_view kSelectXml =
    "SELECT xml FROM map_versions WHERE tenant_id = :tenant_id AND map_id = :map_id AND number = "
    ":number";
constexpr std::string_view kSelectMetrics =
    "SELECT metrics FROM map_versions WHERE tenant_id = :tenant_id AND map_id = :map_id AND "
    "number = :number";
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

MapInfo map_from_row(const soci::row& r) {
  return {db::text(r, "id"),         db::text(r, "project_id"),          db::text(r, "kind"),
          db::text(r, "title"),      db::opt_text(r, "based_on_map_id"), db::integer(r, "version"),
          db::text(r, "created_at"), db::text(r, "updated_at")};
}

json idea_from_row(const soci::row& r) {
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
  soci::rowset<std::string> rows =
      (sql_.prepare << kSelectUnits, soci::use(tenant_id_, "tenant_id"));
  for (const auto& id : rows) out.insert(id);
  return out;
}

void MapStore::insert_version(const core::AuthContext* who, const std::string& map_id,
                              long long number, const std::string& xml, const json& metrics,
                              const std::optional<std::string>& comment) {
  std::string metrics_text = metrics.dump();
  std::string now = core::now_iso();
  db::NullableText note(comment);
  db::NullableText by(who ? std::optional<std::string>(who->person_id) : std::nullopt);
  db::NullableText by_name(who ? std::optional<std::string>(who->name) : std::nullopt);
  sql_ << kInsertVersion, soci::use(tenant_id_, "tenant_id"), soci::use(map_id, "map_id"),
      soci::use(number, "number"), soci::use(xml, "xml"), soci::use(metrics_text, "metrics"),
      soci::use(note.value, note.ind, "comment"), soci::use(by.value, by.ind, "created_by"),
      soci::use(by_name.value, by_name.ind, "created_by_name"), soci::use(now, "created_at");
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
  check_lane_units(doc, unit_ids());
  MapInfo made;
  made.id = core::new_id();
  made.project_id = project_id;
  made.kind = m.kind;
  made.title = m.title;
  if (source) made.based_on_map_id = source->id;
  made.created_at = made.updated_at = core::now_iso();
  db::NullableText based_on(made.based_on_map_id);
  sql_ << kInsertMap, soci::use(tenant_id_, "tenant_id"), soci::use(made.id, "id"),
      soci::use(project_id, "project_id"), soci::use(made.kind, "kind"),
      soci::use(made.title, "title"), soci::use(based_on.value, based_on.ind, "based_on"),
      soci::use(made.created_at, "created_at"), soci::use(made.updated_at, "updated_at");
  std::optional<std::string> comment;
  if (source) comment = "copy of " + source->title + " v" + std::to_string(source->version);
  insert_version(who, made.id, 1, xml_text, to_json(compute_metrics(doc)), comment);
  if (source) {
    for (const auto& idea : ideas(source->id)) {
      std::string id = core::new_id();
      db::NullableText element(idea["element_id"].is_string()
                                   ? std::optional<std::string>(idea["element_id"])
                                   : std::nullopt);
      db::NullableText by(idea["created_by_name"].is_string()
                              ? std::optional<std::string>(idea["created_by_name"])
                              : std::nullopt);
      std::string kind = idea["kind"], text = idea["text"], from = idea["id"],
                  at = idea["created_at"];
      sql_ << kInsertIdea, soci::use(tenant_id_, "tenant_id"), soci::use(id, "id"),
          soci::use(made.id, "map_id"), soci::use(element.value, element.ind, "element_id"),
          soci::use(kind, "kind"), soci::use(text, "text"), soci::use(from, "carried_from"),
          soci::use(by.value, by.ind, "created_by_name"), soci::use(at, "created_at");
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
  std::string q = "SELECT " + std::string(kMapColumns) + " FROM maps WHERE " + std::string(kPage);
  int from_start = page.after_key ? 0 : 1;
  std::string after_key = page.after_key.value_or("");
  int limit = page.limit + 1;
  std::vector<MapInfo> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << q, soci::use(tenant_id_, "tenant_id"), soci::use(project_id, "project_id"),
       soci::use(from_start, "from_start"), soci::use(after_key, "after_key"),
       soci::use(after_key, "same_key"), soci::use(page.after, "after_id"),
       soci::use(limit, "limit"));
  for (const auto& r : rows) out.push_back(map_from_row(r));
  for (auto& m : out) m.metrics = metrics(m.id, m.version);
  return out;
}

std::vector<MapInfo> MapStore::list(const std::string& project_id) {
  std::string q = "SELECT " + std::string(kMapColumns) +
                  " FROM maps WHERE tenant_id = :tenant_id AND project_id = :project_id ORDER BY "
                  "created_at, id";
  std::vector<MapInfo> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << q, soci::use(tenant_id_, "tenant_id"), soci::use(project_id, "project_id"));
  for (const auto& r : rows) out.push_back(map_from_row(r));
  return out;
}

MapInfo MapStore::get(const std::string& map_id) {
  MapInfo m = info(map_id);
  m.metrics = metrics(m.id, m.version);
  return m;
}

MapInfo MapStore::info(const std::string& map_id) {
  std::string q =
      "SELECT " + std::string(kMapColumns) + " FROM maps WHERE tenant_id = :tenant_id AND id = :id";
  soci::rowset<soci::row> rows =
      (sql_.prepare << q, soci::use(tenant_id_, "tenant_id"), soci::use(map_id, "id"));
  for (const auto& r : rows) return map_from_row(r);
  throw core::NotFound("no map with id " + map_id);
}

std::string MapStore::xml(const std::string& map_id, std::optional<long long> number) {
  long long n = number ? *number : info(map_id).version;
  std::string text;
  soci::indicator ind = soci::i_null;
  sql_ << kSelectXml, soci::use(tenant_id_, "tenant_id"), soci::use(map_id, "map_id"),
      soci::use(n, "number"), soci::into(text, ind);
  if (!sql_.got_data()) throw core::NotFound("the map has no version " + std::to_string(n));
  return text;
}

json MapStore::metrics(const std::string& map_id, std::optional<long long> number) {
  long long n = number ? *number : info(map_id).version;
  std::string text;
  soci::indicator ind = soci::i_null;
  sql_ << kSelectMetrics, soci::use(tenant_id_, "tenant_id"), soci::use(map_id, "map_id"),
      soci::use(n, "number"), soci::into(text, ind);
  if (!sql_.got_data()) throw core::NotFound("the map has no version " + std::to_string(n));
  return json::parse(text);
}

json MapStore::current_version_info(const std::string& map_id) {
  auto all = versions(map_id);
  return all.empty() ? json::object() : all[0];
}

MapInfo MapStore::save(const core::AuthContext* who, const std::string& map_id,
                       long long expected_version, std::string xml_text,
                       const std::optional<std::string>& comment) {
  // Parse before taking the write lock: a 5 MB map should not hold up others.
  auto doc = BpmnDocument::parse(std::move(xml_text));
  json computed = to_json(compute_metrics(doc));
  db::WriteTx tx(sql_);
  check_lane_units(doc, unit_ids());
  MapInfo before = info(map_id);
  auto conflict = [&] {
    json current = to_json(info(map_id));
    auto saved = current_version_info(map_id);
    current["saved_by"] = saved.value("created_by_name", json());
    current["saved_at"] = saved.value("created_at", json());
    return core::Conflict("the map was saved by someone else in the meantime", current);
  };
  if (before.version != expected_version) throw conflict();
  std::string now = core::now_iso();
  soci::statement st = (sql_.prepare << kBumpVersion, soci::use(now, "updated_at"),
                        soci::use(tenant_id_, "tenant_id"), soci::use(map_id, "id"),
                        soci::use(before.version, "version"));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw conflict();
  insert_version(who, map_id, before.version + 1, doc.xml(), computed, comment);
  MapInfo after = before;
  after.version = before.version + 1;
  after.updated_at = now;
  after.metrics = computed;
  audit::record(sql_, tenant_id_, who, "map", map_id, "update", {{"version", before.version}},
                {{"version", after.version}, {"comment", comment ? json(*comment) : json()}});
  tx.commit();
  return after;
}

json MapStore::versions(const std::string& map_id) {
  json out = json::array();
  soci::rowset<soci::row> rows = (sql_.prepare << kSelectVersions,
                                  soci::use(tenant_id_, "tenant_id"), soci::use(map_id, "map_id"));
  for (const auto& r : rows) {
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
  soci::rowset<soci::row> rows = (sql_.prepare << kSelectIdeas, soci::use(tenant_id_, "tenant_id"),
                                  soci::use(map_id, "map_id"));
  for (const auto& r : rows) out.push_back(idea_from_row(r));
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
  std::string now = core::now_iso();
  db::NullableText element(idea.element_id);
  db::NullableText by(who ? std::optional<std::string>(who->name) : std::nullopt);
  db::NullableText none(std::nullopt);
  sql_ << kInsertIdea, soci::use(tenant_id_, "tenant_id"), soci::use(id, "id"),
      soci::use(map_id, "map_id"), soci::use(element.value, element.ind, "element_id"),
      soci::use(idea.kind, "kind"), soci::use(idea.text, "text"),
      soci::use(none.value, none.ind, "carried_from"),
      soci::use(by.value, by.ind, "created_by_name"), soci::use(now, "created_at");
  json created = {{"id", id},
                  {"element_id", idea.element_id ? json(*idea.element_id) : json()},
                  {"kind", idea.kind},
                  {"text", idea.text},
                  {"carried_from", nullptr},
                  {"created_by_name", by.ind == soci::i_ok ? json(by.value) : json()},
                  {"created_at", now}};
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
