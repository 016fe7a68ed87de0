#include "wins/win.hpp"

#include "core/time.hpp"
#include "projects/project.hpp"

namespace wins {

bool is_safe_link(const std::string& link) {
  if (link.rfind("https://", 0) == 0 || link.rfind("http://", 0) == 0) return true;
  // A path inside fremdrift, never a protocol-relative "//host".
  return link.size() > 1 && link[0] == '/' && link[1] != '/' && link[1] != '\\';
}

NewWin parse_win(core::Input& input) {
  NewWin w;
  w.text = input.required_text("text", kWinTextMax);
  w.kind = input.optional_choice("kind", kKinds).value_or("other");
  w.happened_on = input.optional_text("happened_on", 10).value_or("");
  if (w.happened_on.empty()) {
    w.happened_on = core::now_iso().substr(0, 10);
  } else if (!projects::is_valid_date(w.happened_on)) {
    input.fail("happened_on", "must be a date like 2026-03-31");
  }
  auto link = input.optional_text("link", kLinkMax);
  if (link && !link->empty()) {
    if (!is_safe_link(*link))
      input.fail("link", "must be a web address starting with https:// or http://");
    else
      w.link = *link;
  }
  return w;
}

bool target_reached(const std::string& direction, double target, double value) {
  return direction == "lower" ? value <= target : value >= target;
}

nlohmann::json to_json(const Win& w) {
  return {{"id", w.id},
          {"project_id", w.project_id},
          {"kind", w.kind},
          {"text", w.text},
          {"happened_on", w.happened_on},
          {"link", w.link ? nlohmann::json(*w.link) : nlohmann::json()},
          {"automatic", w.source_key.has_value()},
          {"created_at", w.created_at}};
}

}  // namespace wins
