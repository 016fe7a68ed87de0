#pragma once

#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/input.hpp"
#include "http/request.hpp"
#include "signals/signal_store.hpp"

namespace signals {

// ?unit_id=, ?status=, ?older_than_days= (ValidationError naming the parameter).
Filter filter_from(const http::Request& req);

// One of the holder's steps as the API and the signal page send it: {"kind", "text",
// "project_id", "as"}. to_project makes a kaizen card or an action-plan row in the
// project (the caller needs its edit right) and links it in the history.
Signal run_action(soci::session& sql, const http::Request& req, const std::string& id,
                  core::Input& input);

// What an arena started from `s` is called and aims at unless the holder says otherwise: the
// signal's words, and its suggestion under them.
std::string arena_title(const Signal& s);
std::string arena_goal(const Signal& s);

// GET /api/v1/signal-stats's body.
nlohmann::json stats_json(soci::session& sql, const http::Request& req);
// The history of a signal the caller may read, as a list body.
nlohmann::json history_json(soci::session& sql, const http::Request& req, const std::string& id);

}  // namespace signals
