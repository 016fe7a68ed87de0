#pragma once

// The adoption route files' shared pieces (internal to adoption).
#include <string>

#include <nlohmann/json.hpp>

#include "adoption/adoption.hpp"
#include "db/database.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "projects/project_access.hpp"

namespace adoption {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;

std::string status_label(const http::Request& req, const std::string& status);
// "{key}" in a catalogue text replaced by `value`.
std::string replace(std::string text, const std::string& key, const std::string& value);
nlohmann::json share_view(const http::Request& req, const Share& share);

// /projects/{id}/closing-report, the lessons forms and the split accepted on a KPI page.
void add_report_pages(http::Router& router, db::Database& db);

}  // namespace adoption
