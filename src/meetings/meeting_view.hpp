#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "core/input.hpp"
#include "meetings/meeting.hpp"
#include "meetings/meeting_store.hpp"
#include "projects/project_store.hpp"

namespace meetings {

// What the API and the pages both show, built in one place.

// The meeting with its attendance and the decisions taken at it (generated decision
// texts in `locale`).
nlohmann::json meeting_detail(soci::session& sql, const std::string& tenant_id,
                              const Meeting& meeting, const std::string& locale);

// Units × meetings with names and the flag: {meetings:[…], units:[…], flagged_unit_ids:[…]}.
nlohmann::json attendance_by_unit_json(soci::session& sql, const std::string& tenant_id,
                                       const std::string& project_id);

// A decision taken at the meeting, from the API's body or the page's form: dated the
// meeting's day unless decided_on is given. ValidationError naming the fields.
projects::GateDecision meeting_decision(const Meeting& meeting, core::Input& input,
                                        const core::AuthContext& who);

// iCalendar documents; `locale` names the kinds and headings, the tenant's language
// picks the time zone. A meeting's event names the project leader as its organiser and
// the people invited as attendees (those with an e-mail address), and links back to the
// meeting's page when the site's public address is set (web::public_url).
std::string meetings_calendar(soci::session& sql, const std::string& tenant_id,
                              const std::vector<Meeting>& meetings, const std::string& name,
                              const std::string& locale, const std::string& time_zone);
std::string deadlines_calendar(const std::vector<Deadline>& deadlines, const std::string& name,
                               const std::string& locale);

}  // namespace meetings
