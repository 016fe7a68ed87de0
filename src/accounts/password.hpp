#pragma once

#include <string>
#include <vector>

namespace accounts {

// NIST SP 800-63B: a length floor in characters (Unicode code points), no composition
// rules, and a refusal of guessable passwords.
inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 1000;
// zxcvbn's estimate, in bits, below which a password counts as guessable (about a
// billion guesses; "password12" is 10, "Sommer2026!!" 16, four random words over 50).
inline constexpr double kMinPasswordBits = 28.0;

// argon2id in libsodium's self-describing string format (salt and costs inside).
std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);

// Empty when acceptable, otherwise the English reason (translated by the UI). `personal`
// holds what the password must not be built from: the person's e-mail address and name.
std::string password_problem(const std::string& password,
                             const std::vector<std::string>& personal = {});

// A random password for generated accounts (the demo administrator).
std::string generate_password();

}  // namespace accounts
