#include "web/page_cache.hpp"

#include <chrono>

namespace web {
namespace {

// Fields are joined with a separator no header, path or identity field holds unescaped.
void add(std::string& key, std::string_view part) {
  key.append(std::to_string(part.size()));
  key.push_back(':');
  key.append(part);
}

}  // namespace

std::optional<std::string> PageCache::key(const http::Request& req, const std::string& database,
                                          const std::string& marker) {
  if (marker.empty()) return std::nullopt;
  std::string key;
  key.reserve(512);
  add(key, database);
  add(key, marker);
  // The reads follow the clock only to the minute (local_now, today), in any time zone.
  const auto minute = std::chrono::duration_cast<std::chrono::minutes>(
      std::chrono::system_clock::now().time_since_epoch());
  add(key, std::to_string(minute.count()));
  add(key, req.method);
  add(key, req.path);
  for (const auto& [name, value] : req.query) {
    add(key, name);
    add(key, value);
  }
  add(key, "|");
  add(key, req.locale);
  add(key, req.secure ? "https" : "http");
  add(key, req.header("hx-request").value_or("-"));
  if (req.auth) {
    // Everything an identity is read from, but for its bookkeeping (when a token was last
    // used, when the session expires, the identity version), which no page shows.
    const auto& a = *req.auth;
    for (const std::string* field :
         {&a.tenant_id, &a.tenant_slug, &a.tenant_name, &a.tenant_locale, &a.tenant_time_zone,
          &a.account_id, &a.person_id, &a.name, &a.email, &a.role, &a.person_locale, &a.csrf_token,
          &a.token_id})
      add(key, *field);
    add(key, a.via_token ? "token" : "session");
  }
  return key;
}

std::shared_ptr<const http::Response> PageCache::get(const std::string& key, const Render& render) {
  std::shared_ptr<Flight> flight;
  {
    std::unique_lock lock(mutex_);
    if (auto it = entries_.find(key); it != entries_.end()) return it->second;
    auto& slot = flights_[key];
    if (slot == nullptr) {
      slot = std::make_shared<Flight>();
      flight = slot;
    } else {
      const auto theirs = slot;
      if (theirs->done.wait_for(lock, patience_, [&] { return theirs->finished; }) &&
          theirs->page != nullptr)
        return theirs->page;
    }
  }
  if (flight != nullptr) return render_first(key, *flight, render);
  // The first render failed, may not be kept or is slow: this caller does not wait again.
  Rendered own = render();
  auto page = std::make_shared<const http::Response>(std::move(own.page));
  if (own.keep) {
    std::lock_guard lock(mutex_);
    keep(key, page);
  }
  return page;
}

std::shared_ptr<const http::Response> PageCache::render_first(const std::string& key,
                                                              Flight& flight,
                                                              const Render& render) {
  Rendered own;
  try {
    own = render();
  } catch (...) {
    land(key, flight, nullptr);  // the waiters render themselves; the key is free again
    throw;
  }
  auto page = std::make_shared<const http::Response>(std::move(own.page));
  land(key, flight, own.keep ? page : nullptr);
  return page;
}

void PageCache::land(const std::string& key, Flight& flight,
                     std::shared_ptr<const http::Response> page) {
  {
    std::lock_guard lock(mutex_);
    if (page != nullptr) keep(key, page);
    flight.page = std::move(page);
    flight.finished = true;
    flights_.erase(key);
  }
  flight.done.notify_all();
}

void PageCache::keep(const std::string& key, std::shared_ptr<const http::Response> page) {
  if (entries_.count(key) != 0) return;
  while (entries_.size() >= capacity_ && !order_.empty()) {
    entries_.erase(order_.front());
    order_.pop_front();
  }
  entries_.emplace(key, std::move(page));
  order_.push_back(key);
}

}  // namespace web
