// The training plan's pages: planned against trained per audience and per unit, the classes
// and the add form; one class's page with who was trained (people of the tenant ticked, or a
// number per unit) and its edit form.
#include <algorithm>
#include <cctype>
#include <set>

#include "communication/communication_form.hpp"
#include "communication/communication_routes.hpp"
#include "communication/communication_store.hpp"
#include "communication/communication_view.hpp"
#include "kit/scope.hpp"
#include "kit/tool_pages.hpp"
#include "org/people_choices.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace communication {
namespace {

using http::Request;
using http::Response;
using kit::ProjectScope;
using nlohmann::json;
constexpr int kPeopleMax = 500;

// The progress as two tables: per audience and per unit.
json progress_tables(const json& progress, const std::string& locale) {
  return json::array({{{"key", "audience"},
                       {"caption", web::t(locale, "training_by_audience")},
                       {"heading", web::t(locale, "training_col_audience")},
                       {"rows", progress["by_audience"]}},
                      {{"key", "unit"},
                       {"caption", web::t(locale, "training_by_unit")},
                       {"heading", web::t(locale, "training_col_unit")},
                       {"rows", progress["by_unit"]}}});
}

Response training_view(soci::session& sql, const Request& req, const ProjectScope& scope,
                       const kit::Shown& shown) {
  auto view = kit::project_view(req, scope, "communication");
  auto classes = TrainingStore(sql, scope.tenant_id()).of_project(scope.project().id);
  std::map<std::string, std::string> names;
  for (const auto& [id, name] : org::unit_choices(sql, scope.tenant_id())) names[id] = name;
  auto progress = progress_json(classes, req.locale, names);
  view["has_classes"] = !classes.empty();
  view["progress"] = progress;
  view["progress_tables"] = progress_tables(progress, req.locale);
  json rows = json::array();
  for (const auto& c : classes) rows.push_back(class_row(c, req.locale));
  view["classes"] = std::move(rows);
  if (kit::add_form_state(view, req, scope, shown))
    add_class_form(
        view, sql, req,
        shown.form.is_null() ? typed_class_form({{"audience", "end_users"}}) : shown.form,
        shown.errors, kit::tool_url(scope.project().id, "training"), scope.project().id, false);
  return web::page(req, "communication/training", view,
                   {"training_title", "projects", shown.status});
}

// The tenant's active people to tick, those at the class's meeting ticked and fixed.
json people_choices(soci::session& sql, const Request& req, const TrainingClass& c,
                    const Form* posted) {
  auto people = org::active_people(sql, req.who().tenant_id, kPeopleMax);
  for (const auto& p : c.people)
    if (std::none_of(people.begin(), people.end(),
                     [&](const auto& q) { return q.first == p.person_id; }))
      people.emplace_back(p.person_id, p.name.value_or(p.person_id));
  json out = json::array();
  for (const auto& person : people) {
    const std::string& id = person.first;
    const std::string& name = person.second;
    auto in_class = std::find_if(c.people.begin(), c.people.end(),
                                 [&](const TrainedPerson& p) { return p.person_id == id; });
    const bool from_meeting = in_class != c.people.end() && in_class->from_meeting;
    const bool checked =
        from_meeting || (posted ? posted->count("person_" + id) > 0 : in_class != c.people.end());
    out.push_back(
        {{"value", id}, {"label", name}, {"checked", checked}, {"from_meeting", from_meeting}});
  }
  return out;
}

json unit_count_choices(soci::session& sql, const Request& req, const TrainingClass& c,
                        const Form* posted, const json& errors) {
  json out = json::array();
  for (const auto& [id, name] : org::unit_choices(sql, req.who().tenant_id)) {
    std::string count;
    if (posted) {
      if (auto v = posted->find("count_" + id); v != posted->end()) count = v->second;
    } else {
      for (const auto& u : c.unit_counts)
        if (u.unit_id == id) count = std::to_string(u.trained);
    }
    json choice = {{"value", id}, {"label", name}, {"count", count}};
    if (errors.contains("unit:" + id)) choice["error"] = errors["unit:" + id];
    out.push_back(std::move(choice));
  }
  return out;
}

// One class's page; after a refused post of the trained form, what was ticked and typed
// there (`trained`) and its errors.
Response class_view(soci::session& sql, const Request& req, TrainingClass& c,
                    const ProjectScope& scope, const kit::Shown& shown,
                    const Form* trained = nullptr, const json& trained_errors = json::object()) {
  auto view =
      kit::object_view(req, scope, "communication", "class", class_row(c, req.locale), shown);
  view["trained_url"] = view["class"]["url"].get<std::string>() + "/trained";
  if (view["may_edit"].get<bool>()) {
    view["trained_errors"] = trained_errors;
    view["trained_version"] =
        shown.conflict.is_null() ? c.version : shown.conflict.value("version", c.version);
    view["people_choices"] = people_choices(sql, req, c, trained);
    view["unit_choices"] = unit_count_choices(sql, req, c, trained, trained_errors);
    add_class_form(view, sql, req, shown.form.is_null() ? class_form_of(c) : shown.form,
                   shown.errors, view["class"]["url"], c.project_id, true);
  }
  return web::page(req, "communication/class", view,
                   {"training_class_title", "projects", shown.status});
}

std::string class_url(const TrainingClass& c) {
  return kit::tool_url(c.project_id, "training") + "/" + c.id;
}

const kit::ToolPages<TrainingClass, TrainingStore>& pages() {
  static const kit::ToolPages<TrainingClass, TrainingStore> kPages{
      .path = "training",
      .param = "class",
      .noun = "training class",
      .fields = training_fields,
      .typed = typed_class_form,
      .list_view = training_view,
      .object_view = [](soci::session& sql, const Request& req, TrainingClass& c,
                        const ProjectScope& scope,
                        const kit::Shown& shown) { return class_view(sql, req, c, scope, shown); },
      .body = typed_class_form,
      .after_change = class_url};
  return kPages;
}

// The ticked people and the numbers per unit as the class's people and unit_counts; a number
// that is not a whole number is passed on as typed, to be refused naming its unit.
json trained_body(const Form& form, std::vector<std::string>& count_units) {
  json people = json::array();
  json counts = json::array();
  for (const auto& [key, value] : form) {
    if (key.rfind("person_", 0) == 0) people.push_back(key.substr(7));
    if (key.rfind("count_", 0) != 0 || value.empty()) continue;
    const bool digits = std::all_of(value.begin(), value.end(),
                                    [](unsigned char ch) { return std::isdigit(ch) != 0; });
    count_units.push_back(key.substr(6));
    counts.push_back(
        {{"unit_id", key.substr(6)},
         {"trained", digits && value.size() < 10 ? json(std::stoll(value)) : json(value)}});
  }
  return {{"people", people},
          {"unit_counts", counts},
          {"version", form.count("version") ? form.at("version") : ""}};
}

Response record_trained(db::Database& db, const Request& req) {
  auto form = req.form();
  std::vector<std::string> units;
  json body = trained_body(form, units);
  return kit::form_update<TrainingStore>(
      db, req, training_fields(), body,
      [](soci::session& sql, const Request& r) { return pages().load(sql, r); },
      [](const TrainingClass& c) { return class_url(c) + "?saved=1"; },
      [&](soci::session& sql, const kit::FormRefusal& refused) {
        // "unit_counts[2].trained" is said beside the unit's number.
        json errors = json::object();
        for (const auto& [field, text] : refused.errors.items()) {
          auto open = field.find('[');
          if (field.rfind("unit_counts[", 0) == 0 && open != std::string::npos) {
            auto i = std::stoul(field.substr(open + 1));
            if (i < units.size()) errors["unit:" + units[i]] = text;
          } else {
            errors[field] = text;
          }
        }
        auto [c, scope] = pages().load(sql, req);
        kit::Shown shown{.status = refused.status,
                         .conflict = refused.status == 409 ? refused.current : json()};
        return class_view(sql, req, c, scope, shown, &form, errors);
      });
}

}  // namespace

void add_training_pages(http::Router& router, db::Database& db) {
  auto routes = pages().routes("The project's training plan");
  routes.push_back({"POST", "/projects/{id}/training/{class}/trained", record_trained,
                    "Record who was trained in a class"});
  kit::add_page_routes(router, db, std::move(routes));
}

}  // namespace communication
