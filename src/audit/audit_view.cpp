#include "audit/audit_view.hpp"

#include <set>

#include "web/i18n.hpp"

namespace audit {
namespace {

using nlohmann::json;

const std::set<std::string> kReferenceFields = {"parent_id", "manager_id", "unit_id", "person_id"};

}  // namespace

std::string readable_time(const std::string& iso) {
  // "2026-11-23T12:29:44.165Z" → "2026-11-23 12:29 UTC"
  if (iso.size() < 16 || iso[10] != 'T') return iso;
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

json readable_rows(const json& entries, const std::string& locale, const NameLookup& name_of) {
  json rows = json::array();
  for (const auto& e : entries) {
    const std::string entity = e.value("entity", "");
    json changes = json::array();
    for (auto it = e["changes"].begin(); it != e["changes"].end(); ++it) {
      const std::string& field = it.key();
      if (field == "id") continue;
      auto show = [&](const json& v) {
        if (v.is_null()) return std::string("—");
        if (v.is_boolean()) return web::t(locale, v.get<bool>() ? "yes" : "no");
        if (v.is_number_float()) return web::format_number(locale, v.get<double>(), 6);
        if (!v.is_string()) return v.dump();
        const auto text = v.get<std::string>();
        if (field == "kind" && entity == "unit") return web::t(locale, "unit.kind." + text);
        if (field == "text" && entity == "decision")
          return web::stored_text(locale, text, "decision_");
        if (kReferenceFields.count(field) != 0) {
          if (auto name = name_of(text)) return *name;
        }
        return text;
      };
      const std::string label_key = "audit.field." + field;
      const std::string label = web::t(locale, label_key);
      changes.push_back({{"field", label == label_key ? field : label},
                         {"before", show(it.value()["before"])},
                         {"after", show(it.value()["after"])}});
    }
    const std::string actor = e.value("actor", "");
    auto subject = name_of(e.value("entity_id", ""));
    rows.push_back({{"at", e["at"]},
                    {"at_text", readable_time(e.value("at", ""))},
                    {"actor", actor == "system" ? web::t(locale, "audit.system") : actor},
                    {"entity", web::t(locale, "audit.entity." + entity)},
                    {"subject", subject ? *subject : e.value("entity_id", "")},
                    {"action", web::t(locale, "audit.action." + e.value("action", ""))},
                    {"changes", changes}});
  }
  return rows;
}

}  // namespace audit
