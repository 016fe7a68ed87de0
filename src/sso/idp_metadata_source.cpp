#include "sso/idp_metadata_source.hpp"

#include <map>
#include <string_view>

#include <spdlog/spdlog.h>

#include "core/errors.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/row.hpp"
#include "jobs/registry.hpp"
#include "sso/idp_store.hpp"
#include "sso/oidc_http.hpp"
#include "sso/saml_metadata.hpp"

namespace sso {
namespace {

using nlohmann::json;

constexpr std::string_view kGet =
    "SELECT url, metadata, fetched_at, checked_at, last_error FROM sso_idp_metadata "
    "WHERE tenant_id = :tenant_id AND idp_id = :idp_id";
constexpr std::string_view kPut =
    "INSERT INTO sso_idp_metadata (tenant_id, idp_id, url, metadata, fetched_at, checked_at, "
    "last_error) VALUES (:tenant_id, :idp_id, :url, :metadata, :fetched_at, :checked_at, "
    ":last_error) ON CONFLICT (tenant_id, idp_id) DO UPDATE SET url = excluded.url, metadata = "
    "excluded.metadata, fetched_at = excluded.fetched_at, checked_at = excluded.checked_at, "
    "last_error = excluded.last_error";
constexpr std::string_view kRemove =
    "DELETE FROM sso_idp_metadata WHERE tenant_id = :tenant_id AND idp_id = :idp_id";
// Every tenant's: the job works for the installation.
constexpr std::string_view kSamlProviders =
    "SELECT tenant_id, id FROM identity_providers WHERE kind = 'saml' ORDER BY tenant_id, id";

std::string setting(const IdentityProvider& idp, const char* key) {
  auto it = idp.settings.find(key);
  return it != idp.settings.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void log_failure(const IdentityProvider& idp, const MetadataSource& s) {
  spdlog::warn("{}", json{{"msg",
                           "SAML IdP metadata could not be refreshed; the last good "
                           "document stays in use"},
                          {"tenant_id", idp.tenant_id},
                          {"idp", idp.slug},
                          {"url", s.url},
                          {"kept_from", s.fetched_at ? json(*s.fetched_at) : json(nullptr)},
                          {"error", s.last_error.value_or("")}}
                         .dump());
}

// One read of an address: the body of a 200, or why there is none.
struct Download {
  std::optional<std::string> body;
  std::string error;
};

Download download_metadata(const std::string& url) {
  try {
    HttpCall call;
    call.url = url;
    call.accept = "application/samlmetadata+xml, application/xml;q=0.9";
    auto answer = http_call(call);
    if (answer.status != 200)
      return {std::nullopt, "the address answered HTTP " + std::to_string(answer.status)};
    return {std::move(answer.body), {}};
  } catch (const std::exception& e) {
    return {std::nullopt, e.what()};
  }
}

// The provider's new state from a read; `before`'s document stays when the read gives none
// that passes, but only for the address it came from.
MetadataSource checked_metadata(const IdentityProvider& idp,
                                const std::optional<MetadataSource>& before, TimePoint now,
                                const Download& read) {
  MetadataSource s;
  s.url = metadata_url(idp);
  s.checked_at = core::to_iso(now);
  if (before && before->url == s.url) {
    s.metadata = before->metadata;
    s.fetched_at = before->fetched_at;
  }
  if (!read.body) {
    s.last_error = read.error;
    return s;
  }
  try {
    saml::check_fetched_metadata(*read.body, setting(idp, "idp_metadata_certificate"), now);
    s.metadata = *read.body;
    s.fetched_at = s.checked_at;
    s.last_error.reset();
  } catch (const std::exception& e) {
    s.last_error = e.what();
  }
  return s;
}

}  // namespace

json to_json(const MetadataSource& s) {
  auto opt = [](const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); };
  return {{"url", s.url},
          {"fetched_at", opt(s.fetched_at)},
          {"checked_at", s.checked_at},
          {"last_error", opt(s.last_error)}};
}

json metadata_source_schema() {
  const json nullable_time = {{"type", {"string", "null"}}, {"format", "date-time"}};
  return {{"type", {"object", "null"}},
          {"description",
           "SAML: the IdP metadata read from settings.idp_metadata_url (null without one): when "
           "the document in use was read, the last attempt and its error"},
          {"properties",
           {{"url", {{"type", "string"}}},
            {"fetched_at", nullable_time},
            {"checked_at", {{"type", "string"}, {"format", "date-time"}}},
            {"last_error", {{"type", {"string", "null"}}}}}}};
}

std::optional<MetadataSource> MetadataSourceStore::get(const std::string& idp_id) {
  auto rows = db::query(sql_, kGet, {{"tenant_id", tenant_id_}, {"idp_id", idp_id}});
  for (const auto& r : rows) {
    return MetadataSource{db::text(r, "url"), db::opt_text(r, "metadata"),
                          db::opt_text(r, "fetched_at"), db::text(r, "checked_at"),
                          db::opt_text(r, "last_error")};
  }
  return std::nullopt;
}

void MetadataSourceStore::put(const std::string& idp_id, const MetadataSource& s) {
  db::execute(sql_, kPut,
              {{"tenant_id", tenant_id_},
               {"idp_id", idp_id},
               {"url", s.url},
               {"metadata", s.metadata},
               {"fetched_at", s.fetched_at},
               {"checked_at", s.checked_at},
               {"last_error", s.last_error}});
}

void MetadataSourceStore::remove(const std::string& idp_id) {
  db::execute(sql_, kRemove, {{"tenant_id", tenant_id_}, {"idp_id", idp_id}});
}

std::string metadata_url(const IdentityProvider& idp) {
  return idp.kind == "saml" ? setting(idp, "idp_metadata_url") : std::string();
}

MetadataSource fetch_metadata(const IdentityProvider& idp,
                              const std::optional<MetadataSource>& before, TimePoint now) {
  return checked_metadata(idp, before, now, download_metadata(metadata_url(idp)));
}

std::optional<MetadataSource> fetch_before_save(const IdentityProvider& idp,
                                                const std::optional<MetadataSource>& before) {
  if (metadata_url(idp).empty()) return std::nullopt;
  auto s = fetch_metadata(idp, before, std::chrono::system_clock::now());
  if (s.last_error && !s.metadata && setting(idp, "idp_metadata").empty()) {
    throw core::ValidationError(
        "settings", "the metadata at idp_metadata_url could not be used: " + *s.last_error);
  }
  return s;
}

void keep_after_save(soci::session& sql, const IdentityProvider& saved,
                     const std::optional<MetadataSource>& fetched) {
  MetadataSourceStore store(sql, saved.tenant_id);
  if (fetched) {
    store.put(saved.id, *fetched);
    if (fetched->last_error) log_failure(saved, *fetched);
  } else {
    store.remove(saved.id);
  }
}

MetadataSource refresh_metadata(soci::session& sql, const IdentityProvider& idp, TimePoint now) {
  if (metadata_url(idp).empty()) {
    throw core::ValidationError("settings", "this provider has no idp_metadata_url");
  }
  MetadataSourceStore store(sql, idp.tenant_id);
  auto s = fetch_metadata(idp, store.get(idp.id), now);
  store.put(idp.id, s);
  if (s.last_error) log_failure(idp, s);
  return s;
}

std::string idp_metadata_text(soci::session& sql, const IdentityProvider& idp) {
  if (auto url = metadata_url(idp); !url.empty()) {
    auto s = MetadataSourceStore(sql, idp.tenant_id).get(idp.id);
    if (s && s->url == url && s->metadata) return *s->metadata;
  }
  return setting(idp, "idp_metadata");
}

void refresh_due_metadata(soci::session& sql, TimePoint now) {
  std::vector<std::pair<std::string, std::string>> providers;
  for (const auto& r : db::query(sql, kSamlProviders)) {
    providers.emplace_back(db::text(r, "tenant_id"), db::text(r, "id"));
  }
  // Many municipalities name the same address (KOMBIT's): it is read once a run, so an address
  // that is down costs one timeout, not one per tenant.
  std::map<std::string, Download> read;
  for (const auto& [tenant_id, id] : providers) {
    try {
      auto idp = IdpStore(sql, tenant_id).get(id);
      const auto url = metadata_url(idp);
      if (url.empty()) continue;
      MetadataSourceStore store(sql, tenant_id);
      auto kept = store.get(id);
      if (kept && kept->url == url && kept->fetched_at) {
        auto at = jobs::from_iso(*kept->fetched_at);
        if (at && *at + kRefreshAfter > now) continue;
      }
      auto it = read.find(url);
      if (it == read.end()) it = read.emplace(url, download_metadata(url)).first;
      auto s = checked_metadata(idp, kept, now, it->second);
      store.put(id, s);
      if (s.last_error) log_failure(idp, s);
    } catch (const core::NotFound&) {
      // Removed since the list was read.
    }
  }
}

void register_jobs(jobs::Registry& registry) {
  registry.add_periodic("sso.refresh_idp_metadata",
                        std::chrono::duration_cast<std::chrono::seconds>(kRefreshJobInterval),
                        refresh_due_metadata);
}

}  // namespace sso
