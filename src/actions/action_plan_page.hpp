#pragma once

// The action plan page, shared by its form posts (which show it again after a refusal)
// and "my actions" (which shows its rows).
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "actions/action.hpp"
#include "db/database.hpp"
#include "http/request.hpp"
#include "http/router.hpp"

namespace actions {

// What a page shown again carries back: the typed form and its errors.
struct Typed {
  nlohmann::json create = nlohmann::json::object();  // the new-row form
  nlohmann::json create_errors = nlohmann::json::object();
  std::string row_id;  // the inline form that failed
  nlohmann::json row = nlohmann::json::object();
  nlohmann::json row_errors = nlohmann::json::object();
  std::string csv;         // the import text
  nlohmann::json preview;  // the import report, when previewed
  int status = 200;
};

// (value, label) pairs for a select.
using Choices = std::vector<std::pair<std::string, std::string>>;

std::string plan_url(const std::string& project_id);

// /projects/{id}/actions with the filters of the address.
http::Response plan_page(db::Database& db, const http::Request& req, const Typed& typed);

// A table row; `form` holds what the inline edit form shows, `people` and `kpis` its choices.
nlohmann::json row_view(const http::Request& req, const Action& a, const nlohmann::json& form,
                        const nlohmann::json& errors, bool open, const Choices& people,
                        const Choices& kpis);

// The posts of the plan page: a new row, an inline edit, a suggestion taken, the import, a
// row removed.
void add_form_routes(http::Router& router, db::Database& db);

}  // namespace actions
