#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"
#include "http/router.hpp"

namespace kit {

// Routes that are no kit::Resource (sessions, tokens, logins) as one table, each with
// its OpenAPI entry:
//   kit::add_routes(router, db, {
//       {"GET", "/api/v1/me", http::Access::kAuthenticated, show_me, {"Who am I", "session"}}});
struct Route {
  std::string method;
  std::string path;
  http::Access access;
  std::function<http::Response(db::Database&, const http::Request&)> handle;
  http::ApiDoc doc;
  bool csrf_exempt = false;  // only for routes that create the session itself
};

inline void add_routes(http::Router& router, db::Database& db, std::vector<Route> routes) {
  for (auto& r : routes) {
    router.add({std::move(r.method), std::move(r.path), r.access,
                [&db, handle = std::move(r.handle)](http::Request& req) { return handle(db, req); },
                std::move(r.doc), r.csrf_exempt});
  }
}

}  // namespace kit
