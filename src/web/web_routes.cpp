#include "web/web_routes.hpp"

#include "core/input.hpp"
#include "web/assets.hpp"
#include "web/i18n.hpp"

namespace web {
namespace {

// Only same-site paths, so the switch cannot be used as an open redirect.
std::string safe_next(const std::string& next) { return core::is_local_path(next) ? next : "/"; }

}  // namespace

void add_web_routes(http::Router& router) {
  router.add({"GET",
              "/",
              http::Access::kPublic,
              [](http::Request& req) {
                return http::Response::redirect(req.auth ? "/overview" : "/login");
              },
              {"Front page", "web"}});
  router.add({"POST",
              "/lang",
              http::Access::kPublic,
              [](http::Request& req) {
                auto form = req.form();
                std::string lang = form["lang"];
                if (!is_locale(lang)) lang = kDefaultLocale;
                auto r = http::Response::redirect(safe_next(form["next"]));
                r.header("Set-Cookie", std::string(kLangCookie) + "=" + lang +
                                           "; Path=/; Max-Age=31536000; SameSite=Lax" +
                                           (req.secure ? "; Secure" : ""));
                return r;
              },
              {"Switch language", "web"}});
  add_asset_routes(router);
}

}  // namespace web
