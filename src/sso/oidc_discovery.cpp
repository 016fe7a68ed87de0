#include "sso/oidc_discovery.hpp"

#include <chrono>
#include <map>
#include <mutex>

#include "core/errors.hpp"
#include "sso/oidc_http.hpp"
#include "sso/oidc_token.hpp"

namespace sso {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr auto kKeep = std::chrono::hours(1);
constexpr auto kRefetchGap = std::chrono::seconds(10);

struct Entry {
  ProviderMetadata metadata;
  Clock::time_point metadata_at;
  json keys;
  Clock::time_point keys_at;
  Clock::time_point refetched_at;  // the last fetch for an unknown key
};

std::mutex& mutex() {
  static std::mutex m;
  return m;
}

std::map<std::string, Entry>& entries() {
  static std::map<std::string, Entry> e;
  return e;
}

json fetch_json(const std::string& url) {
  auto answer = http_call({.url = url});
  if (answer.status != 200)
    throw core::Unavailable(
        "the identity provider answered " + std::to_string(answer.status) + " for " + url,
        "sso_unreachable");
  auto doc = json::parse(answer.body, nullptr, false);
  if (!doc.is_object())
    throw core::Unavailable("the identity provider sent no JSON object from " + url,
                            "sso_unreachable");
  return doc;
}

std::string trimmed(std::string issuer) {
  while (!issuer.empty() && issuer.back() == '/') issuer.pop_back();
  return issuer;
}

}  // namespace

ProviderMetadata metadata_from_json(const json& doc, const std::string& issuer) {
  ProviderMetadata m;
  m.issuer = doc.value("issuer", "");
  m.authorization_endpoint = doc.value("authorization_endpoint", "");
  m.token_endpoint = doc.value("token_endpoint", "");
  m.jwks_uri = doc.value("jwks_uri", "");
  m.userinfo_endpoint = doc.value("userinfo_endpoint", "");
  m.end_session_endpoint = doc.value("end_session_endpoint", "");
  if (m.issuer != issuer)
    throw core::Unavailable("discovery names issuer " + m.issuer + ", not " + issuer,
                            "sso_unreachable");
  if (m.authorization_endpoint.empty() || m.token_endpoint.empty() || m.jwks_uri.empty())
    throw core::Unavailable("discovery lacks an endpoint", "sso_unreachable");
  for (const auto* url : {&m.authorization_endpoint, &m.token_endpoint, &m.jwks_uri,
                          &m.userinfo_endpoint, &m.end_session_endpoint})
    if (!url->empty() && !acceptable_provider_url(*url))
      throw core::Unavailable("discovery names an address that is not https: " + *url,
                              "sso_unreachable");
  return m;
}

ProviderDirectory& ProviderDirectory::instance() {
  static ProviderDirectory d;
  return d;
}

ProviderMetadata ProviderDirectory::metadata(const std::string& issuer) {
  {
    std::lock_guard lock(mutex());
    auto it = entries().find(issuer);
    if (it != entries().end() && !it->second.metadata.issuer.empty() &&
        Clock::now() - it->second.metadata_at < kKeep)
      return it->second.metadata;
  }
  // Fetched outside the lock: a slow provider must not hold up another tenant's sign-in.
  auto doc = fetch_json(trimmed(issuer) + "/.well-known/openid-configuration");
  auto m = metadata_from_json(doc, issuer);
  std::lock_guard lock(mutex());
  auto& e = entries()[issuer];
  e.metadata = m;
  e.metadata_at = Clock::now();
  return m;
}

json ProviderDirectory::keys(const std::string& issuer) {
  {
    std::lock_guard lock(mutex());
    auto it = entries().find(issuer);
    if (it != entries().end() && !it->second.keys.is_null() &&
        Clock::now() - it->second.keys_at < kKeep)
      return it->second.keys;
  }
  auto keys = fetch_json(metadata(issuer).jwks_uri);
  std::lock_guard lock(mutex());
  auto& e = entries()[issuer];
  e.keys = keys;
  e.keys_at = Clock::now();
  return keys;
}

bool ProviderDirectory::refresh_keys(const std::string& issuer) {
  {
    std::lock_guard lock(mutex());
    auto it = entries().find(issuer);
    if (it != entries().end() && it->second.refetched_at != Clock::time_point{} &&
        Clock::now() - it->second.refetched_at < kRefetchGap)
      return false;
    entries()[issuer].refetched_at = Clock::now();
  }
  auto keys = fetch_json(metadata(issuer).jwks_uri);
  std::lock_guard lock(mutex());
  auto& e = entries()[issuer];
  e.keys = keys;
  e.keys_at = Clock::now();
  return true;
}

void ProviderDirectory::forget(const std::string& issuer) {
  std::lock_guard lock(mutex());
  entries().erase(issuer);
}

}  // namespace sso
