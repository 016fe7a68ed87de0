#include "maps/map_input.hpp"

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "maps/bpmn_model.hpp"
#include "maps/initial_map.hpp"
#include "org/unit_store.hpp"
#include "projects/project_store.hpp"

namespace maps {

namespace {

void read_copy_of(core::Input& input, MapInfo& m) {
  m.copy_of = input.optional_text("copy_of", 64);
  if (m.copy_of && m.copy_of->empty()) m.copy_of.reset();
  if (m.copy_of && !core::looks_like_id(*m.copy_of)) input.fail("copy_of", "is not a valid id");
}

void read_bpmn(core::Input& input, MapInfo& m) {
  const auto& raw = input.raw()["bpmn"];
  if (!raw.is_string()) {
    input.fail("bpmn", "must be the BPMN XML as text");
  } else if (raw.get<std::string>().size() > kMaxBytes) {
    throw core::PayloadTooLarge("the map is larger than 5 MB");
  } else {
    m.bpmn = raw.get<std::string>();
  }
}

kit::Fields<MapInfo> make_map_fields() {
  using nlohmann::json;
  return kit::Fields<MapInfo>()
      .id(&MapInfo::id)
      .parent(&MapInfo::project_id)
      .choice("kind", &MapInfo::kind, kMapKinds, {.required = true})
      .text("title", &MapInfo::title, {.required = true, .max = 200})
      .optional_text("based_on_map_id", &MapInfo::based_on_map_id, {.output_only = true})
      .computed("version", {{"type", "integer"}}, [](const MapInfo& m) { return json(m.version); })
      .output("created_at", &MapInfo::created_at)
      .output("updated_at", &MapInfo::updated_at)
      .computed("metrics", {{"$ref", "#/components/schemas/MapMetrics"}},
                [](const MapInfo& m) { return m.metrics; })
      .computed("warnings",
                {{"type", "array"},
                 {"items", {{"type", "string"}}},
                 {"description",
                  "on a create or save: what the reading of the file left out (a diagram "
                  "shape or edge of an element the file does not have)"}},
                [](const MapInfo& m) { return json(m.warnings); })
      .input("copy_of", {{"type", "string"}}, read_copy_of)
      .input("bpmn", {{"type", "string"}}, read_bpmn, {.describe = "a BPMN 2.0 file to import"})
      .check([](const MapInfo& m, core::Input& input) {
        if (m.copy_of && m.bpmn) input.fail("bpmn", "give either copy_of or bpmn, not both");
      });
}

kit::Fields<Idea> make_idea_fields() {
  return kit::Fields<Idea>()
      .id(&Idea::id)
      .choice("kind", &Idea::kind, kIdeaKinds, {.required = true})
      .text("text", &Idea::text, {.required = true, .max = 1000})
      .optional_text("element_id", &Idea::element_id, {.max = 200})
      .optional_text("carried_from", &Idea::carried_from, {.output_only = true})
      .optional_text("created_by_name", &Idea::created_by_name, {.output_only = true})
      .output("created_at", &Idea::created_at);
}

}  // namespace

const kit::Fields<MapInfo>& map_fields() {
  static const auto fields = make_map_fields();
  return fields;
}

const kit::Fields<Idea>& idea_fields() {
  static const auto fields = make_idea_fields();
  return fields;
}

NewIdea parse_idea(core::Input& input) {
  auto idea = idea_fields().parse_new(input);
  return {idea.kind, idea.text, idea.element_id};
}

std::optional<long long> version_param(const http::Request& req) {
  auto v = req.query_param("version");
  if (!v) return std::nullopt;
  try {
    std::size_t used = 0;
    long long n = std::stoll(*v, &used);
    if (used == v->size() && n > 0) return n;
  } catch (const std::exception&) {
  }
  throw core::ValidationError("version", "must be a version number");
}

SaveMode save_mode_param(const http::Request& req) {
  auto v = req.query_param("merge");
  if (!v || *v == "false") return SaveMode::kAsSent;
  if (*v == "true") return SaveMode::kMergeWithStored;
  throw core::ValidationError("merge", "must be true or false");
}

std::optional<std::string> comment_param(const http::Request& req) {
  auto c = req.query_param("comment");
  if (!c || c->empty()) return std::nullopt;
  core::Input input(nlohmann::json{{"comment", *c}}, false);
  auto checked = input.optional_text("comment", 500);
  input.check();
  return checked;
}

// The lanes a new map starts with: the citizen's and the project's units.
std::string starting_xml(soci::session& sql, const std::string& tenant_id,
                         const std::string& project_id, const std::string& title,
                         const std::string& citizen_lane) {
  auto project = projects::ProjectStore(sql, tenant_id).get(project_id);
  std::vector<LaneSeed> lanes;
  for (const auto& u : org::UnitStore(sql, tenant_id).all()) {
    for (const auto& id : project.unit_ids) {
      if (u.id == id) lanes.push_back({u.id, u.name});
    }
  }
  return initial_map_xml(title, citizen_lane, lanes);
}

}  // namespace maps
