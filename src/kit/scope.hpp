#pragma once

// The kit's scope is the projects library's: one tenant and rights check for every route.
#include <nlohmann/json.hpp>

#include "http/request.hpp"
#include "projects/project_scope.hpp"
#include "web/render.hpp"

namespace kit {

using projects::ProjectRight;
using projects::ProjectScope;

// The view a page of one project starts from: the layout's values and the project's id and
// title (heading, breadcrumb, links).
inline nlohmann::json project_view(const http::Request& req, const ProjectScope& scope) {
  auto view = web::base_view(req);
  view["project"] = {{"id", scope.project().id}, {"title", scope.project().title}};
  return view;
}

}  // namespace kit
