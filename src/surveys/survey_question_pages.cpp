// The questions of a survey on its page (issue 17): the form that adds one, in the writer's
// language, and the button that removes one — until the first round is sent.
#include <sstream>

#include "core/input.hpp"
#include "http/paging.hpp"
#include "surveys/round_sending.hpp"
#include "surveys/survey_store.hpp"
#include "surveys/survey_views.hpp"
#include "web/choices.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace surveys::pages {

using http::Request;
using http::Response;
using nlohmann::json;

// The form that adds a question, with the questionnaire's scales to put a Likert item in.
void add_question_form(const Request& req, const Survey& s, json& view, const SurveyState& state) {
  std::vector<std::pair<std::string, std::string>> scales;
  for (const auto& sc : s.questionnaire.value("scales", json::array()))
    scales.emplace_back(sc.value("key", ""), text_in(sc.value("name", json()), req.locale));
  const json typed = state.item_form.is_null() ? json{{"kind", "likert"}} : state.item_form;
  std::vector<std::pair<std::string, std::string>> kinds;
  for (const char* k : {"likert", "single", "multiple", "number", "text"})
    kinds.emplace_back(k, web::t(req.locale, std::string("survey_kind_") + k));
  view["item_form"] = typed;
  view["item_kinds"] = web::select_options(kinds, typed.value("kind", "likert"));
  view["item_scales"] = web::select_options(scales, typed.value("scale_key", ""));
  view["may_edit_questions"] = true;
  view["item_version"] = s.version;
}

Response survey_page(db::Database& db, const Request& req, SurveyState state);

// Adds a question from the survey's page, at the version shown.
Response add_question(db::Database& db, const Request& req) {
  json typed = http::form_json(req.body, {});
  SurveyState state;
  try {
    core::Input input(typed, true);
    NewItem item;
    item.kind = typed.value("kind", "");
    item.text = input.optional_text("text", kItemTextMax).value_or("");
    item.scale_key = typed.value("scale_key", "");
    item.new_scale = input.optional_text("new_scale", kTitleMax).value_or("");
    item.reverse = typed.value("reverse", "") == "1";
    std::istringstream lines(typed.value("options", ""));
    for (std::string line; std::getline(lines, line);) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      if (!line.empty()) item.options.push_back(line);
    }
    input.check();
    const auto version = http::required_version(req, typed);
    auto sql = db.lease();
    SurveyStore store(*sql, req.who().tenant_id);
    auto survey = store.get(req.param("id"));
    require_owner(survey, req.who());
    survey.questionnaire = with_item(survey.questionnaire, item, req.locale);
    store.update(&req.who(), survey, version);
    return Response::redirect("/surveys/" + survey.id + "#questions");
  } catch (const core::ValidationError& e) {
    state.errors = web::validation_errors(req, e);
    state.status = 422;
  } catch (const core::Conflict& e) {
    state.errors = {{"_form", web::error_text(req, e)}};
    state.status = 409;
  } catch (const core::Forbidden& e) {
    state.errors = {{"_form", web::error_text(req, e)}};
    state.status = 403;
  }
  typed.erase("version");  // the form shows the stored one
  state.item_form = typed;
  return survey_page(db, req, std::move(state));
}

Response remove_question(db::Database& db, const Request& req) {
  auto form = req.form();
  auto sql = db.lease();
  SurveyStore store(*sql, req.who().tenant_id);
  auto survey = store.get(req.param("id"));
  require_owner(survey, req.who());
  const auto version = http::required_version(req, http::form_json(req.body, {}));
  survey.questionnaire = without_item(survey.questionnaire, req.param("key"));
  store.update(&req.who(), survey, version);
  return Response::redirect("/surveys/" + survey.id + "#questions");
}

}  // namespace surveys::pages
