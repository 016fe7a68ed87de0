#include "projects/next_steps.hpp"

#include "org/person_store.hpp"
#include "org/unit_store.hpp"
#include "projects/project_store.hpp"
#include "projects/role_store.hpp"
#include "web/i18n.hpp"

namespace projects {
namespace {

std::vector<NextStep> open_items(const ProjectScope& scope, int open) {
  const Project& p = scope.project();
  if (open == 0) return {};
  return {{core::Message{"next.open_items", {{"count", open}}}, "/projects/" + p.id + "#checklist",
           "next.open_items_link"}};
}

std::vector<NextStep> missing_managers(const ProjectScope& scope) {
  std::vector<NextStep> out;
  const Project& p = scope.project();
  const bool may_add = may_grant(scope.who(), scope.roles(), "steering_member");
  org::UnitStore units(scope.sql(), scope.tenant_id());
  org::PersonStore people(scope.sql(), scope.tenant_id());
  for (const auto& w : RoleStore(scope.sql(), scope.tenant_id()).coverage(p)) {
    if (w.code != "manager_not_in_steering_group") continue;
    auto unit = units.find(w.subject_id);
    if (!unit || !unit->manager_id) continue;
    auto manager = people.find(*unit->manager_id);
    if (!manager) continue;
    NextStep step{
        core::Message{"next.manager_missing", {{"unit", unit->name}, {"person", manager->name}}}};
    if (may_add && may_grant_to(scope.who(), manager->id)) {
      step.action = "/projects/" + p.id + "/roles";
      step.fields = {{"person_id", manager->id}, {"role", "steering_member"}};
      step.button_key = "next.manager_add";
    } else {
      step.href = "/projects/" + p.id + "/roles";
      step.link_key = "next.roles_link";
    }
    out.push_back(std::move(step));
  }
  return out;
}

}  // namespace

std::vector<NextStep> own_next_steps(const ProjectScope& scope, int open_in_phase) {
  auto steps = missing_managers(scope);
  for (auto& s : open_items(scope, open_in_phase)) steps.push_back(std::move(s));
  return steps;
}

nlohmann::json next_steps_view(const http::Request& req, const std::vector<NextStep>& steps) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : steps) {
    nlohmann::json step = {{"text", web::render_message(req.locale, s.text)}};
    if (!s.href.empty())
      step["link"] = {{"href", s.href}, {"text", web::t(req.locale, s.link_key)}};
    if (!s.action.empty()) {
      nlohmann::json fields = nlohmann::json::array();
      for (const auto& [name, value] : s.fields)
        fields.push_back({{"name", name}, {"value", value}});
      step["form"] = {
          {"action", s.action}, {"fields", fields}, {"button", web::t(req.locale, s.button_key)}};
    }
    out.push_back(std::move(step));
  }
  return out;
}

}  // namespace projects
