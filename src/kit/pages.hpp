#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"
#include "http/router.hpp"

namespace kit {

// A feature's page routes as one table:
//   kit::add_page_routes(router, db, {
//       {"GET", "/projects/{id}/wins", wins_page, "The project's wins log"},
//       {"POST", "/projects/{id}/wins", save_win, "Record a win from the form"}});
struct PageRoute {
  std::string method;
  std::string path;
  std::function<http::Response(db::Database&, const http::Request&)> handle;
  std::string summary;
  http::Access access = http::Access::kAuthenticated;
};

inline void add_page_routes(http::Router& router, db::Database& db, std::vector<PageRoute> routes) {
  for (auto& r : routes) {
    router.add({std::move(r.method),
                std::move(r.path),
                r.access,
                [&db, handle = std::move(r.handle)](http::Request& req) { return handle(db, req); },
                {std::move(r.summary), "web"}});
  }
}

}  // namespace kit
