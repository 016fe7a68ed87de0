#include "wins/win.hpp"

#include "core/time.hpp"
#include "projects/project.hpp"

namespace wins {

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
    if (!core::is_safe_link(*link))
      input.fail("link",
                 "must be a web address starting with https:// or http://, or a path on this "
                 "site starting with /");
    else
      w.link = *link;
  }
  return w;
}

bool target_reached(const std::string& direction, double target, double value) {
  return direction == "lower" ? value <= target : value >= target;
}

nlohmann::json to_json(const Win& w) {
  return {
      {"id", w.id},
      {"project_id", w.project_id},
      {"kind", w.kind},
      {"text", w.text},
      {"happened_on", w.happened_on},
      // A link stored before the rules were tightened is shown as text, not followed.
      {"link", w.link && core::is_safe_link(*w.link) ? nlohmann::json(*w.link) : nlohmann::json()},
      {"automatic", w.source_key.has_value()},
      {"created_at", w.created_at}};
}

}  // namespace wins
