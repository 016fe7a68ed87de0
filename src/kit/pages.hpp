#pragma once

#include <string>
#include <vector>

#include "db/database.hpp"
#include "http/router.hpp"

namespace kit {

// A feature's page routes as a table: each handler gets the database and the request,
// and every page needs a signed-in caller (the handler checks the project rights).
struct PageRoute {
  std::string method;
  std::string path;
  http::Response (*handler)(db::Database&, const http::Request&);
  std::string summary;
};

inline void add_page_routes(http::Router& router, db::Database& db,
                            const std::vector<PageRoute>& routes) {
  for (const auto& r : routes) {
    router.add({r.method,
                r.path,
                http::Access::kAuthenticated,
                [&db, handler = r.handler](http::Request& req) { return handler(db, req); },
                {r.summary, "web"}});
  }
}

}  // namespace kit
