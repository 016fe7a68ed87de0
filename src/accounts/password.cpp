#include "accounts/password.hpp"

#include <cctype>
#include <stdexcept>

#include <sodium.h>
#include <zxcvbn.h>

#include "core/ids.hpp"

namespace accounts {
namespace {

// Words Danish and Swedish staff build passwords from, which zxcvbn's English
// dictionaries do not know; matched in any case and with digits or symbols around them.
constexpr const char* kLocalWords[] = {
    "adgangskode", "kodeord",   "password",  "velkommen", "sommer",   "vinter",  "efteraar",
    "foraar",      "kommune",   "region",    "borger",    "hemmelig", "danmark", "losenord",
    "lösenord",    "välkommen", "valkommen", "sommar",    "hösten",   "vintern", "kommun",
    "sverige",     "hemlig",    "fremdrift", "framdrift", "julen",    "påske",   "paaske"};

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

// "anna.jensen@aarhus.dk", "Anna Jensen" → anna, jensen, aarhus, dk.
void add_words(const std::string& text, std::vector<std::string>& out) {
  std::string word;
  for (char c : text + " ") {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      word += static_cast<char>(std::tolower(u));
    } else {
      if (word.size() >= 3) out.push_back(word);
      word.clear();
    }
  }
}

}  // namespace

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

std::string password_problem(const std::string& password,
                             const std::vector<std::string>& personal) {
  if (code_points(password) < kMinPasswordLength) return "must be at least 12 characters";
  if (password.size() > kMaxPasswordLength) return "must be at most 1000 characters";
  if (password.find('\0') != std::string::npos) return "must not contain a NUL character";
  std::vector<std::string> words(std::begin(kLocalWords), std::end(kLocalWords));
  for (const auto& p : personal) add_words(p, words);
  std::vector<const char*> dictionary;
  for (const auto& w : words) dictionary.push_back(w.c_str());
  dictionary.push_back(nullptr);
  if (ZxcvbnMatch(password.c_str(), dictionary.data(), nullptr) < kMinPasswordBits)
    return "is too easy to guess (a common password, a name or a simple pattern); a few "
           "unrelated words make a strong one";
  return "";
}

std::string generate_password() { return core::random_token(15); }

}  // namespace accounts
