#include "privacy/record.hpp"

#include "core/message.hpp"
#include "privacy/places.hpp"
#include "web/i18n.hpp"

namespace privacy {
namespace {

using nlohmann::json;

std::string kept_text(const std::string& locale, const std::string& kept, const Retention& r) {
  json params = json::object();
  if (kept == "signal_email") params["days"] = r.signal_email_days;
  if (kept == "survey_invitation") params["days"] = r.survey_invitation_days;
  if (kept == "token") params["days"] = kRevokedTokenDays;
  return web::render_message(locale, core::Message{"privacy_kept_" + kept, params});
}

json labels(const std::string& locale, const std::string& prefix,
            const std::vector<std::string>& keys) {
  json out = json::array();
  for (const auto& k : keys) out.push_back(web::t(locale, prefix + k));
  return out;
}

}  // namespace

json record_json(const std::string& locale, const Retention& retention) {
  json out = json::array();
  for (const auto& a : activities()) {
    json kept = json::array();
    for (const auto& k : a.kept) kept.push_back(kept_text(locale, k, retention));
    out.push_back({{"feature", a.feature},
                   {"name", web::t(locale, "privacy_feature_" + a.feature)},
                   {"tables", a.tables},
                   {"data", labels(locale, "privacy_data_", a.data)},
                   {"purposes", labels(locale, "privacy_purpose_", a.purposes)},
                   {"kept", kept}});
  }
  return {{"retention", to_json(retention)}, {"activities", out}};
}

}  // namespace privacy
