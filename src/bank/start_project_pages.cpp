// /bank/{entry}/start: the form that starts a project of the reader's municipality from a
// published entry — the title, the map as the as-is to adapt or as the redesign, one choice
// of unit per lane and the consent to be shown on the entry's page.
#include <map>
#include <string>
#include <vector>

#include "bank/adoption_store.hpp"
#include "bank/start_project.hpp"
#include "bank/start_project_api.hpp"
#include "core/errors.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace bank {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

std::string lane_field(std::size_t i) { return "lane_" + std::to_string(i); }

// What the form holds: as typed, or the defaults for a first look.
struct Typed {
  std::string title;
  std::string map_as = "as_is";
  bool consent = false;
  std::vector<std::string> lane_units;  // by mappable lane, "" for none
};

Typed defaults(const Entry& entry) {
  Typed t;
  t.title = entry.title;
  t.lane_units.resize(mappable_lanes(entry).size());
  return t;
}

Typed from_form(const std::map<std::string, std::string>& form, const Entry& entry) {
  auto value = [&](const std::string& k) { return form.count(k) ? form.at(k) : std::string(); };
  Typed t;
  t.title = value("title");
  t.map_as = value("map_as");
  t.consent = value("consent") == "1";
  for (std::size_t i = 0; i < mappable_lanes(entry).size(); ++i)
    t.lane_units.push_back(value(lane_field(i)));
  return t;
}

// The API's input from the form: lanes by name.
json input_of(const Typed& typed, const Entry& entry) {
  json lanes = json::object();
  const auto names = mappable_lanes(entry);
  for (std::size_t i = 0; i < names.size(); ++i)
    if (!typed.lane_units[i].empty()) lanes[names[i]] = typed.lane_units[i];
  return {{"title", typed.title},
          {"map_as", typed.map_as},
          {"consent", typed.consent},
          {"lanes", lanes}};
}

Response show(soci::session& sql, const Request& req, const Published& from, const Typed& typed,
              const kit::FormRefusal& refused) {
  const auto& locale = req.locale;
  json errors = refused.errors.is_null() ? json::object() : refused.errors;
  json error_list = json::array();
  auto listed = [&](const std::string& key, const std::string& id, const std::string& label) {
    if (!errors.contains(key)) return json();
    error_list.push_back({{"id", id}, {"text", label + ": " + errors[key].get<std::string>()}});
    return errors[key];
  };
  json view = web::base_view(req);
  view["entry"] = {{"id", from.entry_id}, {"title", from.entry.title}};
  view["typed"] = {{"title", typed.title}, {"consent", typed.consent}};
  listed("title", "start-title", web::t(locale, "bank_start_project_title"));
  json map_as = json::array();
  for (const auto& v : kMapAs) {
    map_as.push_back({{"id", "start-map-as-" + v},
                      {"value", v},
                      {"label", web::t(locale, "bank_start_map_as_" + v)},
                      {"hint", web::t(locale, "bank_start_map_as_" + v + "_hint")},
                      {"checked", typed.map_as == v},
                      {"invalid", errors.contains("map_as")}});
  }
  listed("map_as", "start-map-as-as_is", web::t(locale, "bank_start_map_as"));
  view["map_as_options"] = map_as;
  AdoptionStore store(sql, req.who().tenant_id);
  const auto units = store.units();
  view["has_units"] = !units.empty();
  json lanes = json::array();
  const auto names = mappable_lanes(from.entry);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto id = lane_field(i);
    json options = json::array();
    for (const auto& u : units)
      options.push_back(
          {{"value", u.id}, {"label", u.name}, {"selected", typed.lane_units[i] == u.id}});
    lanes.push_back({{"id", id},
                     {"name", names[i]},
                     {"options", options},
                     {"error", listed("lanes." + names[i], id, names[i])}});
  }
  view["lanes"] = lanes;
  view["errors"] = errors;
  view["error_list"] = error_list;
  view["has_errors"] = !error_list.empty();
  return web::page(req, "bank/start_project", view,
                   {"bank_start_title", "bank", refused.status == 0 ? 200 : refused.status});
}

Published readable(soci::session& sql, const Request& req) {
  AdoptionStore store(sql, req.who().tenant_id);
  auto from = store.published(req.param("entry"));
  if (!store.is_municipality()) throw core::Forbidden(core::Message{"bank_start_err_umbrella"});
  return from;
}

Response start_page(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto from = readable(*sql, req);
  return show(*sql, req, from, defaults(from.entry), kit::FormRefusal{json::object(), 0, nullptr});
}

Response start_post(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto from = readable(*sql, req);
  const auto typed = from_form(req.form(), from.entry);
  return kit::form_post(
      req,
      [&] {
        core::Input input(input_of(typed, from.entry), false);
        auto project = start_from(*sql, req, input);
        return Response::redirect("/projects/" + project.id);
      },
      [&](const kit::FormRefusal& refused) { return show(*sql, req, from, typed, refused); });
}

}  // namespace

void add_start_page_routes(http::Router& router, db::Database& db) {
  kit::add_page_routes(router, db,
                       {{"GET", "/bank/{entry}/start", start_page,
                         "Start a project from a bank entry: the mapping form"},
                        {"POST", "/bank/{entry}/start", start_post,
                         "Start a project from a bank entry from the form"}});
}

}  // namespace bank
