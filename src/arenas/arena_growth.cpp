#include "arenas/arena_growth.hpp"

#include <set>
#include <utility>

#include "arenas/arena_store.hpp"
#include "core/errors.hpp"
#include "db/write_tx.hpp"
#include "projects/project_input.hpp"
#include "projects/project_store.hpp"
#include "projects/role_store.hpp"
#include "projects/template_store.hpp"

namespace arenas {

projects::Project grow_into_project(soci::session& sql, const core::AuthContext& who,
                                    const Arena& arena, core::Input& input) {
  const auto& tenant = who.tenant_id;
  const auto available = projects::TemplateStore(sql, tenant).all();
  const auto* tmpl = projects::parse_template_choice(input, available);
  input.check();
  if (arena.project_id) throw core::Conflict(core::Message{"arena_err_grown"}, to_json(arena));
  projects::CharterFields charter;
  charter.title = arena.title;
  charter.purpose = std::optional<std::string>(arena.goal);
  charter.start_date = std::optional<std::string>(arena.starts_on);
  std::vector<std::string> units;
  for (const auto& u : units_covered(arena.members)) units.push_back(*u.unit_id);
  charter.unit_ids = units;
  db::WriteTx tx(sql);
  auto project = projects::ProjectStore(sql, tenant).create(&who, *tmpl, charter);
  // The creator leads a new project already; nobody is given a role twice.
  std::set<std::pair<std::string, std::string>> held = {{who.person_id, "project_leader"}};
  projects::RoleStore roles(sql, tenant);
  auto give = [&](const std::string& person_id, const char* role) {
    if (held.insert({person_id, role}).second) roles.add(&who, project.id, person_id, role);
  };
  give(arena.leader_id, "project_leader");
  for (const auto& m : arena.member_ids)
    if (m != arena.leader_id) give(m, "project_group");
  ArenaStore(sql, tenant).link_project(&who, arena.id, project.id);
  tx.commit();
  return project;
}

}  // namespace arenas
