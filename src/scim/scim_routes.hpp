#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/auth_context.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "scim/scim_filter.hpp"

namespace scim {

// The SCIM service at /scim/v2 (docs/scim.md): discovery, Users and Groups.
void add_routes(http::Router& router, db::Database& db);

// /api/v1/tenant/scim-token and the settings page /settings/scim (administrators).
void add_token_routes(http::Router& router, db::Database& db);

// The page /settings/scim with the token's form (administrators).
void add_pages(http::Router& router, db::Database& db);

// The SCIM base address: the public address's when it is set, else a path.
std::string base_url();

// Who a SCIM request acts as: the tenant of its bearer token, audited as "scim".
struct Caller {
  core::AuthContext who;
  std::string base;
};
using ScimHandler = std::function<http::Response(db::Database&, http::Request&, const Caller&)>;

// A route of the SCIM service: public to the pipeline (no session, no personal token, so no
// CSRF check either) and authenticated here by the tenant's SCIM token only. The summary
// names the route in logs and tests; it is not in /api/v1's OpenAPI document (docs/scim.md).
http::Route scim_route(db::Database& db, std::string method, std::string pattern,
                       std::string summary, ScimHandler handler);
http::Response scim_json(int status, const nlohmann::json& body);
// 201 with the resource and its Location (the resource's meta.location).
http::Response scim_created(const nlohmann::json& body);
// The request's body as JSON; BadRequest ("invalidSyntax") when it is not.
nlohmann::json body_of(const http::Request& req);

// startIndex (1-based, at least 1) and count (0 to kMaxResults, default kMaxResults).
struct Window {
  long long start = 1;
  long long count = 0;
};
Window window_of(const http::Request& req);

// One window of a list resource and the length of the whole list.
template <class T>
struct Listed {
  std::vector<T> items;
  long long total = 0;
};

// The request's window of a list (RFC 7644 §3.4.2). With a filter (on one of `attributes`),
// `find(filter)` reads every match and the window is cut from them; without one, `count()` and
// `page(offset, count)` read only what the window shows.
template <class T, class Find, class Count, class Page>
Listed<T> list_window(const http::Request& req, const Window& w,
                      const std::vector<std::string>& attributes, Find find, Count count,
                      Page page) {
  Listed<T> out;
  if (auto filter = req.query_param("filter"); filter && !filter->empty()) {
    std::vector<T> all = find(parse_filter(*filter, attributes));
    out.total = static_cast<long long>(all.size());
    for (long long i = w.start - 1; i < out.total && i < w.start - 1 + w.count; ++i)
      out.items.push_back(std::move(all[static_cast<std::size_t>(i)]));
  } else {
    out.total = count();
    if (w.count > 0) out.items = page(w.start - 1, w.count);
  }
  return out;
}

void add_group_routes(http::Router& router, db::Database& db);

}  // namespace scim
