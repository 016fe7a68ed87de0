#include "audit/audit_view.hpp"

#include <map>

#include "web/i18n.hpp"

namespace audit {
namespace {

using nlohmann::json;

bool is_reference(const std::string& field) {
  return field.size() > 3 && field.compare(field.size() - 3, 3, "_id") == 0;
}

// The kind's own label (audit.field.person.title: a job title) before the common one.
std::string field_label(const std::string& locale, const std::string& entity,
                        const std::string& field) {
  const auto& catalogue = web::catalogue(locale);
  for (const auto& key : {"audit.field." + entity + "." + field, "audit.field." + field}) {
    if (catalogue.contains(key)) return web::t(locale, key);
  }
  return field;
}

}  // namespace

const std::vector<std::string>& kinds() {
  static const std::vector<std::string> all = {"tenant",
                                               "unit",
                                               "person",
                                               "account",
                                               "api_token",
                                               "project",
                                               "checklist_item",
                                               "decision",
                                               "project_role",
                                               "method_template",
                                               "meeting",
                                               "meeting_attendance",
                                               "map",
                                               "map_idea",
                                               "programme",
                                               "programme_cluster",
                                               "programme_track",
                                               "programme_project",
                                               "umbrella_member",
                                               "join_code",
                                               "action",
                                               "kpi",
                                               "kpi_measurements",
                                               "kpi_period",
                                               "adoption_step",
                                               "win",
                                               "lesson",
                                               "kaizen_card",
                                               "stakeholder",
                                               "communication",
                                               "training_class",
                                               "work_package",
                                               "hourly_rate",
                                               "work_package_budget",
                                               "actual",
                                               "benefit",
                                               "risk",
                                               "business_case",
                                               "business_case_version",
                                               "status_report",
                                               "signal",
                                               "survey",
                                               "survey_round",
                                               "arena",
                                               "arena_item",
                                               "arena_log",
                                               "indicator",
                                               "goal_outcome",
                                               "bank_entry",
                                               "bank_adoption",
                                               "identity_provider",
                                               "privacy_settings",
                                               "scim_token",
                                               "scim_user"};
  return all;
}

std::string readable_time(const std::string& iso) {
  // "2026-11-23T12:29:44.165Z" → "2026-11-23 12:29 UTC"
  if (iso.size() < 16 || iso[10] != 'T') return iso;
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

json readable_rows(const json& entries, const std::string& locale, const NameLookup& lookup) {
  // A page names the same people and units again and again: each id is looked up once.
  std::map<std::string, std::optional<std::string>> known;
  auto name_of = [&](const std::string& id) {
    auto it = known.find(id);
    if (it == known.end()) it = known.emplace(id, lookup(id)).first;
    return it->second;
  };
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
        if (field == "text" && entity == "decision")
          return web::stored_text(locale, text, "decision_");
        if (is_reference(field)) {
          if (auto name = name_of(text)) return *name;
        }
        return web::code_words(locale, entity, field, text).value_or(text);
      };
      changes.push_back({{"field", field_label(locale, entity, field)},
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
