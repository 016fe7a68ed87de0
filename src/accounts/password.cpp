#include "accounts/password.hpp"

#include <stdexcept>

#include <sodium.h>

#include "core/ids.hpp"

namespace accounts {

std::string hash_password(const std::string& password) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.c_str(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
  if (sodium_init() < 0) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.c_str(), password.size()) == 0;
}

std::string password_problem(const std::string& password) {
  if (password.size() < kMinPasswordLength) return "must be at least 10 characters";
  if (password.size() > 1000) return "must be at most 1000 characters";
  return "";
}

std::string generate_password() { return core::random_token(15); }

}  // namespace accounts
