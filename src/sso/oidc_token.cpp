#include "sso/oidc_token.hpp"

#include <array>
#include <cstring>
#include <memory>
#include <set>

#include <cjose/cjose.h>
#include <sodium.h>

namespace sso {
namespace {

using nlohmann::json;

struct JwsDeleter {
  void operator()(cjose_jws_t* j) const { cjose_jws_release(j); }
};
struct JwkDeleter {
  void operator()(cjose_jwk_t* k) const { cjose_jwk_release(k); }
};

bool audience_has(const json& aud, const std::string& client_id) {
  if (aud.is_string()) return aud == client_id;
  if (!aud.is_array()) return false;
  for (const auto& a : aud)
    if (a.is_string() && a == client_id) return true;
  return false;
}

std::optional<long long> seconds(const json& claims, const char* name) {
  if (!claims.contains(name) || !claims.at(name).is_number()) return std::nullopt;
  return claims.at(name).get<long long>();
}

std::string header_value(cjose_header_t* header, const char* name) {
  cjose_err err{};
  const char* value = cjose_header_get(header, name, &err);
  return value == nullptr ? "" : value;
}

// The keys of `jwks` that may check a signature: for signing (or of no stated use), of the
// token's `kid` when it names one.
std::vector<json> candidate_keys(const json& jwks, const std::string& kid) {
  std::vector<json> out;
  if (!jwks.contains("keys") || !jwks.at("keys").is_array()) return out;
  for (const auto& k : jwks.at("keys")) {
    if (!k.is_object()) continue;
    if (k.contains("use") && k.at("use") != "sig") continue;
    if (!kid.empty() && k.value("kid", "") != kid) continue;
    out.push_back(k);
  }
  return out;
}

}  // namespace

std::string id_token_problem(const json& claims, const TokenExpectation& e) {
  if (!claims.is_object()) return "the token's payload is no JSON object";
  if (claims.value("iss", "") != e.issuer) return "wrong issuer";
  if (!claims.contains("aud") || !audience_has(claims.at("aud"), e.client_id))
    return "not for this client (aud)";
  if (claims.at("aud").is_array() && claims.at("aud").size() > 1 &&
      claims.value("azp", "") != e.client_id)
    return "several audiences and azp is not this client";
  if (claims.contains("azp") && claims.at("azp") != e.client_id) return "azp is another client";
  auto exp = seconds(claims, "exp");
  if (!exp) return "no expiry (exp)";
  if (*exp + e.skew < e.now) return "expired";
  auto iat = seconds(claims, "iat");
  if (!iat) return "no issue time (iat)";
  if (*iat - e.skew > e.now) return "issued in the future";
  if (e.nonce.empty() || claims.value("nonce", "") != e.nonce) return "wrong nonce";
  if (claims.value("sub", "").empty()) return "no subject";
  return "";
}

bool accepted_algorithm(const std::string& alg) {
  static const std::set<std::string> kAccepted = {"RS256", "RS384", "RS512", "PS256", "PS384",
                                                  "PS512", "ES256", "ES384", "ES512"};
  return kAccepted.contains(alg);
}

SignatureCheck check_signature(const std::string& compact, const json& jwks) {
  SignatureCheck out;
  cjose_err err{};
  std::unique_ptr<cjose_jws_t, JwsDeleter> jws(
      cjose_jws_import(compact.c_str(), compact.size(), &err));
  if (!jws) {
    out.problem = std::string("not a JWS: ") + (err.message ? err.message : "");
    return out;
  }
  cjose_header_t* header = cjose_jws_get_protected(jws.get());
  const std::string alg = header_value(header, CJOSE_HDR_ALG);
  if (!accepted_algorithm(alg)) {
    out.problem = "algorithm not accepted: " + alg;
    return out;
  }
  const std::string kid = header_value(header, CJOSE_HDR_KID);
  auto keys = candidate_keys(jwks, kid);
  if (keys.empty() || (kid.empty() && keys.size() > 1)) {
    out.result = SignatureCheck::Result::kUnknownKey;
    out.problem = "no key " + kid;
    return out;
  }
  const std::string text = keys.front().dump();
  std::unique_ptr<cjose_jwk_t, JwkDeleter> jwk(cjose_jwk_import(text.c_str(), text.size(), &err));
  if (!jwk) {
    out.problem = "the provider's key cannot be read";
    return out;
  }
  if (!cjose_jws_verify(jws.get(), jwk.get(), &err)) {
    out.problem = "bad signature";
    return out;
  }
  std::uint8_t* plain = nullptr;
  std::size_t plain_len = 0;
  if (!cjose_jws_get_plaintext(jws.get(), &plain, &plain_len, &err)) {
    out.problem = "no payload";
    return out;
  }
  out.claims = json::parse(plain, plain + plain_len, nullptr, false);
  if (!out.claims.is_object()) {
    out.problem = "the payload is no JSON object";
    return out;
  }
  out.result = SignatureCheck::Result::kValid;
  return out;
}

bool acceptable_provider_url(const std::string& url) {
  if (url.rfind("https://", 0) == 0) return url.size() > 8;
  for (const char* local : {"http://127.0.0.1:", "http://127.0.0.1/", "http://localhost:",
                            "http://localhost/", "http://[::1]:", "http://[::1]/"})
    if (url.rfind(local, 0) == 0) return true;
  return url == "http://127.0.0.1" || url == "http://localhost" || url == "http://[::1]";
}

bool email_trusted(const json& claims) {
  if (!claims.contains("email_verified")) return true;
  const auto& v = claims.at("email_verified");
  // Some providers send the flag as a string.
  return !(v == false || v == "false");
}

std::string pkce_challenge(const std::string& verifier) {
  if (sodium_init() < 0) return "";
  std::array<unsigned char, crypto_hash_sha256_BYTES> hash{};
  crypto_hash_sha256(hash.data(), reinterpret_cast<const unsigned char*>(verifier.data()),
                     verifier.size());
  std::string out(sodium_base64_ENCODED_LEN(hash.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), hash.data(), hash.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

}  // namespace sso
