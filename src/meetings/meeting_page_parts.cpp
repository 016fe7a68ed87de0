#include "meetings/meeting_page_parts.hpp"

#include "core/errors.hpp"
#include "meetings/meeting_store.hpp"
#include "web/i18n.hpp"

namespace meetings {

std::string kind_label(const Request& req, const std::string& kind) {
  return web::t(req.locale, "meeting.kind." + kind);
}

json when(const Meeting& m) {
  std::string end = ends_at(m);
  return {{"date", m.starts_at.substr(0, 10)},
          {"time", m.starts_at.substr(11, 5)},
          {"until", end.substr(0, 10) == m.starts_at.substr(0, 10) ? end.substr(11, 5) : end}};
}

std::string meeting_url(const Meeting& m) {
  return "/projects/" + m.project_id + "/meetings/" + m.id;
}

Meeting meeting_in_project(soci::session& sql, const Request& req) {
  auto m = MeetingStore(sql, req.who().tenant_id).get(req.param("meeting"));
  if (m.project_id != req.param("id")) throw core::NotFound("no such meeting in this project");
  return m;
}

Meeting meeting_for(soci::session& sql, const Request& req, ProjectRight right) {
  auto m = meeting_in_project(sql, req);
  kit::ProjectScope(sql, req, m.project_id).require(right);
  return m;
}

long long form_version(core::Input& input) {
  auto version = input.optional_int("version", 1, 1LL << 40);
  if (!version) input.fail("version", "is required");
  return version.value_or(0);
}

void save_fields(soci::session& sql, const Request& req, const Meeting& m, const json& posted) {
  core::Input input(posted, true);
  long long version = form_version(input);
  MeetingStore(sql, req.who().tenant_id)
      .update(&req.who(), meeting_fields().apply(input, m), version);
}

}  // namespace meetings
