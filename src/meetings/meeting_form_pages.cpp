// Planning a meeting or a series, and changing one: the form and its posts.
#include <algorithm>
#include <map>

#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "meetings/meeting_page_parts.hpp"
#include "meetings/meeting_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace meetings {
namespace {

using Form = std::map<std::string, std::string>;

json kind_options(const Request& req, const std::string& selected) {
  json out = json::array();
  for (const auto& k : kKinds)
    out.push_back({{"value", k}, {"label", kind_label(req, k)}, {"selected", k == selected}});
  return out;
}

std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "\n") + i;
  return out;
}

// Field errors of the form; the date and time inputs share starts_at's message.
json with_aliases(json errors) {
  if (errors.contains("starts_at")) errors["date"] = errors["starts_at"];
  if (errors.contains("repeat.count")) errors["repeat_count"] = errors["repeat.count"];
  if (errors.contains("repeat.every_days"))
    errors["repeat_every_days"] = errors["repeat.every_days"];
  return errors;
}

json stored_form(const Meeting& m) {
  return {{"kind", m.kind},
          {"title", m.title},
          {"date", when(m)["date"]},
          {"time", when(m)["time"]},
          {"duration_minutes", std::to_string(m.duration_minutes)},
          {"location", m.location.value_or("")},
          {"agenda", lines(m.agenda)},
          {"version", std::to_string(m.version)}};
}

// The form when planning: the trial phase holds kaizen meetings every 14 days (seed 000).
json new_form(const projects::Project& p) {
  return {{"kind", p.phase_key == "trial" ? "kaizen" : "steering_group"},
          {"duration_minutes", std::to_string(kDefaultDuration)},
          {"repeat_every_days", "14"},
          {"repeat_count", "1"}};
}

Response form_page(soci::session& sql, const Request& req, json form, const json& errors,
                   const json& conflict, int status) {
  kit::ProjectScope scope(sql, req, req.param("id"));
  scope.require(ProjectRight::kEdit);
  auto view = kit::project_view(req, scope, "decisions");
  bool editing = req.path_params.count("meeting") != 0;
  if (editing) {
    auto m = meeting_in_project(sql, req);
    view["meeting"] = {{"id", m.id}, {"url", meeting_url(m)}};
    view["editing"] = true;
    if (form.is_null()) form = stored_form(m);
  } else if (form.is_null()) {
    form = new_form(scope.project());
  }
  view["form"] = form;
  view["errors"] = errors;
  if (!conflict.is_null()) view["conflict"] = conflict;
  view["kind_options"] = kind_options(req, form.value("kind", ""));
  return web::page(req, "meetings/form", view,
                   {editing ? "meeting.edit_title" : "meeting.new_title", "projects", status});
}

// The form as the JSON the API takes; a blank title becomes the kind's name.
json form_json(const Request& req, const Form& form) {
  auto get = [&](const char* k) {
    auto it = form.find(k);
    return it == form.end() ? std::string() : it->second;
  };
  json out = {{"kind", get("kind")},
              {"title", get("title")},
              {"duration_minutes", get("duration_minutes")},
              {"location", get("location")},
              {"agenda", get("agenda")}};
  if (get("title").find_first_not_of(" \t") == std::string::npos &&
      std::find(kKinds.begin(), kKinds.end(), get("kind")) != kKinds.end()) {
    out["title"] = kind_label(req, get("kind"));
  }
  out["starts_at"] =
      get("date").empty() || get("time").empty() ? "" : get("date") + "T" + get("time");
  if (!get("repeat_count").empty() && get("repeat_count") != "1") {
    out["repeat"] = nullptr;  // read from repeat_count and repeat_every_days
    out["repeat_count"] = get("repeat_count");
    out["repeat_every_days"] = get("repeat_every_days");
  }
  if (form.count("version")) out["version"] = get("version");
  return out;
}

json typed_form(const Form& form) {
  json out = json::object();
  for (const char* k : {"kind", "title", "date", "time", "duration_minutes", "location", "agenda",
                        "repeat_every_days", "repeat_count", "version"}) {
    auto it = form.find(k);
    out[k] = it == form.end() ? "" : it->second;
  }
  return out;
}

Response create(db::Database& db, const Request& req) {
  auto form = req.form();
  auto sql = db.lease();
  kit::ProjectScope scope(*sql, req, req.param("id"));
  scope.require(ProjectRight::kEdit);
  return kit::form_post(
      req,
      [&] {
        core::Input input(form_json(req, form), true);
        auto m = MeetingStore(*sql, scope.tenant_id())
                     .create(&req.who(), scope.project().id, meeting_fields().parse_new(input));
        return Response::redirect(meeting_url(m) + "?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        return form_page(*sql, req, typed_form(form), with_aliases(refused.errors), nullptr,
                         refused.status);
      });
}

// On 409 the form keeps what was typed, with the stored version and what changed.
Response update(db::Database& db, const Request& req) {
  auto form = req.form();
  return meeting_form(
      db, req, ProjectRight::kEdit,
      [&](soci::session& sql, const Meeting& m) {
        save_fields(sql, req, m, form_json(req, form));
        return Response::redirect(meeting_url(m) + "?saved=1");
      },
      [&](soci::session& sql, const kit::FormRefusal& refused) {
        json typed = typed_form(form);
        json conflict = nullptr;
        if (refused.status == 409) {
          typed["version"] = std::to_string(refused.current.value("version", 0LL));
          conflict = {{"title", refused.current.value("title", "")},
                      {"starts_at", refused.current.value("starts_at", "")}};
        }
        return form_page(sql, req, typed, with_aliases(refused.errors), conflict, refused.status);
      });
}

Response blank_form(db::Database& db, const Request& req) {
  return form_page(*db.lease(), req, nullptr, json::object(), nullptr, 200);
}

}  // namespace

void add_form_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}/meetings/new", blank_form, "Plan a meeting"},
       {"POST", "/projects/{id}/meetings", create, "Plan a meeting from the form"},
       {"GET", "/projects/{id}/meetings/{meeting}/edit", blank_form, "Change a meeting"},
       {"POST", "/projects/{id}/meetings/{meeting}/edit", update,
        "Save a changed meeting from the form"}});
}

}  // namespace meetings
