#include "web/render.hpp"

#include <map>
#include <memory>
#include <unordered_map>

#include "core/errors.hpp"
#include "web/assets.hpp"
#include "web/i18n.hpp"
#include "web/mustache.hpp"
#include "web/resources.hpp"

namespace web {
namespace {

// Parsed once per worker thread.
const Template& parsed_template(const std::string& name) {
  thread_local std::unordered_map<std::string, std::unique_ptr<Template>> parsed;
  auto& slot = parsed[name];
  if (!slot) {
    auto text = resources::find("templates/" + name + ".mustache");
    if (!text) throw std::runtime_error("missing template " + name);
    try {
      slot = std::make_unique<Template>(*text);
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error("template " + name + ": " + e.what());
    }
  }
  return *slot;
}

// {"t": the catalogue} of each language. Templates read it under every view, so a page
// need not copy the catalogue into each of its sections.
const nlohmann::json& catalogue_root(const std::string& locale) {
  static const std::map<std::string, nlohmann::json> kRoots = [] {
    std::map<std::string, nlohmann::json> out;
    for (const auto& l : kLocales) out.emplace(l, nlohmann::json{{"t", catalogue(l)}});
    return out;
  }();
  return kRoots.find(is_locale(locale) ? locale : kDefaultLocale)->second;
}

// `view` through templates/<name>.mustache: its "lang" writes fractions, and unless the
// view brings its own "t" (a fragment with a few keys) the catalogue lies beneath it.
std::string render_view(const std::string& name, const nlohmann::json& view) {
  std::string lang;
  auto it = view.find("lang");
  if (it != view.end() && it->is_string()) lang = it->get<std::string>();
  std::vector<const nlohmann::json*> context;
  if (!view.contains("t") && !lang.empty()) context.push_back(&catalogue_root(lang));
  context.push_back(&view);
  return parsed_template(name).render(context, lang);
}

}  // namespace

std::string render_template(const std::string& name, const nlohmann::json& view) {
  return render_view(name, view);
}

nlohmann::json base_view(const http::Request& req) {
  nlohmann::json view;
  view["lang"] = req.locale;
  view["path"] = req.path;
  view["assets"] = {{"js", asset_url("app.js")}, {"css", asset_url("app.css")}};
  nlohmann::json langs = nlohmann::json::array();
  for (const auto& l : kLocales) {
    langs.push_back({{"code", l}, {"label", t(l, "lang.self")}, {"current", l == req.locale}});
  }
  view["languages"] = langs;
  if (req.auth) {
    view["user"] = {{"name", req.auth->name},
                    {"email", req.auth->email},
                    {"tenant", req.auth->tenant_name},
                    {"admin", req.auth->is_admin()}};
    view["csrf"] = req.auth->csrf_token;
  }
  return view;
}

http::Response page(const http::Request& req, const std::string& name, nlohmann::json view,
                    const PageOptions& options) {
  if (view.is_null()) view = base_view(req);
  const std::string title = t(req.locale, options.title_key);
  view["title"] = title;
  if (!options.active_nav.empty()) view["nav_" + options.active_nav] = true;
  // The layout reads the same view, with the rendered content added to it.
  std::string content = render_view(name, view);
  view["content"] = std::move(content);
  return http::Response::html(options.status, render_view("layout/page", view))
      .header("Cache-Control", "no-store");
}

nlohmann::json form_errors(const http::Request& req,
                           const std::map<std::string, std::string>& fields,
                           const std::map<std::string, core::Message>& messages) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [k, v] : fields) {
    auto m = messages.find(k);
    out[k] = message_text(req.locale, v, m == messages.end() ? nullptr : &m->second);
  }
  return out;
}

nlohmann::json validation_errors(const http::Request& req, const core::ValidationError& error) {
  return form_errors(req, error.fields(), error.field_messages());
}

std::string error_text(const http::Request& req, const core::Error& error) {
  return message_text(req.locale, error.what(), error.message() ? &*error.message() : nullptr);
}

http::Response error_page(const http::Request& req, const http::ErrorInfo& info) {
  if (info.status == 401) return http::Response::redirect("/login");
  auto view = base_view(req);
  std::string key = "error." + std::to_string(info.status);
  view["heading"] = t(req.locale, key);
  // A message the catalogue does not know ("no unit with id …") is English and
  // names internals; show the status's plain-language explanation instead.
  const core::Message* keyed = info.key ? &*info.key : nullptr;
  if (knows_message(info.message, keyed)) {
    view["message"] = message_text(req.locale, info.message, keyed);
  } else {
    std::string detail_key = "error.detail." + std::to_string(info.status);
    std::string detail = t(req.locale, detail_key);
    view["message"] = detail == detail_key ? t(req.locale, "error.detail") : detail;
  }
  view["fields"] = nlohmann::json::array();
  const auto fields = form_errors(req, info.fields, info.field_messages);
  for (const auto& [k, v] : fields.items())
    view["fields"].push_back({{"field", k}, {"message", v}});
  auto r = page(req, "layout/error", view, {"error.title", "", info.status});
  if (info.retry_after > 0) r.header("Retry-After", std::to_string(info.retry_after));
  return r;
}

}  // namespace web
