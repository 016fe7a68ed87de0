#pragma once
// A SAML IdP's metadata read from the address its federation publishes it at (issue 19,
// point 4): KOMBIT's Context Handler and the Swedish federations rotate their signing
// certificates there, so the document is fetched when the provider is saved, again by a
// periodic job and on an administrator's request. A fetch that fails keeps the last good
// document (sign-in goes on with it) and is logged and shown on the provider's page (D59).
#include <chrono>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "db/tenant_scoped.hpp"
#include "sso/identity_provider.hpp"

namespace jobs {
class Registry;
}

namespace sso {

using TimePoint = std::chrono::system_clock::time_point;

// How long a fetched document is used before the job reads it again; a failed fetch is tried
// again at each run of the job (kRefreshJobInterval).
inline constexpr std::chrono::hours kRefreshAfter{6};
inline constexpr std::chrono::minutes kRefreshJobInterval{15};

struct MetadataSource {
  std::string url;
  std::optional<std::string> metadata;    // the last document that passed the checks
  std::optional<std::string> fetched_at;  // when it was read
  std::string checked_at;                 // the last attempt, good or not
  std::optional<std::string> last_error;  // of the last attempt; none when it succeeded
};

// What administrators read: everything but the document.
nlohmann::json to_json(const MetadataSource& s);
nlohmann::json metadata_source_schema();

class MetadataSourceStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;
  std::optional<MetadataSource> get(const std::string& idp_id);
  void put(const std::string& idp_id, const MetadataSource& s);
  void remove(const std::string& idp_id);
};

// settings.idp_metadata_url; empty when the metadata is only pasted.
std::string metadata_url(const IdentityProvider& idp);

// One fetch of the provider's address at `now`, checked (check_fetched_metadata); `before` is
// what was kept, whose document stays when this fetch fails. Never throws for the fetch.
MetadataSource fetch_metadata(const IdentityProvider& idp,
                              const std::optional<MetadataSource>& before, TimePoint now);

// Before a provider is saved: its document now, so a wrong address or document is a 422 on
// the form, unless a pasted document is there to sign in with meanwhile. nullopt when the
// provider has no address.
std::optional<MetadataSource> fetch_before_save(const IdentityProvider& idp,
                                                const std::optional<MetadataSource>& before);
// After it is saved: keeps what was fetched, or forgets the address that was removed.
void keep_after_save(soci::session& sql, const IdentityProvider& saved,
                     const std::optional<MetadataSource>& fetched);

// Fetches now and keeps the result; logs a failure. The administrator's "refresh".
MetadataSource refresh_metadata(soci::session& sql, const IdentityProvider& idp, TimePoint now);

// The document sign-in reads: the fetched one for the provider's current address, else the
// pasted one (empty when there is neither).
std::string idp_metadata_text(soci::session& sql, const IdentityProvider& idp);

// The job: every SAML provider of every tenant with an address whose document is older than
// kRefreshAfter or was never read.
void refresh_due_metadata(soci::session& sql, TimePoint now);
void register_jobs(jobs::Registry& registry);

}  // namespace sso
