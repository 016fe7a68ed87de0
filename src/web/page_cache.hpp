#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
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
  // A rendered page and whether it may be kept (false when the data moved during the render).
  struct Rendered {
    http::Response page;
    bool keep = true;
  };
  using Render = std::function<Rendered()>;

  explicit PageCache(std::size_t capacity,
                     std::chrono::milliseconds patience = std::chrono::seconds(3))
      : capacity_(capacity), patience_(patience) {}

  // The key of `req` for a page read under `marker` from the database at `database`;
  // nothing when there is no marker (then the page is rendered and not kept).
  static std::optional<std::string> key(const http::Request& req, const std::string& database,
                                        const std::string& marker);

  // The page kept under `key`, else `render`'s. When a key changes (the minute turns, any
  // write), every request in flight misses it at once; so callers missing the same key
  // together render it once: the first renders, the others wait for its page. A waiter
  // renders itself when the wait outlasts the patience, or when the first render throws or
  // may not be kept; the key is then free for the next caller to render.
  std::shared_ptr<const http::Response> get(const std::string& key, const Render& render);

 private:
  struct Flight {
    std::condition_variable done;
    bool finished = false;
    std::shared_ptr<const http::Response> page;  // null when the render failed or moved
  };

  std::shared_ptr<const http::Response> render_first(const std::string& key, Flight& flight,
                                                     const Render& render);
  // Ends the flight: keeps its page (null when none may be kept) and wakes its waiters.
  void land(const std::string& key, Flight& flight, std::shared_ptr<const http::Response> page);
  void keep(const std::string& key, std::shared_ptr<const http::Response> page);  // under mutex_

  std::size_t capacity_;
  std::chrono::milliseconds patience_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const http::Response>> entries_;
  std::deque<std::string> order_;                                     // oldest first
  std::unordered_map<std::string, std::shared_ptr<Flight>> flights_;  // renders under way
};

}  // namespace web
