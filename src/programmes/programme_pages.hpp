#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "db/database.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "kit/forms.hpp"

// What the programme pages share: the list page (/programmes, with the umbrella
// membership), one programme's page, and the forms that show them again.
namespace programmes::pages {

nlohmann::json option(const std::string& value, const std::string& label, bool selected);

struct ListState {
  nlohmann::json form = nlohmann::json::object();
  nlohmann::json join = nlohmann::json::object();
  nlohmann::json errors = nlohmann::json::object();
  std::string new_code;
  int status = 200;
};
http::Response list_page(db::Database& db, const http::Request& req, const ListState& state);

struct ProgrammeState {
  nlohmann::json edit = nullptr;    // the edit form as typed
  nlohmann::json attach = nullptr;  // the attach form as typed
  nlohmann::json errors = nlohmann::json::object();
  std::map<std::string, std::string> group_typed;  // "clusters" → typed name
  std::map<std::string, std::string> group_errors;
  int status = 200;
};
http::Response programme_page(db::Database& db, const http::Request& req,
                              const ProgrammeState& state);

// What another feature shows beside each attached project (the latest status report's
// colours): JSON by project id, read for (tenant_id, project_id) pairs in the reader's
// language. Set once at start-up by programmes::add_pages.
using ProjectRollup = std::function<nlohmann::json(
    soci::session&, const std::vector<std::pair<std::string, std::string>>&, const std::string&)>;
void use_rollup(ProjectRollup rollup);

void add_programme_forms(http::Router& router, db::Database& db);
void add_umbrella_forms(http::Router& router, db::Database& db);

}  // namespace programmes::pages
