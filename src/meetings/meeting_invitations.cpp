#include "meetings/meeting_invitations.hpp"

#include "db/write_tx.hpp"
#include "mail/outbox_store.hpp"
#include "meetings/meeting_store.hpp"
#include "meetings/meeting_view.hpp"
#include "web/public_url.hpp"

namespace meetings {
namespace {

constexpr const char* kCalendarType = "text/calendar; method=PUBLISH; charset=utf-8";

// "2026-04-14T09:00" as "2026-04-14 09:00"; the zone is the tenant's.
std::string when(const Meeting& m) {
  auto shown = m.starts_at;
  if (shown.size() > 10 && shown[10] == 'T') shown[10] = ' ';
  return shown;
}

}  // namespace

Invitations send_invitations(soci::session& sql, const std::string& tenant_id,
                             const Meeting& meeting, const std::string& project_title,
                             const std::string& time_zone) {
  Invitations out;
  // Relative without --public-url: the mail then carries the path only.
  const nlohmann::json params = {
      {"title", meeting.title},
      {"project", project_title},
      {"when", when(meeting)},
      {"place", meeting.location.value_or("-")},
      {"link", web::public_url() + "/projects/" + meeting.project_id + "/meetings/" + meeting.id}};
  db::WriteTx tx(sql);
  for (const auto& a : MeetingStore(sql, tenant_id).attendance(meeting.id)) {
    auto to = mail::recipient(sql, tenant_id, a.entry.person_id);
    if (!to) {
      out.skipped.push_back(a.entry.person_id);
      continue;
    }
    auto calendar =
        meetings_calendar(sql, tenant_id, {meeting}, meeting.title, to->locale, time_zone);
    if (mail::notify(sql, tenant_id, *to, "meeting_invitation", params,
                     {{"invitation.ics", kCalendarType, calendar}})) {
      out.queued.push_back(a.entry.person_id);
    } else {
      out.skipped.push_back(a.entry.person_id);
    }
  }
  tx.commit();
  return out;
}

}  // namespace meetings
