#include "signals/signal_view.hpp"

#include "core/input.hpp"
#include "core/message.hpp"
#include "web/i18n.hpp"

namespace signals {
namespace {

using nlohmann::json;

// The submitter reads answers, closing notes and what an arena came to; other steps' notes
// are internal.
std::optional<std::string> public_text(const Event& e) {
  if (e.kind == "answer" || e.kind == "closed" || e.kind == "arena_outcome") {
    if (e.text && e.text->empty()) return std::nullopt;
    return e.text;
  }
  return std::nullopt;
}

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(); }

}  // namespace

bool shown_publicly(const Event& e) { return e.kind != "reminder"; }

json public_json(const Signal& s, const std::vector<Event>& history) {
  json steps = json::array();
  for (const auto& e : history)
    if (shown_publicly(e))
      steps.push_back({{"kind", e.kind},
                       {"text", opt(public_text(e))},
                       {"status", e.kind == "status" ? opt(e.text) : json()},
                       {"at", e.created_at}});
  return {{"what", s.what},           {"where", opt(s.place)}, {"suggestion", opt(s.suggestion)},
          {"unit_name", s.unit_name}, {"status", s.status},    {"created_at", s.created_at},
          {"history", steps}};
}

json public_view(const http::Request& req, const Signal& s, const std::vector<Event>& history) {
  json steps = json::array();
  for (const auto& e : history) {
    if (!shown_publicly(e)) continue;
    std::string label = web::t(req.locale, "signal_event_" + e.kind);
    if (e.kind == "status" && e.text)
      label += ": " + web::t(req.locale, "signal_status_" + *e.text);
    auto text = public_text(e);
    json step = {{"label", label}, {"at", e.created_at.substr(0, 10)}};
    if (text) step["text"] = *text;
    steps.push_back(step);
  }
  json view = {{"what", s.what},
               {"unit_name", s.unit_name},
               {"status", web::t(req.locale, "signal_status_" + s.status)},
               {"created_on", s.created_at.substr(0, 10)},
               {"history", steps}};
  if (s.place) view["where"] = *s.place;
  if (s.suggestion) view["suggestion"] = *s.suggestion;
  return view;
}

Notification notification(const std::string& locale, const Signal& s, const Event& e,
                          const std::string& link) {
  const std::string what = core::utf8_shorten(s.what, 80);
  core::Message subject{"signal_mail_subject_" + e.kind, {{"what", what}}};
  core::Message body{
      "signal_mail_body_" + e.kind,
      {{"what", s.what}, {"text", e.text.value_or("")}, {"deadline", s.deadline}, {"link", link}}};
  return {web::render_message(locale, subject), web::render_message(locale, body)};
}

}  // namespace signals
