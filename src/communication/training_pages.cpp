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
#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/resource.hpp"
#include "kit/scope.hpp"
#include "org/people_choices.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace communication {
namespace {

using http::Request;
using http::Response;
using kit::ProjectScope;
using nlohmann::json;
constexpr auto kEdit = kit::ProjectRight::kEdit;
constexpr int kPeopleMax = 500;

std::string training_url(const std::string& project_id) {
  return "/projects/" + project_id + "/training";
}

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

struct Shown {
  json form;  // null: a blank form
  json errors = json::object();
  int status = 200;
};

Response training_page(db::Database& db, const Request& req, Shown shown) {
  auto sql = db.lease();
  ProjectScope scope(*sql, req, req.param("id"));
  auto view = kit::project_view(req, scope, "communication");
  auto classes = TrainingStore(*sql, scope.tenant_id()).of_project(scope.project().id);
  std::map<std::string, std::string> names;
  for (const auto& [id, name] : org::unit_choices(*sql, scope.tenant_id())) names[id] = name;
  auto progress = progress_json(classes, req.locale, names);
  view["has_classes"] = !classes.empty();
  view["progress"] = progress;
  view["progress_tables"] = progress_tables(progress, req.locale);
  json rows = json::array();
  for (const auto& c : classes) rows.push_back(class_row(c, req.locale));
  view["classes"] = std::move(rows);
  view["saved"] = req.query_param("saved").has_value();
  view["may_edit"] = scope.may(kEdit);
  if (scope.may(kEdit))
    add_class_form(
        view, *sql, req,
        shown.form.is_null() ? typed_class_form({{"audience", "end_users"}}) : shown.form,
        shown.errors, training_url(scope.project().id), scope.project().id, false);
  else if (shown.errors.contains("_form"))
    view["refused"] = shown.errors["_form"];
  return web::page(req, "communication/training", view,
                   {"training_title", "projects", shown.status});
}

Response save_new(db::Database& db, const Request& req) {
  return kit::form_create<TrainingClass, TrainingStore>(
      db, req, training_fields(), training_url(req.param("id")),
      [&](const kit::FormRefusal& refused) {
        return training_page(db, req,
                             {typed_class_form(req.form()), refused.errors, refused.status});
      });
}

std::pair<TrainingClass, ProjectScope> load_class(soci::session& sql, const Request& req) {
  return kit::load_in_project<TrainingClass, TrainingStore>(
      sql, req, "class", "no training class with id " + req.param("class"));
}

// What the page shows again after a refused post: the edit form's or the trained form's.
struct ClassShown {
  json form;  // the edit form; null: the stored class
  json errors = json::object();
  const Form* trained = nullptr;  // the trained form as posted; null: the stored class
  json trained_errors = json::object();
  json conflict;
  int status = 200;
};

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

Response class_page(soci::session& sql, const Request& req, const ClassShown& shown) {
  auto [c, scope] = load_class(sql, req);
  auto view = kit::project_view(req, scope, "communication");
  auto row = class_row(c, req.locale);
  view["delete_url"] = row["url"].get<std::string>() + "/delete";
  view["trained_url"] = row["url"].get<std::string>() + "/trained";
  view["class"] = std::move(row);
  view["saved"] = req.query_param("saved").has_value();
  view["may_edit"] = scope.may(kEdit);
  if (!shown.conflict.is_null()) view["conflict"] = shown.conflict;
  if (!scope.may(kEdit))
    return web::page(req, "communication/class", view,
                     {"training_class_title", "projects", shown.status});
  view["trained_errors"] = shown.trained_errors;
  view["trained_version"] =
      shown.conflict.is_null() ? c.version : shown.conflict.value("version", c.version);
  view["people_choices"] = people_choices(sql, req, c, shown.trained);
  view["unit_choices"] = unit_count_choices(sql, req, c, shown.trained, shown.trained_errors);
  add_class_form(view, sql, req, shown.form.is_null() ? class_form_of(c) : shown.form, shown.errors,
                 view["class"]["url"], c.project_id, true);
  return web::page(req, "communication/class", view,
                   {"training_class_title", "projects", shown.status});
}

Response show_class(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return class_page(*sql, req, {});
}

// A change of the class at the version its form was shown with; `show` words a refusal.
template <typename Show>
Response change_class(db::Database& db, const Request& req, const json& body, Show show) {
  return kit::form_update<TrainingStore>(
      db, req, training_fields(), body, load_class,
      [](const TrainingClass& c) { return training_url(c.project_id) + "/" + c.id + "?saved=1"; },
      show);
}

Response save_class(db::Database& db, const Request& req) {
  auto form = req.form();
  json body = typed_class_form(form);
  return change_class(db, req, body, [&](soci::session& sql, const kit::FormRefusal& refused) {
    json typed = body;
    kit::keep_version(typed, refused);
    return class_page(sql, req,
                      {.form = typed,
                       .errors = refused.errors,
                       .conflict = refused.current,
                       .status = refused.status});
  });
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
  return change_class(db, req, body, [&](soci::session& sql, const kit::FormRefusal& refused) {
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
    return class_page(sql, req,
                      {.trained = &form,
                       .trained_errors = errors,
                       .conflict = refused.status == 409 ? refused.current : json(),
                       .status = refused.status});
  });
}

Response delete_class(db::Database& db, const Request& req) {
  auto c = kit::remove_in_project<TrainingClass, TrainingStore>(
      db, req, "class", "no training class with id " + req.param("class"));
  return Response::redirect(training_url(c.project_id) + "?saved=1");
}

}  // namespace

void add_training_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}/training",
        [](db::Database& db, const Request& req) { return training_page(db, req, {}); },
        "The project's training plan"},
       {"POST", "/projects/{id}/training", save_new, "Add a training class from the form"},
       {"GET", "/projects/{id}/training/{class}", show_class, "One training class"},
       {"POST", "/projects/{id}/training/{class}", save_class, "Change a training class"},
       {"POST", "/projects/{id}/training/{class}/trained", record_trained,
        "Record who was trained in a class"},
       {"POST", "/projects/{id}/training/{class}/delete", delete_class,
        "Remove a training class"}});
}

}  // namespace communication
