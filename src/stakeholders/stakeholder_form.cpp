#include "stakeholders/stakeholder_form.hpp"

#include <utility>
#include <vector>

#include "org/people_choices.hpp"
#include "stakeholders/stakeholder_view.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace stakeholders {
namespace {

using nlohmann::json;

constexpr int kPeopleMax = 500;
constexpr const char* kFormKeys[] = {"person_id",    "unit_id",  "name",        "group",
                                     "influence",    "interest", "involvement", "involved_by_id",
                                     "next_contact", "notes",    "version"};

// The choices with `selected` chosen; a stored choice the list lacks (a person no longer
// active) stays chosen under the name the stored stakeholder gives it.
json options(const std::vector<std::pair<std::string, std::string>>& values,
             const std::string& selected, const std::map<std::string, std::string>& known = {}) {
  json out = json::array();
  bool listed = selected.empty();
  for (const auto& [value, label] : values) {
    out.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
    listed = listed || value == selected;
  }
  if (auto name = known.find(selected); !listed && name != known.end())
    out.push_back({{"value", selected}, {"label", name->second}, {"selected", true}});
  return out;
}

// The groups as a select with the seed's internal and external groups apart.
json group_options(const std::string& locale, const std::string& selected) {
  auto part = [&](const char* heading, const std::vector<std::string>& keys) {
    std::vector<std::pair<std::string, std::string>> values;
    for (const auto& k : keys) values.emplace_back(k, group_label(locale, k));
    return json{{"heading", web::t(locale, heading)}, {"options", options(values, selected)}};
  };
  return json::array({part("stakeholder_side_internal", kInternalGroups),
                      part("stakeholder_side_external", kExternalGroups),
                      part("stakeholder_group_other", {kOtherGroup})});
}

}  // namespace

json typed_form(const Form& form) {
  json typed = json::object();
  for (const char* k : kFormKeys) typed[k] = form.count(k) ? form.at(k) : "";
  return typed;
}

json form_of(const Stakeholder& s) {
  json form = stakeholder_fields().form_values(s);
  json out = json::object();
  for (const char* k : kFormKeys)
    if (form.contains(k)) out[k] = form[k].is_number() ? json(form[k].dump()) : form[k];
  out["version"] = std::to_string(s.version);
  return out;
}

json blank_form() {
  Form start = {{"group", kOtherGroup},
                {"influence", std::to_string(kDefaultPlace)},
                {"interest", std::to_string(kDefaultPlace)}};
  return typed_form(start);
}

void add_form(json& view, soci::session& sql, const http::Request& req, const json& form,
              const json& errors, const std::string& action, const Stakeholder* stored) {
  std::map<std::string, std::string> known;
  if (stored && stored->person_id) known[*stored->person_id] = label(*stored);
  if (stored && stored->unit_id) known[*stored->unit_id] = label(*stored);
  if (stored && stored->involved_by_id)
    known[*stored->involved_by_id] = stored->involved_by_name.value_or(*stored->involved_by_id);
  const bool editing = stored != nullptr;
  auto value = [&](const char* k) { return form.value(k, std::string()); };
  auto people = org::active_people(sql, req.who().tenant_id, kPeopleMax);
  view["form"] = form;
  view["errors"] = errors;
  view["people"] = options(people, value("person_id"), known);
  view["involvers"] = options(people, value("involved_by_id"), known);
  view["units"] = options(org::unit_choices(sql, req.who().tenant_id), value("unit_id"), known);
  view["group_options"] = group_options(req.locale, value("group"));
  view["form_action"] = action;
  view["editing"] = editing;
  view["submit_label"] = web::t(req.locale, editing ? "stakeholder_save" : "stakeholder_add");
  view["form_html"] = web::render_template("stakeholders/form", view);
}

}  // namespace stakeholders
