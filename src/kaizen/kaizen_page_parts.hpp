#pragma once

// What the kaizen pages share: addresses, form values, option lists and the board
// fragment. The pages themselves are split by concern: the board (kaizen_board_pages),
// a card (kaizen_card_pages), the wall screen and the meeting agenda (kaizen_wall_pages).
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/input.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "kaizen/card.hpp"
#include "kaizen/kaizen_view.hpp"
#include "kit/scope.hpp"
#include "web/choices.hpp"

namespace kaizen {

// The page files' shorthand (this header is theirs alone).
using http::Access;
using http::Request;
using http::Response;
using kit::ProjectRight;
using nlohmann::json;
using Form = std::map<std::string, std::string>;
using Choices = std::vector<std::pair<std::string, std::string>>;

std::string board_url(const std::string& project_id);
std::string form_value(const Form& form, const char* key);
// From the board's script: answer with the fresh board instead of a redirect.
bool htmx(const http::Request& req);
nlohmann::json assets();

// The tenant's active people by name, for the responsible and raised-by selects.
Choices people(soci::session& sql, const http::Request& req);
// `keys` with their labels from the catalogue (`prefix` + key).
Choices labelled(const http::Request& req, const std::vector<std::string>& keys,
                 const std::string& prefix);

// The board fragment: the part the page polls and a move replaces.
std::string board_html(soci::session& sql, const http::Request& req, const std::string& project_id,
                       const BoardOptions& options);

// The card of the address, NotFound unless it belongs to the address's project; then
// the caller's right on it.
Card in_project(soci::session& sql, const http::Request& req, kit::ProjectRight right);

// A form's version field; recorded in `input` as missing when it is not there.
long long form_version(const Form& form, core::Input& input);

void add_board_pages(http::Router& router, db::Database& db);
void add_card_pages(http::Router& router, db::Database& db);
void add_wall_pages(http::Router& router, db::Database& db);

}  // namespace kaizen
