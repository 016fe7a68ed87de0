#include "core/ids.hpp"

#include <array>
#include <chrono>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string_view>

#include <sodium.h>

namespace core {
namespace {

constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void ensure_sodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace

std::string new_id() {
  ensure_sodium();
  // Monotonic within a process so that ids created in the same millisecond still sort.
  static std::mutex mutex;
  static std::uint64_t last_ms = 0;
  static std::array<unsigned char, 10> last_random{};
  std::array<unsigned char, 16> bytes{};
  {
    std::lock_guard lock(mutex);
    auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
    auto ms = static_cast<std::uint64_t>(now);
    if (ms <= last_ms) {
      ms = last_ms;
      for (int i = 9; i >= 0; --i) {
        if (++last_random[static_cast<std::size_t>(i)] != 0) break;
      }
    } else {
      randombytes_buf(last_random.data(), last_random.size());
      last_random[0] &= 0x7f;  // leave room to increment without overflow
      last_ms = ms;
    }
    for (int i = 5; i >= 0; --i) {
      bytes[static_cast<std::size_t>(i)] = static_cast<unsigned char>(ms & 0xff);
      ms >>= 8;
    }
    std::copy(last_random.begin(), last_random.end(), bytes.begin() + 6);
  }
  // 128 bits → 26 base32 characters (the first holds 3 bits).
  std::string out(26, '0');
  unsigned __int128 value = 0;
  for (auto b : bytes) value = (value << 8) | b;
  for (int i = 25; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kCrockford[static_cast<unsigned>(value & 31)];
    value >>= 5;
  }
  return out;
}

std::string random_token(std::size_t bytes) {
  ensure_sodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::string sha256_hex(const std::string& data) {
  ensure_sodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> hash{};
  crypto_hash_sha256(hash.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
  std::string hex(hash.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  hex.pop_back();
  return hex;
}

bool looks_like_id(const std::string& s) {
  if (s.size() != 26) return false;
  for (char c : s) {
    if (std::string_view(kCrockford).find(c) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace core
