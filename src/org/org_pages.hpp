#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/input.hpp"
#include "db/database.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "org/org.hpp"

// What the organisation pages (/org, /people) share: select options and the typed form.
namespace org::pages {

// Units in tree order, indented by depth, marking `selected`; `exclude` leaves one out.
nlohmann::json unit_options(const std::vector<Unit>& units, const std::string& selected,
                            const std::string& exclude = "");
// Every person of the tenant by name.
nlohmann::json person_options(soci::session& sql, const std::string& tenant_id,
                              const std::string& selected);
nlohmann::json kind_options(const http::Request& req, const std::string& selected);
nlohmann::json locale_options(const http::Request& req, const std::string& selected);
std::map<std::string, std::string> person_names(soci::session& sql, const std::string& tenant_id);

// The form as typed, for showing it again.
nlohmann::json typed(const std::map<std::string, std::string>& form);
// The version an edit form was loaded at; a missing one fails the input.
long long form_version(core::Input& input);

void add_unit_pages(http::Router& router, db::Database& db);
void add_people_pages(http::Router& router, db::Database& db);

}  // namespace org::pages
