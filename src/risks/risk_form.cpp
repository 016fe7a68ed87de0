#include "risks/risk_form.hpp"

#include "org/org_pages.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace risks {
namespace {

using nlohmann::json;

const std::vector<std::string> kFormKeys = {"title",
                                            "description",
                                            "cause",
                                            "consequence_text",
                                            "owner_id",
                                            "probability",
                                            "consequence",
                                            "probability_after",
                                            "consequence_after",
                                            "mitigations",
                                            "next_review",
                                            "status",
                                            "what_now",
                                            "version"};

std::string text_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

json scales(const std::string& locale, const json& form, const json& errors,
            std::initializer_list<const char*> names) {
  json out = json::array();
  for (const char* name : names) {
    std::string selected = text_of(form.value(name, json()));
    json options = json::array();
    for (int v = 1; v <= kScale; ++v)
      options.push_back({{"value", v}, {"selected", selected == std::to_string(v)}});
    json s = {{"name", name},
              {"label", web::t(locale, std::string("risk_") + name)},
              {"options", options}};
    if (errors.contains(name)) s["error"] = errors[name];
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

json new_form() {
  json form = json::object();
  for (const auto& k : kFormKeys) form[k] = "";
  form["status"] = "open";
  return form;
}

json form_of(const Risk& r) {
  json form = new_form();
  json stored = to_json(r);
  for (const auto& k : kFormKeys)
    if (stored.contains(k) && k != "mitigations") form[k] = text_of(stored[k]);
  std::string lines;
  for (const auto& m : r.mitigations) lines += (lines.empty() ? "" : "\n") + m;
  form["mitigations"] = lines;
  return form;
}

json typed_form(const std::map<std::string, std::string>& posted) {
  json form = new_form();
  for (const auto& k : kFormKeys)
    if (auto it = posted.find(k); it != posted.end()) form[k] = it->second;
  return form;
}

std::string form_fields_html(const kit::ProjectScope& scope, const http::Request& req,
                             const json& form, const json& errors, bool editing) {
  json v = {{"lang", req.locale}, {"form", form}, {"errors", errors}, {"editing", editing}};
  v["owner_options"] =
      org::pages::person_options(scope.sql(), scope.tenant_id(), form.value("owner_id", ""));
  v["scales_before"] = scales(req.locale, form, errors, {"probability", "consequence"});
  v["scales_after"] = scales(req.locale, form, errors, {"probability_after", "consequence_after"});
  json statuses = json::array();
  for (const auto& s : kStatuses)
    statuses.push_back({{"value", s},
                        {"label", web::t(req.locale, "risk_status_" + s)},
                        {"selected", form.value("status", "") == s}});
  v["status_options"] = statuses;
  return web::render_template("risks/form_fields", v);
}

}  // namespace risks
