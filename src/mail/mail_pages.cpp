// The person's own choice of how they get mail, on a page of its own under their account.
#include "kit/pages.hpp"
#include "mail/mail_routes.hpp"
#include "mail/outbox_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace mail {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

Response preference_page(const Request& req, const std::string& chosen, json extra,
                         int status = 200) {
  auto view = web::base_view(req);
  view["options"] = json::array();
  for (const auto& value : kDeliveries)
    view["options"].push_back({{"value", value},
                               {"label", web::t(req.locale, "mail_pref_" + value)},
                               {"hint", web::t(req.locale, "mail_pref_" + value + "_hint")},
                               {"checked", value == chosen}});
  for (auto it = extra.begin(); it != extra.end(); ++it) view[it.key()] = it.value();
  return web::page(req, "mail/preference", view, {"mail_pref_title", "account", status});
}

Response show(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto chosen = OutboxStore(*sql).preference(req.who().tenant_id, req.who().person_id);
  json extra = json::object();
  if (req.query_param("saved")) extra["saved"] = true;
  return preference_page(req, chosen, extra);
}

Response save(db::Database& db, const Request& req) {
  auto form = req.form();
  const auto& delivery = form["delivery"];
  if (std::find(kDeliveries.begin(), kDeliveries.end(), delivery) == kDeliveries.end())
    return preference_page(
        req, "",
        {{"errors", web::form_errors(req, {{"delivery", web::t(req.locale, "mail_pref_choose")}})}},
        422);
  auto sql = db.lease();
  OutboxStore(*sql).set_preference(req.who().tenant_id, req.who().person_id, delivery);
  return Response::redirect("/account/mail?saved=1");
}

}  // namespace

void add_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(router, db,
                       {{"GET", "/account/mail", show, "How you get mail from fremdrift"},
                        {"POST", "/account/mail", save, "Choose how you get mail, from the form"}});
}

}  // namespace mail
