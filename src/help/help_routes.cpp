// The method help as pages (with the layout) and as JSON. Help is the same for every
// tenant, so any logged-in person reads it; nothing here touches the database.
#include "help/help_routes.hpp"

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "core/errors.hpp"
#include "help/help.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "kit/pages.hpp"
#include "kit/routes.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace help {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

const Topic& topic_of(const Request& req) {
  const Topic* t = find(req.param("topic"));
  if (!t) throw core::NotFound("no help topic " + req.param("topic"));
  return *t;
}

json link_to(const Topic& t, const std::string& locale) {
  const TopicText& w = text(t, locale);
  return {{"href", "/help/" + t.id}, {"title", w.title}, {"summary", w.summary}};
}

Response index_page(db::Database& /*db*/, const Request& req) {
  auto view = web::base_view(req);
  json groups = json::array();
  for (const auto& g : kGroups) {
    json links = json::array();
    for (const auto& t : topics())
      if (t.group == g) links.push_back(link_to(t, req.locale));
    groups.push_back({{"id", "help-" + g},
                      {"heading", web::t(req.locale, "help_group_" + g)},
                      {"topics", links}});
  }
  view["groups"] = groups;
  return web::page(req, "help/index", view, {"help_title", "help"});
}

Response topic_page(db::Database& /*db*/, const Request& req) {
  const Topic& t = topic_of(req);
  const TopicText& w = text(t, req.locale);
  auto view = web::base_view(req);
  view["topic"] = {{"id", t.id},       {"title", w.title}, {"summary", w.summary}, {"why", w.why},
                   {"steps", w.steps}, {"tip", w.tip},     {"where", w.where}};
  json related = json::array();
  for (const auto& id : t.related)
    if (const Topic* r = find(id)) related.push_back(link_to(*r, req.locale));
  view["related"] = related;
  view["has_related"] = !related.empty();
  // The title is the topic's own words, not a catalogue key: the catalogue lookup gives
  // back a text it does not know as it is.
  return web::page(req, "help/topic", view, {w.title, "help"});
}

// The phase stepper links by the project's phase key, the map editor by the map's kind. A
// key no topic explains is not found, like an unknown topic (every address with a
// parameter answers 404 for what it does not know; tests/http/isolation_http_test.cpp).
Response to_topic(const Topic* t, const std::string& key) {
  if (!t) throw core::NotFound("no help topic for " + key);
  return Response::redirect("/help/" + t->id);
}

Response phase_help(db::Database& /*db*/, const Request& req) {
  return to_topic(for_phase(req.param("phase")), req.param("phase"));
}

Response map_help(db::Database& /*db*/, const Request& req) {
  return to_topic(for_map_kind(req.param("kind")), req.param("kind"));
}

// Paged like every list. Topic ids are words, not the time-ordered ids cursors carry, so
// the cursor holds only the place of the last topic (the order is fixed in the binary).
Response list_topics(db::Database& /*db*/, const Request& req) {
  const auto page = http::Page::from(req);
  std::size_t start = 0;
  if (page.after_key) {
    const auto last = std::strtoul(page.after_key->c_str(), nullptr, 10);
    start = std::min<std::size_t>(last + 1, topics().size());
  }
  const std::size_t end = std::min(topics().size(), start + static_cast<std::size_t>(page.limit));
  json items = json::array();
  for (std::size_t i = start; i < end; ++i) items.push_back(summary_json(topics()[i], req.locale));
  json next =
      end < topics().size() ? json(http::encode_cursor("", std::to_string(end - 1))) : json();
  return Response::json(200, {{"items", std::move(items)}, {"next_cursor", std::move(next)}});
}

Response show_topic(db::Database& /*db*/, const Request& req) {
  return Response::json(200, to_json(topic_of(req), req.locale));
}

}  // namespace

void add_pages(http::Router& router, db::Database& db) {
  // The phase and map-kind addresses only lead on to a topic.
  std::vector<kit::PageRoute> pages = {
      {"GET", "/help", index_page, "The method help: phases and tools"},
      {"GET", "/help/{topic}", topic_page, "One topic of the method help"},
      {"GET", "/help/phases/{phase}", phase_help, "The help topic of a method phase"},
      {"GET", "/help/maps/{kind}", map_help, "The help topic of a kind of workflow map"}};
  kit::add_page_routes(router, db, std::move(pages));
}

void add_api_routes(http::Router& router, db::Database& db) {
  http::register_schema("HelpTopicSummary", summary_schema());
  http::register_schema("HelpTopic", topic_schema());
  const auto user = http::Access::kAuthenticated;
  kit::add_routes(
      router, db,
      {{"GET",
        "/api/v1/help",
        user,
        list_topics,
        {"The method help's topics (phases first, then tools) in the caller's language", "help", "",
         "HelpTopicSummary", true}},
       {"GET",
        "/api/v1/help/{topic}",
        user,
        show_topic,
        {"One method help topic in the caller's language: what, why, how, a tip and where in "
         "fremdrift",
         "help", "", "HelpTopic"}}});
}

}  // namespace help
