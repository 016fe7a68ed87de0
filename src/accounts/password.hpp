#pragma once

#include <string>

namespace accounts {

inline constexpr std::size_t kMinPasswordLength = 10;

// argon2id in libsodium's self-describing string format (salt and costs inside).
std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);

// Empty when acceptable, otherwise the English reason (translated by the UI).
std::string password_problem(const std::string& password);

// A random password for generated accounts (the demo administrator).
std::string generate_password();

}  // namespace accounts
