#include "wins/win.hpp"

#include "core/time.hpp"
#include "projects/project.hpp"
#include "web/i18n.hpp"

namespace wins {

const kit::Fields<Win>& win_fields() {
  static const kit::Fields<Win> fields =
      kit::Fields<Win>()
          .id(&Win::id)
          .parent(&Win::project_id)
          .text("text", &Win::text, {.required = true, .max = kWinTextMax})
          .choice("kind", &Win::kind, kKinds)
          .date("happened_on", &Win::happened_on, {.describe = "default: today"})
          .optional_text("link", &Win::link,
                         {.max = kLinkMax,
                          .describe = "a web address or a path inside fremdrift (/projects/…)"})
          .computed("automatic",
                    {{"type", "boolean"},
                     {"description",
                      "recorded by fremdrift (a step adopted, a KPI on target, a card done)"}},
                    [](const Win& w) { return w.source_key.has_value(); })
          .output("created_at", &Win::created_at)
          .version(&Win::version)
          .check([](const Win& w, core::Input& in) {
            if (w.link && !core::is_safe_link(*w.link))
              in.fail("link",
                      "must be a web address starting with https:// or http://, or a path on "
                      "this site starting with /");
          });
  return fields;
}

Win for_reader(Win w, const std::string& locale) {
  if (w.message) w.text = web::render_message(locale, *w.message);
  return w;
}

bool target_reached(const std::string& direction, double target, double value) {
  return direction == "lower" ? value <= target : value >= target;
}

}  // namespace wins
