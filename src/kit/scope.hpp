#pragma once

// The kit's scope is the projects library's: one tenant and rights check for every route.
#include <string_view>

#include <nlohmann/json.hpp>

#include "http/request.hpp"
#include "projects/project_scope.hpp"
#include "projects/project_tabs.hpp"
#include "web/render.hpp"

namespace kit {

using projects::ProjectRight;
using projects::ProjectScope;

// The view a page of one project starts from: the layout's values and the project's id and
// title (heading, breadcrumb, links). A page under one of the project's tabs names it, and
// the layout draws the tabs with that one current; a page outside them (a print view, the
// wall screen) passes none.
inline nlohmann::json project_view(const http::Request& req, const ProjectScope& scope,
                                   std::string_view tab = {}) {
  auto view = web::base_view(req);
  view["project"] = {{"id", scope.project().id}, {"title", scope.project().title}};
  if (!tab.empty())
    view["project_nav"] =
        projects::project_tabs(req.locale, scope.project().id, scope.project().title, tab);
  return view;
}

// The view a section of the project page starts from: the reader's language (the catalogue
// and numbers), the form token and the project's id (the section's links). Not the layout's
// values: a page renders a dozen sections and the layout once.
inline nlohmann::json section_view(const http::Request& req, const ProjectScope& scope) {
  nlohmann::json view = {{"lang", req.locale}, {"project_id", scope.project().id}};
  if (req.auth) view["csrf"] = req.auth->csrf_token;
  return view;
}

}  // namespace kit
