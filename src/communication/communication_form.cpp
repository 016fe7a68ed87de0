#include "communication/communication_form.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "meetings/meeting_store.hpp"
#include "org/people_choices.hpp"
#include "stakeholders/stakeholder_view.hpp"
#include "web/choices.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace communication {
namespace {

using nlohmann::json;

constexpr int kPeopleMax = 500;
constexpr const char* kPlanKeys[] = {"message", "why",  "practice", "audience", "group", "unit_id",
                                     "channel", "date", "owner_id", "done",     "reach", "version"};
constexpr const char* kClassKeys[] = {"title", "audience", "starts_on",  "ends_on", "capacity",
                                      "place", "unit_id",  "meeting_id", "version"};

json typed(const Form& form, const auto& keys) {
  json out = json::object();
  for (const char* k : keys) out[k] = form.count(k) ? form.at(k) : "";
  return out;
}

// The stored object's fields as text, for the keys a form shows.
json as_text(const json& stored, const auto& keys) {
  json out = json::object();
  for (const char* k : keys) {
    if (!stored.contains(k) || stored[k].is_null()) {
      out[k] = "";
    } else {
      out[k] = stored[k].is_string() ? stored[k] : json(stored[k].dump());
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> labelled(const std::vector<std::string>& keys,
                                                          const std::string& locale,
                                                          const std::string& prefix) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& k : keys) out.emplace_back(k, web::t(locale, prefix + k));
  return out;
}

}  // namespace

json typed_plan_form(const Form& form) { return typed(form, kPlanKeys); }
json typed_class_form(const Form& form) { return typed(form, kClassKeys); }

json plan_form_of(const Communication& c) {
  json out = as_text(to_json(c), kPlanKeys);
  out["done"] = c.done ? "on" : "";
  return out;
}

json class_form_of(const TrainingClass& c) { return as_text(to_json(c), kClassKeys); }

void add_plan_form(json& view, soci::session& sql, const http::Request& req, const json& form,
                   const json& errors, const std::string& action, const Communication* stored) {
  auto value = [&](const char* k) { return form.value(k, std::string()); };
  const auto& locale = req.locale;
  std::vector<std::pair<std::string, std::string>> groups;
  for (const auto& g : stakeholders::groups())
    groups.emplace_back(g, stakeholders::group_label(locale, g));
  auto people = org::active_people(sql, req.who().tenant_id, kPeopleMax);
  if (stored && stored->owner_id && std::none_of(people.begin(), people.end(), [&](const auto& p) {
        return p.first == *stored->owner_id;
      }))
    people.emplace_back(*stored->owner_id, stored->owner_name.value_or(*stored->owner_id));
  view["form"] = form;
  view["form_done"] = value("done") == "on" || value("done") == "true";
  view["errors"] = errors;
  view["audiences"] =
      web::select_options(labelled(kAudiences, locale, "comm_audience_"), value("audience"));
  view["groups"] = web::select_options(groups, value("group"));
  view["units"] =
      web::select_options(org::unit_choices(sql, req.who().tenant_id), value("unit_id"));
  view["channels"] =
      web::select_options(labelled(kChannels, locale, "comm_channel_"), value("channel"));
  view["owners"] = web::select_options(people, value("owner_id"));
  view["form_action"] = action;
  view["editing"] = stored != nullptr;
  view["submit_label"] = web::t(locale, stored ? "comm_save" : "comm_add");
  view["form_html"] = web::render_template("communication/form", view);
}

void add_class_form(json& view, soci::session& sql, const http::Request& req, const json& form,
                    const json& errors, const std::string& action, const std::string& project_id,
                    bool editing) {
  auto value = [&](const char* k) { return form.value(k, std::string()); };
  std::vector<std::pair<std::string, std::string>> meetings;
  for (const auto& m : meetings::MeetingStore(sql, req.who().tenant_id).of_project(project_id))
    meetings.emplace_back(m.id, m.starts_at.substr(0, 10) + " " + m.title);
  view["form"] = form;
  view["errors"] = errors;
  view["audiences"] = web::select_options(
      labelled(kTrainingAudiences, req.locale, "training_audience_"), value("audience"));
  view["units"] =
      web::select_options(org::unit_choices(sql, req.who().tenant_id), value("unit_id"));
  view["meetings"] = web::select_options(meetings, value("meeting_id"));
  view["form_action"] = action;
  view["editing"] = editing;
  view["submit_label"] = web::t(req.locale, editing ? "training_save" : "training_add");
  view["form_html"] = web::render_template("communication/class_form", view);
}

}  // namespace communication
