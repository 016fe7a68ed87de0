// /settings/sso: administrators add and change their identity providers as forms (the API's
// rules through read_idp; the secret is never shown back).
#include "core/errors.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "sso/idp_metadata_source.hpp"
#include "sso/idp_store.hpp"
#include "sso/kind_settings.hpp"
#include "sso/oidc_discovery.hpp"
#include "sso/sp_key_rollover.hpp"
#include "sso/sso_routes.hpp"
#include "web/choices.hpp"
#include "web/i18n.hpp"
#include "web/local_time.hpp"
#include "web/public_url.hpp"
#include "web/render.hpp"

namespace sso {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

std::string role_map_lines(const json& map) {
  std::string out;
  for (const auto& [group, role] : map.items())
    out += group + " = " + role.get<std::string>() + "\n";
  return out;
}

// The form's values from a stored (or new) provider.
json form_of(const IdentityProvider& p) {
  return {{"display_name", p.display_name},
          {"slug", p.slug},
          {"kind", p.kind},
          {"enabled", p.enabled},
          {"settings", p.settings.dump(2)},
          {"email_claim", p.email_claim},
          {"employee_id_claim", p.employee_id_claim.value_or("")},
          {"groups_claim", p.groups_claim.value_or("")},
          {"role_map", role_map_lines(p.role_map)},
          {"default_role", p.default_role},
          {"provisioning", p.provisioning},
          {"version", std::to_string(p.version)}};
}

// A stored time in the tenant's zone, as the reader writes it.
std::string when(const Request& req, const std::optional<std::string>& iso) {
  if (!iso) return {};
  return web::local_time_text(req.locale, req.who().tenant_time_zone, *iso);
}

// Where a SAML provider's metadata comes from, for its page: null without an address.
json source_view(const Request& req, const std::optional<MetadataSource>& s) {
  if (!s) return nullptr;
  return {{"url", s->url},
          {"fetched_at", s->fetched_at ? json(when(req, s->fetched_at)) : json(nullptr)},
          {"checked_at", when(req, s->checked_at)},
          {"last_error", s->last_error ? json(*s->last_error) : json(nullptr)}};
}

Response edit_page(const Request& req, const json& form, bool editing, bool has_secret,
                   const std::string& action, const json& errors, int status,
                   const json& source = nullptr, const json& rollover = nullptr) {
  auto view = web::base_view(req);
  view["metadata_source"] = source;
  view["refreshed"] = req.query_param("refreshed").has_value();
  const auto keys = req.query_param("keys").value_or("");
  view["new_keys"] = req.query_param("keys").has_value() && keys != "next" && keys != "switched" &&
                     keys != "retired";
  view["keys_next"] = keys == "next";
  view["keys_switched"] = keys == "switched";
  view["keys_retired"] = keys == "retired";
  // The rollover's certificates' dates only: no key is ever shown (D61).
  view["rollover"] = rollover;
  view["form"] = form;
  view["editing"] = editing;
  // The heading names the provider being edited; a new one has no name yet.
  const auto name = form.value("display_name", std::string());
  view["heading_name"] = editing && !name.empty() ? json(name) : json(nullptr);
  // What a SAML IdP is given to know this service: the SP metadata address.
  view["saml_metadata_url"] = editing && form.value("kind", "") == "saml"
                                  ? json(web::public_url() + "/sso/" + req.who().tenant_slug + "/" +
                                         form.value("slug", std::string()) + "/saml/metadata")
                                  : json(nullptr);
  view["has_secret"] = has_secret;
  view["is_saml"] = editing && form.value("kind", "") == "saml";
  view["action"] = action;
  view["errors"] = errors;
  view["saved"] = req.query_param("saved").has_value();
  view["kind_options"] =
      web::translated_options(req.locale, kKinds, "sso_kind_", form.value("kind", "oidc"));
  view["role_options"] =
      web::translated_options(req.locale, kRoles, "role.", form.value("default_role", "member"));
  view["provisioning_options"] = web::translated_options(
      req.locale, kProvisioning, "sso_provisioning_", form.value("provisioning", "invitation"));
  return web::page(req, "sso/edit", view,
                   {editing ? "sso_edit_title" : "sso_new_title", "settings", status});
}

// The form as posted, for showing it again after a refusal.
json typed(std::map<std::string, std::string> form) {
  json out = json::object();
  for (const char* k :
       {"display_name", "slug", "kind", "settings", "email_claim", "employee_id_claim",
        "groups_claim", "role_map", "default_role", "provisioning", "version"})
    out[k] = form[k];
  out["enabled"] = form["enabled"] == "on";
  return out;
}

core::Input input_of(std::map<std::string, std::string> form) {
  // An unticked checkbox is not posted: the provider is then off.
  form["enabled"] = form.count("enabled") != 0 ? "on" : "off";
  form.erase("version");
  form.erase("_csrf");
  return core::Input::from_form(form);
}

Response settings_page(db::Database& db, const Request& req) {
  auto view = web::base_view(req);
  json providers = json::array();
  {
    auto sql = db.lease();
    for (const auto& p : IdpStore(*sql, req.who().tenant_id).list()) {
      auto row = to_json(p);
      row["kind_label"] = web::t(req.locale, "sso_kind_" + p.kind);
      row["provisioning_label"] = web::t(req.locale, "sso_provisioning_" + p.provisioning);
      providers.push_back(row);
    }
  }
  view["providers"] = providers;
  view["has_providers"] = !providers.empty();
  view["redirect_uri"] = web::public_url() + "/sso/callback";
  view["login_address"] = web::public_url() + "/login?tenant=" + req.who().tenant_slug;
  view["removed"] = req.query_param("removed").has_value();
  return web::page(req, "sso/settings", view, {"sso_title", "settings", 200});
}

Response new_page(db::Database& /*db*/, const Request& req) {
  return edit_page(req, form_of(IdentityProvider{}), false, false, "/settings/sso", json::object(),
                   200);
}

Response create(db::Database& db, const Request& req) {
  auto form = req.form();
  return kit::form_post(
      req,
      [&] {
        auto in = input_of(form);
        auto fresh = read_idp(in, IdentityProvider{}, true);
        check_kind_settings(fresh);
        auto fetched = fetch_before_save(fresh, std::nullopt);
        auto sql = db.lease();
        auto made = IdpStore(*sql, req.who().tenant_id).create(req.who(), fresh);
        keep_after_save(*sql, made, fetched);
        return Response::redirect("/settings/sso/" + made.id + "?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        return edit_page(req, typed(form), false, false, "/settings/sso", refused.errors,
                         refused.status);
      });
}

Response show(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto p = IdpStore(*sql, req.who().tenant_id).get(req.param("id"));
  std::optional<MetadataSource> source;
  if (!metadata_url(p).empty()) {
    source = MetadataSourceStore(*sql, p.tenant_id).get(p.id);
    if (source && source->url != metadata_url(p)) source.reset();
  }
  return edit_page(req, form_of(p), true, p.secret.has_value(), "/settings/sso/" + p.id,
                   json::object(), 200, source_view(req, source),
                   p.kind == "saml"
                       ? to_json(sp_key_rollover(*sql, p.tenant_id, p.id, core::now_iso()))
                       : json(nullptr));
}

Response update(db::Database& db, const Request& req) {
  auto form = req.form();
  return kit::form_post_on(
      db, req,
      [&](soci::session& sql) { return IdpStore(sql, req.who().tenant_id).get(req.param("id")); },
      [&](soci::session& sql, const IdentityProvider& stored) {
        auto in = input_of(form);
        long long version = std::atoll(form["version"].c_str());
        auto changed = read_idp(in, stored, false);
        check_kind_settings(changed);
        auto fetched =
            fetch_before_save(changed, MetadataSourceStore(sql, stored.tenant_id).get(stored.id));
        auto saved = IdpStore(sql, req.who().tenant_id).update(req.who(), changed, version);
        keep_after_save(sql, saved, fetched);
        // New settings may name another issuer or keys: read discovery again.
        if (auto issuer = stored.settings.value("issuer", ""); !issuer.empty())
          ProviderDirectory::instance().forget(issuer);
        return Response::redirect("/settings/sso/" + stored.id + "?saved=1");
      },
      [&](soci::session& sql, const kit::FormRefusal& refused) {
        auto stored = IdpStore(sql, req.who().tenant_id).get(req.param("id"));
        // After a 409 the stored values, so the next save starts from them.
        auto shown = refused.status == 409 ? form_of(stored) : typed(form);
        shown["kind"] = stored.kind;
        return edit_page(req, shown, true, stored.secret.has_value(), "/settings/sso/" + stored.id,
                         refused.errors, refused.status);
      });
}

Response remove(db::Database& db, const Request& req) {
  auto sql = db.lease();
  IdpStore(*sql, req.who().tenant_id).remove(req.who(), req.param("id"));
  return Response::redirect("/settings/sso?removed=1");
}

}  // namespace

void add_settings_pages(http::Router& router, db::Database& db) {
  const auto admin = Access::kAdmin;
  kit::add_page_routes(
      router, db,
      {{"GET", "/settings/sso", settings_page, "Single sign-on: the identity providers", admin},
       {"GET", "/settings/sso/new", new_page, "Add an identity provider (form)", admin},
       {"POST", "/settings/sso", create, "Add an identity provider from the form", admin},
       {"GET", "/settings/sso/{id}", show, "Change an identity provider (form)", admin},
       {"POST", "/settings/sso/{id}", update, "Change an identity provider from the form", admin},
       {"POST", "/settings/sso/{id}/delete", remove, "Remove an identity provider", admin}});
}

}  // namespace sso
