#include "kaizen/kaizen_page_parts.hpp"

#include "kaizen/kaizen_store.hpp"
#include "kit/resource.hpp"
#include "org/people_choices.hpp"
#include "web/assets.hpp"
#include "web/choices.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace kaizen {

std::string board_url(const std::string& project_id) {
  return "/projects/" + project_id + "/kaizen";
}

std::string form_value(const Form& form, const char* key) {
  auto it = form.find(key);
  return it == form.end() ? std::string() : it->second;
}

bool htmx(const http::Request& req) { return req.header("hx-request").has_value(); }

json assets() {
  return {{"js", web::asset_url("kaizen.js")}, {"css", web::asset_url("kaizen.css")}};
}

Choices people(soci::session& sql, const http::Request& req) {
  return org::active_people(sql, req.who().tenant_id, 500);
}

Choices labelled(const http::Request& req, const std::vector<std::string>& keys,
                 const std::string& prefix) {
  Choices out;
  for (const auto& k : keys) out.emplace_back(k, web::t(req.locale, prefix + k));
  return out;
}

std::string board_html(soci::session& sql, const http::Request& req, const std::string& project_id,
                       const BoardOptions& options) {
  KaizenStore store(sql, req.who().tenant_id);
  // Only what the fragment uses: the whole catalogue would cost more than the cards.
  auto base = web::base_view(req);
  json view = {{"csrf", base.value("csrf", "")}, {"t", json::object()}};
  for (const auto& [key, text] : web::catalogue(req.locale).items()) {
    if (key.rfind("kaizen_", 0) == 0) view["t"][key] = text;
  }
  view["board"] = board_view(req, project_id, store.of_project(project_id),
                             store.board_version(project_id), options);
  return web::render_template("kaizen/board", view);
}

Card in_project(soci::session& sql, const http::Request& req, kit::ProjectRight right) {
  auto [c, scope] =
      kit::load_in_project<Card, KaizenStore>(sql, req, "card", "no such card in this project");
  scope.require(right);
  return c;
}

long long form_version(const Form& form, core::Input& input) {
  auto version = core::Input(json{{"version", form_value(form, "version")}}, true)
                     .optional_int("version", 1, 1LL << 40);
  if (!version) input.fail("version", "is required");
  return version.value_or(0);
}

}  // namespace kaizen
