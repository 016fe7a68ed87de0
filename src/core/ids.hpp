#pragma once

#include <string>

namespace core {

// Time-ordered random identifiers (26 chars, Crockford base32, ULID layout).
// Ordering by id is ordering by creation time, which cursor paging relies on.
std::string new_id();

// Random URL-safe secret of `bytes` bytes of entropy (session ids, API tokens, CSRF).
std::string random_token(std::size_t bytes = 32);

// Hex SHA-256 of a secret; only hashes of secrets are stored.
std::string sha256_hex(const std::string& data);

bool looks_like_id(const std::string& s);

}  // namespace core
