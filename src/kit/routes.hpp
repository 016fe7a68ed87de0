#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"
#include "http/router.hpp"

namespace kit {

using Handle = std::function<http::Response(db::Database&, const http::Request&)>;

// Routes that are no kit::Resource (sessions, tokens, logins) as one table, each with
// its OpenAPI entry:
//   kit::add_routes(router, db, {
//       {"GET", "/api/v1/me", http::Access::kAuthenticated, show_me, {"Who am I", "session"}}});

struct Route {
  std::string method;
  std::string path;
  http::Access access;
  Handle handle;
  http::ApiDoc doc;
  bool csrf_exempt = false;  // only for routes that create the session itself
};

// The handler of a route that works on one store of the caller's tenant:
//   {"GET", "/api/v1/umbrella/members", user, kit::with_store<UmbrellaStore>(members), {…}}
template <typename Store>
Handle with_store(std::function<http::Response(Store&, const http::Request&)> run) {
  return [run = std::move(run)](db::Database& db, const http::Request& req) {
    auto sql = db.lease();
    Store store(*sql, req.who().tenant_id);
    return run(store, req);
  };
}

inline void add_routes(http::Router& router, db::Database& db, std::vector<Route> routes) {
  for (auto& r : routes) {
    router.add({std::move(r.method), std::move(r.path), r.access,
                [&db, handle = std::move(r.handle)](http::Request& req) { return handle(db, req); },
                std::move(r.doc), r.csrf_exempt});
  }
}

}  // namespace kit
