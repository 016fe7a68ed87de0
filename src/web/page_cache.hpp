#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/request.hpp"

namespace web {

// Rendered pages kept by what they are a function of: the database's change marker
// (db::change_marker), the caller, the request and the minute. A page may be kept only if
// it reads nothing but the database, the request, the caller's identity and the clock to the
// minute (the tenant's local_now/today); an in-memory source of truth of its own would need
// to join the key. Bounded: the oldest entry goes first.
class PageCache {
 public:
  explicit PageCache(std::size_t capacity) : capacity_(capacity) {}

  // The key of `req` for a page read under `marker` from the database at `database`;
  // nothing when there is no marker (then the page is rendered and not kept).
  static std::optional<std::string> key(const http::Request& req, const std::string& database,
                                        const std::string& marker);

  std::shared_ptr<const http::Response> find(const std::string& key);
  void put(const std::string& key, const http::Response& response);

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const http::Response>> entries_;
  std::deque<std::string> order_;  // oldest first
};

}  // namespace web
