// The respondent's side of a survey (issue 17): the answer form behind a personal or public
// link, /s/{link}, open without a login. The link is the only key: the page says nothing
// about whose it is, keeps it out of caches, and after the answer only thanks. A flood is
// limited before it costs much: unknown links per address, and a citizens' public link per
// address and per link (in memory, per instance, like the signals' public form).
#include <chrono>
#include <cstdlib>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "http/error_mapping.hpp"
#include "http/openapi.hpp"
#include "http/rate_limit.hpp"
#include "kit/forms.hpp"
#include "kit/routes.hpp"
#include "surveys/survey_routes.hpp"
#include "surveys/survey_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"
#include "web/web_routes.hpp"

namespace surveys {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

constexpr std::size_t kAnswerBodyMax = 256 * 1024;

// Guessing links: a few wrong ones, then one every ten seconds.
http::RateLimiter& unknown_links() {
  static http::RateLimiter limiter(20, 0.1);
  return limiter;
}
// A citizen answers once or twice; a kiosk's shared address a few an hour more.
http::RateLimiter& public_per_address() {
  static http::RateLimiter limiter(5, 1.0 / 60);
  return limiter;
}
// All of a public link's answers: FREMDRIFT_SURVEY_PUBLIC_RATE a second (default 5) after
// a burst of ten seconds' worth.
http::RateLimiter& public_per_link() {
  static http::RateLimiter limiter = [] {
    const char* env = std::getenv("FREMDRIFT_SURVEY_PUBLIC_RATE");
    double rate = env && *env ? std::atof(env) : 5;
    if (rate <= 0) rate = 5;
    return http::RateLimiter(10 * rate, rate);
  }();
  return limiter;
}

void refuse_when_flooded(http::RateLimiter& limiter, const std::string& key) {
  if (int wait = limiter.take(key, std::chrono::steady_clock::now()))
    throw core::TooManyRequests("too many answers right now; try again later", wait);
}

// The link's round, or NotFound: an unknown link also spends the address's guesses.
LinkedRound linked_round(soci::session& sql, const Request& req) {
  auto linked = find_link(sql, req.param("link"));
  if (!linked) {
    refuse_when_flooded(unknown_links(), req.remote_address);
    throw core::NotFound(core::Message{"survey_err_link_unknown"});
  }
  return *linked;
}

// The reader's language: theirs when they chose one, are logged in or their browser names
// one; otherwise the municipality's (a Swedish municipality's staff get the form in Swedish).
Request in_language(const Request& req, const LinkedRound& linked) {
  Request out = req;
  const bool chosen = req.cookie(web::kLangCookie).has_value() || req.auth.has_value() ||
                      !web::accepted_locale(req.header("accept-language").value_or("")).empty();
  if (!chosen && web::is_locale(linked.tenant_locale)) out.locale = linked.tenant_locale;
  return out;
}

bool wants_json(const Request& req) {
  return req.header("content-type").value_or("").rfind("application/json", 0) == 0;
}

// A page about the link (thanks, used, not open): no form, nothing about the respondent.
Response status_page(const Request& req, const LinkedRound* linked, const std::string& message,
                     int status) {
  auto view = web::base_view(req);
  if (linked) view["survey_title"] = linked->title;
  view["message"] = web::t(req.locale, message);
  auto r = web::page(req, "surveys/answer_status", view, {"survey_answer_title", "", status});
  r.header("Cache-Control", "no-store");
  return r;
}

json option_view(const std::string& item_id, std::size_t at, const std::string& name,
                 const std::string& value, const std::string& label, bool checked) {
  return {{"id", item_id + "-" + std::to_string(at)},
          {"name", name},
          {"value", value},
          {"label", label},
          {"checked", checked}};
}

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// One item as the form shows it, with what was typed and its error.
json item_view(const json& item, std::size_t number, const json& labels, const std::string& locale,
               const json& typed, const json& errors) {
  const std::string key = item.value("key", "");
  const std::string kind = item.value("kind", "");
  const std::string id = "q" + std::to_string(number);
  const std::string name = "a." + key;
  const std::string given = typed.value(name, "");
  json view = {{"id", id},
               {"name", name},
               {"number", number},
               {"text", text_in(item.value("text", json()), locale)},
               {"value", given}};
  if (errors.contains(key)) view["error"] = errors[key];
  json options = json::array();
  if (kind == "likert") {
    for (std::size_t point = 0; point < labels.size(); ++point)
      options.push_back(option_view(id, point, name, std::to_string(point),
                                    text_in(labels[point], locale),
                                    given == std::to_string(point)));
  } else if (kind == "single" || kind == "multiple") {
    std::size_t at = 0;
    for (const auto& o : item.value("options", json::array())) {
      const std::string value = o.value("key", "");
      const bool many = kind == "multiple";
      options.push_back(
          option_view(id, at++, many ? name + "." + value : name, value,
                      text_in(o.value("label", json()), locale),
                      many ? typed.value(name + "." + value, "") == value : given == value));
    }
  }
  if (!options.empty()) {
    view["choices"] = true;
    view["options"] = options;
    view["input_type"] = kind == "multiple" ? "checkbox" : "radio";
    view["first_id"] = options[0]["id"];
  } else {
    view[kind == "number" ? "number_field" : "text_field"] = true;
    view["first_id"] = id;
  }
  return view;
}

Response form_page(db::Database& db, const Request& asked, const json& typed, const json& errors,
                   int status) {
  auto sql = db.lease();
  auto linked = linked_round(*sql, asked);
  const Request req = in_language(asked, linked);
  if (linked.used) return status_page(req, &linked, "survey_link_used", 410);
  if (!linked.open_on(core::nordic_local_today()))
    return status_page(req, &linked, "survey_round_not_open", 200);
  const json labels = linked.questionnaire.value("likert_labels", json::array());
  json items = json::array();
  json error_list = json::array();
  std::size_t number = 0;
  for (const auto& item : linked.questionnaire.value("items", json::array())) {
    items.push_back(item_view(item, ++number, labels, req.locale, typed, errors));
    if (items.back().contains("error"))
      error_list.push_back({{"id", items.back()["first_id"]},
                            {"text", items.back()["text"]},
                            {"message", items.back()["error"]}});
  }
  auto view = web::base_view(req);
  view["survey_title"] = linked.title;
  if (linked.description) view["description"] = *linked.description;
  view["items"] = items;
  view["error_list"] = error_list;
  view["has_errors"] = !error_list.empty();
  if (errors.contains("_form")) view["form_error"] = errors["_form"];
  view["action"] = "/s/" + req.param("link");
  auto r = web::page(req, "surveys/answer", view, {"survey_answer_title", "", status});
  // The address is the secret: not kept in shared caches.
  r.header("Cache-Control", "no-store");
  return r;
}

// A text answer over the limit is refused naming the item, never cut.
void set_text(Answers& answers, const std::string& key, const std::string& text) {
  if (text.size() > kDescriptionMax)
    throw core::ValidationError(key, "at most " + std::to_string(kDescriptionMax) + " characters");
  answers[key].text = text;
}

// {"answers": {"item key": a number or a text}}.
Answers answers_from_json(const std::string& body) {
  auto input = core::Input::from_json_body(body);
  if (!input.has("answers") || !input.raw().at("answers").is_object())
    throw core::ValidationError("answers", "must be an object of item keys and answers");
  Answers answers;
  for (const auto& [key, value] : input.raw().at("answers").items()) {
    if (value.is_number())
      answers[key].number = value.get<double>();
    else if (value.is_string())
      set_text(answers, key, value.get<std::string>());
    else if (!value.is_null())
      throw core::ValidationError(key, "must be a number or a text");
  }
  return answers;
}

// The form's fields a.<item> (a multiple choice's a.<item>.<option>) as answers; what does
// not read as the item's kind is kept as text, so that check_answers names the item.
Answers answers_from_form(const json& questionnaire, const json& typed) {
  Answers answers;
  for (const auto& item : questionnaire.value("items", json::array())) {
    const std::string key = item.value("key", "");
    const std::string kind = item.value("kind", "");
    const std::string given = trimmed(typed.value("a." + key, ""));
    if (kind == "multiple") {
      std::string chosen;
      for (const auto& o : item.value("options", json::array())) {
        const std::string option = o.value("key", "");
        if (typed.value("a." + key + "." + option, "") != option) continue;
        chosen += (chosen.empty() ? "" : ",") + option;
      }
      if (!chosen.empty()) answers[key].text = chosen;
    } else if (given.empty()) {
      continue;
    } else if (kind == "likert" || kind == "number") {
      auto number = core::parse_decimal(given);
      if (number)
        answers[key].number = *number;
      else
        set_text(answers, key, given);
    } else {
      set_text(answers, key, given);
    }
  }
  return answers;
}

// Rate limits before the answer is stored; a public link is limited per address and link.
void check_flood(const LinkedRound& linked, const Request& req) {
  if (!linked.is_public) return;
  refuse_when_flooded(public_per_address(), linked.round_id + " " + req.remote_address);
  refuse_when_flooded(public_per_link(), linked.round_id);
}

Response answer_json(db::Database& db, const Request& req) {
  try {
    if (req.body.size() > kAnswerBodyMax) throw core::PayloadTooLarge("an answer is limited");
    auto sql = db.lease();
    check_flood(linked_round(*sql, req), req);
    submit_answer(*sql, req.param("link"), answers_from_json(req.body), core::nordic_local_today());
    return Response::json(201, {{"received", true}});
  } catch (...) {
    return http::json_error(http::classify(std::current_exception()));
  }
}

Response answer(db::Database& db, const Request& asked) {
  if (wants_json(asked)) return answer_json(db, asked);
  if (asked.body.size() > kAnswerBodyMax) throw core::PayloadTooLarge("an answer is limited");
  const json typed = http::form_json(asked.body, {});
  LinkedRound linked;
  {
    auto sql = db.lease();
    linked = linked_round(*sql, asked);
  }
  const Request req = in_language(asked, linked);
  if (linked.used) return status_page(req, &linked, "survey_link_used", 410);
  check_flood(linked, req);
  return kit::form_post(
      req,
      [&] {
        auto answers = answers_from_form(linked.questionnaire, typed);
        auto sql = db.lease();
        submit_answer(*sql, req.param("link"), answers, core::nordic_local_today());
        return Response::redirect("/s/" + req.param("link") + "/thanks");
      },
      [&](const kit::FormRefusal& refused) {
        if (refused.status == 409) return status_page(req, &linked, "survey_link_used", 410);
        return form_page(db, req, typed, refused.errors, refused.status);
      });
}

Response show_form(db::Database& db, const Request& req) {
  return form_page(db, req, json::object(), json::object(), 200);
}

// After an answer: thanks, and nothing else (the link may be on a shared screen).
Response thanks(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto linked = linked_round(*sql, req);
  return status_page(in_language(req, linked), &linked, "survey_thanks", 200);
}

void register_schemas() {
  http::register_schema(
      "SurveyAnswer",
      {{"type", "object"},
       {"required", {"answers"}},
       {"properties",
        {{"answers",
          {{"type", "object"},
           {"description",
            "item key → a Likert point 0–4, a number, a text, a single choice's option key "
            "or a multiple choice's option keys separated by commas"}}}}}});
  http::register_schema(
      "SurveyAnswerReceipt",
      {{"type", "object"}, {"properties", {{"received", {{"type", "boolean"}}}}}});
}

}  // namespace

void add_answer_routes(http::Router& router, db::Database& db) {
  register_schemas();
  const auto open = http::Access::kPublic;
  // No session is involved: the link is the key, so the posts need no CSRF token.
  kit::add_routes(
      router, db,
      {{"GET",
        "/s/{link}",
        open,
        show_form,
        {"The answer form behind a personal or public link (HTML)", "surveys"}},
       {"POST",
        "/s/{link}",
        open,
        answer,
        {"Answer through a link (JSON or the form): a personal link once (404 unknown, 409 "
         "used, 422 not open or a refused answer naming the item); 429 with Retry-After when "
         "a public link is flooded",
         "surveys", "SurveyAnswer", "SurveyAnswerReceipt", false, 201},
        true},
       {"GET",
        "/s/{link}/thanks",
        open,
        thanks,
        {"The page shown after an answer (HTML)", "surveys"}}});
}

}  // namespace surveys
