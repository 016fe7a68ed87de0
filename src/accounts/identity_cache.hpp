#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/auth_context.hpp"

namespace accounts {

// Who a session or API token stands for, kept between requests so that a request need not
// join four tables to learn it. A hit counts only while the tenant's identity version in the
// database still equals the one the identity was read with (db/identity_version.hpp): every
// change that could alter or revoke it raises that version, on whichever instance it is made.
// Keyed by the token's hash; the token itself is never kept.
class IdentityCache {
 public:
  explicit IdentityCache(std::size_t capacity = kDefaultCapacity) : capacity_(capacity) {}

  std::optional<core::AuthContext> find(const std::string& token_hash) const;
  void put(const std::string& token_hash, const core::AuthContext& who);
  void forget(const std::string& token_hash);
  std::size_t size() const;

  static constexpr std::size_t kDefaultCapacity = 20000;

 private:
  mutable std::mutex mutex_;
  std::size_t capacity_;
  std::unordered_map<std::string, core::AuthContext> entries_;
};

// The process's cache, shared by all requests.
IdentityCache& identity_cache();

}  // namespace accounts
