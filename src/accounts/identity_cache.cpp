#include "accounts/identity_cache.hpp"

namespace accounts {

std::optional<core::AuthContext> IdentityCache::find(const std::string& token_hash) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(token_hash);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

void IdentityCache::put(const std::string& token_hash, const core::AuthContext& who) {
  std::lock_guard lock(mutex_);
  // Full: start again rather than track ages; the next requests refill it.
  if (entries_.size() >= capacity_ && !entries_.contains(token_hash)) entries_.clear();
  entries_[token_hash] = who;
}

void IdentityCache::forget(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  entries_.erase(token_hash);
}

std::size_t IdentityCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

IdentityCache& identity_cache() {
  static IdentityCache cache;
  return cache;
}

}  // namespace accounts
