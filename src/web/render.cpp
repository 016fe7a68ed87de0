#include "web/render.hpp"

#include <map>
#include <memory>
#include <unordered_map>

#include <kainjow/mustache.hpp>

#include "core/errors.hpp"
#include "web/assets.hpp"
#include "web/i18n.hpp"
#include "web/resources.hpp"

namespace web {
namespace {

namespace mst = kainjow::mustache;

// kainjow's set() and push_back() take their value by const reference and copy it deeply, so
// building bottom-up copied each subtree once per level above it (a quarter of a project
// page's time). Each value is therefore added as an empty placeholder and the converted
// value moved into that slot: the slot is a non-const object inside the container, which
// the library hands out only through const accessors.
// `locale` (the view's "lang"; empty: none) writes numbers with a fraction as its readers
// do ("12,5" in Danish and Swedish), so no page shows a decimal point by accident.
mst::data to_data(const nlohmann::json& j, const std::string& locale) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mst::data d{mst::data::type::object};
      for (auto it = j.begin(); it != j.end(); ++it) {
        d.set(it.key(), mst::data{false});
        if (const auto* slot = d.get(it.key()))
          const_cast<mst::data&>(*slot) = to_data(it.value(), locale);
      }
      return d;
    }
    case nlohmann::json::value_t::array: {
      mst::data d{mst::data::type::list};
      for (const auto& v : j) {
        d.push_back(mst::data{false});
        const_cast<mst::data&>(d.list_value().back()) = to_data(v, locale);
      }
      return d;
    }
    case nlohmann::json::value_t::number_float:
      return mst::data{locale.empty() ? j.dump() : format_number(locale, j.get<double>(), 6)};
    case nlohmann::json::value_t::string:
      return mst::data{j.get_ref<const std::string&>()};
    case nlohmann::json::value_t::boolean:
      return mst::data{j.get<bool>()};
    case nlohmann::json::value_t::null:
      return mst::data{false};
    default:
      return mst::data{j.dump()};
  }
}

// Parsed once per worker thread: a mustache object keeps state while it renders.
mst::mustache& parsed_template(const std::string& name) {
  thread_local std::unordered_map<std::string, std::unique_ptr<mst::mustache>> parsed;
  auto& slot = parsed[name];
  if (!slot) {
    auto text = resources::find("templates/" + name + ".mustache");
    if (!text) throw std::runtime_error("missing template " + name);
    auto tmpl = std::make_unique<mst::mustache>(std::string(*text));
    if (!tmpl->is_valid())
      throw std::runtime_error("template " + name + ": " + tmpl->error_message());
    slot = std::move(tmpl);
  }
  return *slot;
}

// {"t": the catalogue} of each language, converted once. Templates read it under every
// view, so a page need not copy the catalogue into each of its sections.
const mst::data& catalogue_data(const std::string& locale) {
  static const std::map<std::string, mst::data> kData = [] {
    std::map<std::string, mst::data> out;
    for (const auto& l : kLocales) {
      mst::data root{mst::data::type::object};
      root.set("t", to_data(catalogue(l), ""));
      out.emplace(l, std::move(root));
    }
    return out;
  }();
  auto it = kData.find(is_locale(locale) ? locale : kDefaultLocale);
  return it->second;
}

// The view's language ("lang"; empty: none) and whether it brings its own "t".
struct ViewData {
  std::string lang;
  bool own_catalogue = false;
  mst::data data;

  explicit ViewData(const nlohmann::json& view) {
    auto it = view.find("lang");
    if (it != view.end() && it->is_string()) lang = it->get<std::string>();
    own_catalogue = view.contains("t");
    data = to_data(view, lang);
  }

  std::string render(const std::string& name) const {
    mst::context<std::string> ctx;
    // A view that brings its own "t" (a fragment with a few keys) gets no catalogue.
    if (!own_catalogue && !lang.empty()) ctx.push(&catalogue_data(lang));
    ctx.push(&data);
    return parsed_template(name).render(ctx);
  }
};

}  // namespace

std::string render_template(const std::string& name, const nlohmann::json& view) {
  return ViewData(view).render(name);
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
  // The layout reads the same view: convert it once and add the rendered content to it.
  ViewData data(view);
  std::string content = data.render(name);
  data.data.set("content", mst::data{content});
  return http::Response::html(options.status, data.render("layout/page"))
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
