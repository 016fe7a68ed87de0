// The citizens' side: a public form per tenant (no login) and the private link on which the
// submitter follows the signal. The form resists abuse without third-party services: rate
// limits per client address and per tenant (in memory, per instance), a honeypot field, size
// limits; everything shown back goes through the templates' HTML escaping.
#include <chrono>
#include <cstdlib>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/input.hpp"
#include "http/error_mapping.hpp"
#include "http/openapi.hpp"
#include "http/rate_limit.hpp"
#include "kit/forms.hpp"
#include "kit/routes.hpp"
#include "org/unit_store.hpp"
#include "signals/signal_routes.hpp"
#include "signals/signal_store.hpp"
#include "signals/signal_view.hpp"
#include "tenants/tenant_store.hpp"
#include "web/i18n.hpp"
#include "web/public_url.hpp"
#include "web/render.hpp"

namespace signals {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

constexpr std::size_t kPublicBodyMax = 32 * 1024;
// A person files a few signals in a row, then one a minute; a tenant takes a burst of ten
// seconds' worth, then FREMDRIFT_SIGNAL_TENANT_RATE a second (default 10; the benchmark
// raises it to measure the form itself).
http::RateLimiter& per_address() {
  static http::RateLimiter limiter(5, 1.0 / 60);
  return limiter;
}
http::RateLimiter& per_tenant() {
  static http::RateLimiter limiter = [] {
    const char* env = std::getenv("FREMDRIFT_SIGNAL_TENANT_RATE");
    double rate = env && *env ? std::atof(env) : 10;
    if (rate <= 0) rate = 10;
    return http::RateLimiter(10 * rate, rate);
  }();
  return limiter;
}

// Before anything else is read (the database, the body): a refusal costs a map lookup.
// The tenant's bucket is keyed by the address's slug.
void check_rate(const Request& req) {
  const auto now = std::chrono::steady_clock::now();
  if (int wait = per_address().take(req.remote_address, now))
    throw core::TooManyRequests("too many signals from your address; try again later", wait);
  if (int wait = per_tenant().take(req.param("tenant"), now))
    throw core::TooManyRequests("too many signals right now; try again later", wait);
}

bool wants_json(const Request& req) {
  auto type = req.header("content-type").value_or("");
  auto accept = req.header("accept").value_or("");
  return type.rfind("application/json", 0) == 0 ||
         (req.method == "GET" && accept.find("application/json") != std::string::npos);
}

tenants::Tenant tenant_by_slug(soci::session& sql, const std::string& slug) {
  auto t = tenants::TenantStore(sql).find_by_slug(slug);
  if (!t) throw core::NotFound("no such organisation");
  return *t;
}

json unit_options(soci::session& sql, const std::string& tenant_id, const std::string& chosen) {
  json out = json::array();
  const auto units = org::UnitStore(sql, tenant_id).all();  // tree_order points into it
  for (const auto& row : org::tree_order(units))
    out.push_back(
        {{"value", row.unit->id},
         {"label", std::string(static_cast<std::size_t>(row.depth) * 2, ' ') + row.unit->name},
         {"selected", row.unit->id == chosen}});
  return out;
}

Response form_page(db::Database& db, const Request& req, json form, const json& errors,
                   int status) {
  auto sql = db.lease();
  auto tenant = tenant_by_slug(*sql, req.param("tenant"));
  auto view = web::base_view(req);
  if (form.is_null()) form = json::object();
  view["form"] = form;
  view["errors"] = errors;
  view["has_errors"] = !errors.empty();
  view["tenant_name"] = tenant.name;
  view["action"] = "/public/" + tenant.slug + "/signals";
  view["units"] = unit_options(*sql, tenant.id, form.value("unit_id", ""));
  return web::page(req, "signals/public_form", view, {"signal_public_title", "", status});
}

// A honeypot hit looks like success to the bot, with a link that leads nowhere.
Response received(const Request& req, bool json_reply, const std::string& token,
                  const std::string& id) {
  const std::string path = "/public/signals/" + token;
  if (!json_reply) return Response::redirect(path + "?received=1");
  return Response::json(201, {{"id", id},
                              {"status", "new"},
                              {"token", token},
                              {"private_link", web::public_url() + path}});
}

Response file_signal(db::Database& db, const Request& req, const json& typed) {
  const bool json_reply = wants_json(req);
  check_rate(req);
  if (req.body.size() > kPublicBodyMax) throw core::PayloadTooLarge("a signal is limited to 32 kB");
  auto input =
      json_reply ? core::Input::from_json_body(req.body) : core::Input::from_form(req.form());
  auto sql = db.lease();
  auto tenant = tenant_by_slug(*sql, req.param("tenant"));
  if (typed.value("website", "") != "" || input.raw().value("website", "") != "")
    return received(req, json_reply, core::random_token(24), core::new_id());
  if (input.optional_text("unit_id", 64).value_or("").empty())
    input.fail("unit_id", core::Message{"signal_err_unit"});
  auto email = input.optional_email("email");
  Signal fields = signal_fields().parse_new(input);
  auto [s, token] = SignalStore(*sql, tenant.id).create_citizen(fields, email);
  return received(req, json_reply, token, s.id);
}

Response post_signal(db::Database& db, const Request& req) {
  if (wants_json(req)) {
    try {
      return file_signal(db, req, json::object());
    } catch (...) {
      return http::json_error(http::classify(std::current_exception()));
    }
  }
  json typed = http::form_json(req.body, {});
  return kit::form_post(
      req, [&] { return file_signal(db, req, typed); },
      [&](const kit::FormRefusal& refused) {
        return form_page(db, req, typed, refused.errors, refused.status);
      });
}

Response follow(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto owner = token_owner(*sql, req.param("token"));
  if (!owner) throw core::NotFound("no signal behind this link");
  SignalStore store(*sql, owner->tenant_id);
  Signal s = store.get(owner->signal_id);
  auto history = store.history(s.id);
  if (wants_json(req)) return Response::json(200, public_json(s, history));
  auto view = web::base_view(req);
  view["signal"] = public_view(req, s, history);
  view["received"] = req.query_param("received").has_value();
  view["link"] = web::public_url() + "/public/signals/" + req.param("token");
  auto r = web::page(req, "signals/public_signal", view, {"signal_follow_title", "", 200});
  // The address is the secret: not kept in shared caches.
  r.header("Cache-Control", "no-store");
  return r;
}

}  // namespace

namespace {

void register_public_schemas() {
  json text = {{"type", "string"}};
  http::register_schema(
      "CitizenSignal",
      {{"type", "object"},
       {"required", {"what", "unit_id"}},
       {"properties",
        {{"what", {{"type", "string"}, {"maxLength", kWhatMax}}},
         {"where", text},
         {"suggestion", text},
         {"unit_id", {{"type", "string"}, {"description", "one of the tenant's public units"}}},
         {"email", {{"type", "string"}, {"description", "optional: where the answers go"}}}}}});
  http::register_schema(
      "CitizenSignalReceipt",
      {{"type", "object"},
       {"properties",
        {{"id", text},
         {"status", text},
         {"token", {{"type", "string"}, {"description", "the private link's secret"}}},
         {"private_link", text}}}});
  json step = {{"type", "object"},
               {"properties",
                {{"kind", text},
                 {"text", {{"type", {"string", "null"}}}},
                 {"status", {{"type", {"string", "null"}}}},
                 {"at", text}}}};
  http::register_schema("CitizenSignalView",
                        {{"type", "object"},
                         {"properties",
                          {{"what", text},
                           {"where", {{"type", {"string", "null"}}}},
                           {"suggestion", {{"type", {"string", "null"}}}},
                           {"unit_name", text},
                           {"status", text},
                           {"created_at", text},
                           {"history", {{"type", "array"}, {"items", step}}}}}});
}

}  // namespace

void add_public_routes(http::Router& router, db::Database& db) {
  register_public_schemas();
  kit::add_routes(
      router, db,
      {{"GET",
        "/public/{tenant}/signals",
        http::Access::kPublic,
        [](db::Database& db, const Request& req) {
          return form_page(db, req, nullptr, json::object(), 200);
        },
        {"The public form for a citizen's signal (HTML)", "signals"}},
       // No session is involved: the form is open to anyone, and guarded by the limits.
       {"POST",
        "/public/{tenant}/signals",
        http::Access::kPublic,
        post_signal,
        {"File a citizen's signal (JSON or the form); 429 with Retry-After when flooded", "signals",
         "CitizenSignal", "CitizenSignalReceipt", false, 201},
        true},
       {"GET",
        "/public/signals/{token}",
        http::Access::kPublic,
        follow,
        {"Follow a signal on its private link (HTML, or JSON with Accept: application/json)",
         "signals", "", "CitizenSignalView"}}});
}

}  // namespace signals
