#pragma once

// What the survey pages share (survey_pages.cpp, survey_question_pages.cpp,
// survey_results_page.cpp): the survey page's state and renderer and a few views.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "http/request.hpp"
#include "surveys/round_sending.hpp"
#include "surveys/survey.hpp"

namespace surveys::pages {

// What the survey page shows besides the survey: the send form as typed, its errors, and
// after a round was sent its links (this once).
struct SurveyState {
  nlohmann::json form;
  nlohmann::json errors = nlohmann::json::object();
  int status = 200;
  std::optional<SentRound> sent;
  nlohmann::json feed_form;  // the KPI form as typed, after a refusal
  nlohmann::json item_form;  // the question form as typed, after a refusal
};

// The survey's page, with what `state` brings back to it.
http::Response survey_page(db::Database& db, const http::Request& req, SurveyState state);

// "Baseline", "Follow-up 2" in the reader's language.
std::string round_name(const http::Request& req, const Round& r);

// How many were invited and answered per unit and in all, with the rate, for a page.
nlohmann::json participation_view(const http::Request& req, const Round& r,
                                  const std::vector<Participation>& counts);

// Non-breaking spaces that show a unit's depth in a tree without styles.
std::string indent(int depth);

// The question form on the survey page, and its two posts (survey_question_pages.cpp).
void add_question_form(const http::Request& req, const Survey& s, nlohmann::json& view,
                       const SurveyState& state);
http::Response add_question(db::Database& db, const http::Request& req);
http::Response remove_question(db::Database& db, const http::Request& req);

// A round's results page (survey_results_page.cpp).
http::Response results_page(db::Database& db, const http::Request& req);

}  // namespace surveys::pages
