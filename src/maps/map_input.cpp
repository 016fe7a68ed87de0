#include "maps/map_input.hpp"

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "maps/bpmn_model.hpp"
#include "maps/initial_map.hpp"
#include "org/unit_store.hpp"
#include "projects/project_store.hpp"
#include "web/i18n.hpp"

namespace maps {

NewMap parse_new_map(core::Input& input) {
  NewMap m;
  m.kind = input.required_choice("kind", kMapKinds);
  m.title = input.required_text("title", 200);
  m.copy_of = input.optional_text("copy_of", 64);
  if (m.copy_of && m.copy_of->empty()) m.copy_of.reset();
  if (m.copy_of && !core::looks_like_id(*m.copy_of)) input.fail("copy_of", "is not a valid id");
  if (input.has("bpmn")) {
    const auto& raw = input.raw()["bpmn"];
    if (!raw.is_string()) {
      input.fail("bpmn", "must be the BPMN XML as text");
    } else if (raw.get<std::string>().size() > kMaxBytes) {
      throw core::PayloadTooLarge("the map is larger than 5 MB");
    } else {
      m.xml = raw.get<std::string>();
    }
  }
  if (m.copy_of && m.xml) input.fail("bpmn", "give either copy_of or bpmn, not both");
  return m;
}

NewIdea parse_idea(core::Input& input) {
  NewIdea idea;
  idea.kind = input.required_choice("kind", kIdeaKinds);
  idea.text = input.required_text("text", 1000);
  idea.element_id = input.optional_text("element_id", 200);
  if (idea.element_id && idea.element_id->empty()) idea.element_id.reset();
  return idea;
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

std::optional<std::string> comment_param(const http::Request& req) {
  auto c = req.query_param("comment");
  if (!c || c->empty()) return std::nullopt;
  core::Input input(nlohmann::json{{"comment", *c}}, false);
  auto checked = input.optional_text("comment", 500);
  input.check();
  return checked;
}

// The lanes a new map starts with: the citizen's and the project's units.
std::string starting_xml(soci::session& sql, const http::Request& req,
                         const std::string& project_id, const std::string& title) {
  auto project = projects::ProjectStore(sql, req.who().tenant_id).get(project_id);
  std::vector<LaneSeed> lanes;
  org::UnitStore units(sql, req.who().tenant_id);
  for (const auto& u : units.all()) {
    for (const auto& id : project.unit_ids) {
      if (u.id == id) lanes.push_back({u.id, u.name});
    }
  }
  return initial_map_xml(title, web::t(req.locale, "map.citizen_lane"), lanes);
}

}  // namespace maps
