#pragma once

// What the meeting pages share. The pages are split by concern: planning and changing
// a meeting (meeting_form_pages), the meeting itself with attendance, minutes and
// decisions (meeting_pages), attendance by unit and the project page's section
// (meeting_unit_pages).
#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/input.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "kit/forms.hpp"
#include "kit/scope.hpp"
#include "meetings/meeting.hpp"

namespace meetings {

// The page files' shorthand (this header is theirs alone).
using http::Access;
using http::Request;
using http::Response;
using kit::ProjectRight;
using nlohmann::json;

std::string kind_label(const Request& req, const std::string& kind);
// "2026-04-14T09:00" → {date, time, until}.
json when(const Meeting& m);
std::string meeting_url(const Meeting& m);

// The meeting of the address, NotFound unless it belongs to the address's project.
Meeting meeting_in_project(soci::session& sql, const Request& req);
// The meeting of the address and the caller's scope in its project, checked for `right`.
Meeting meeting_for(soci::session& sql, const Request& req, ProjectRight right);

// A form's version field; recorded in `input` as missing when it is not there.
long long form_version(core::Input& input);
// A change of the meeting's fields from a form (`posted`, with the version the form
// was shown at).
void save_fields(soci::session& sql, const Request& req, const Meeting& m, const json& posted);

// A form posted on a meeting: the meeting of the address checked for `right`, then
// kit::form_post_on.
template <typename Write, typename Show>
Response meeting_form(db::Database& db, const Request& req, ProjectRight right, Write write,
                      Show show) {
  return kit::form_post_on(
      db, req, [&](soci::session& sql) { return meeting_for(sql, req, right); }, write, show);
}

void add_form_pages(http::Router& router, db::Database& db);
void add_meeting_pages(http::Router& router, db::Database& db);
void add_unit_pages(http::Router& router, db::Database& db);

}  // namespace meetings
