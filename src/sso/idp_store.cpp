#include "sso/idp_store.hpp"

#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"
#include "kit/versioned.hpp"
#include "sso/sp_key_rollover.hpp"

namespace sso {
namespace {

using nlohmann::json;

constexpr std::string_view kColumns =
    "SELECT tenant_id, id, slug, kind, display_name, enabled, settings, secret, email_claim, "
    "employee_id_claim, groups_claim, role_map, default_role, provisioning, version, created_at, "
    "updated_at FROM identity_providers ";
constexpr std::string_view kList = "WHERE tenant_id = :tenant_id ORDER BY display_name, id";
constexpr std::string_view kEnabled =
    "WHERE tenant_id = :tenant_id AND enabled = 1 ORDER BY display_name, id";
constexpr std::string_view kById = "WHERE tenant_id = :tenant_id AND id = :id";
constexpr std::string_view kBySlug = "WHERE tenant_id = :tenant_id AND slug = :slug";

constexpr std::string_view kInsert =
    "INSERT INTO identity_providers (tenant_id, id, slug, kind, display_name, enabled, settings, "
    "secret, email_claim, employee_id_claim, groups_claim, role_map, default_role, provisioning, "
    "version, created_at, updated_at) VALUES (:tenant_id, :id, :slug, :kind, :display_name, "
    ":enabled, :settings, :secret, :email_claim, :employee_id_claim, :groups_claim, :role_map, "
    ":default_role, :provisioning, 1, :now, :now2)";
constexpr std::string_view kUpdate =
    "UPDATE identity_providers SET slug = :slug, display_name = :display_name, enabled = "
    ":enabled, settings = :settings, secret = :secret, email_claim = :email_claim, "
    "employee_id_claim = :employee_id_claim, groups_claim = :groups_claim, role_map = :role_map, "
    "default_role = :default_role, provisioning = :provisioning, version = version + 1, "
    "updated_at = :now WHERE tenant_id = :tenant_id AND id = :id AND version = :version";
constexpr std::string_view kDeleteIdentities =
    "DELETE FROM sso_identities WHERE tenant_id = :tenant_id AND idp_id = :id";
constexpr std::string_view kDeleteSessions =
    "DELETE FROM sso_sessions WHERE tenant_id = :tenant_id AND idp_id = :id";
constexpr std::string_view kDeleteMetadata =
    "DELETE FROM sso_idp_metadata WHERE tenant_id = :tenant_id AND idp_id = :id";
constexpr std::string_view kDelete =
    "DELETE FROM identity_providers WHERE tenant_id = :tenant_id AND id = :id";
constexpr std::string_view kTenantOfSlug = "SELECT id FROM tenants WHERE slug = :slug";

IdentityProvider from_row(const db::Row& r) {
  IdentityProvider p;
  p.tenant_id = db::text(r, "tenant_id");
  p.id = db::text(r, "id");
  p.slug = db::text(r, "slug");
  p.kind = db::text(r, "kind");
  p.display_name = db::text(r, "display_name");
  p.enabled = db::integer(r, "enabled") != 0;
  p.settings = json::parse(db::text(r, "settings"), nullptr, false);
  if (!p.settings.is_object()) p.settings = json::object();
  p.secret = db::opt_text(r, "secret");
  p.email_claim = db::text(r, "email_claim");
  p.employee_id_claim = db::opt_text(r, "employee_id_claim");
  p.groups_claim = db::opt_text(r, "groups_claim");
  p.role_map = json::parse(db::text(r, "role_map"), nullptr, false);
  if (!p.role_map.is_object()) p.role_map = json::object();
  p.default_role = db::text(r, "default_role");
  p.provisioning = db::text(r, "provisioning");
  p.version = db::integer(r, "version");
  p.created_at = db::text(r, "created_at");
  p.updated_at = db::text(r, "updated_at");
  return p;
}

std::vector<IdentityProvider> read(soci::session& sql, std::string_view where,
                                   std::initializer_list<db::Arg> args) {
  std::vector<IdentityProvider> out;
  auto rows = db::query(sql, std::string(kColumns).append(where), args);
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

// What the audit keeps: the row without its secret, and whether it changed.
json audited(const IdentityProvider& p) { return to_json(p); }

void slug_taken() {
  throw core::Conflict("another identity provider of the tenant has this slug", nullptr,
                       "slug_taken");
}

}  // namespace

std::vector<IdentityProvider> IdpStore::list() {
  return read(sql_, kList, {{"tenant_id", tenant_id_}});
}

std::vector<IdentityProvider> IdpStore::enabled() {
  return read(sql_, kEnabled, {{"tenant_id", tenant_id_}});
}

IdentityProvider IdpStore::get(const std::string& id) {
  auto found = read(sql_, kById, {{"tenant_id", tenant_id_}, {"id", id}});
  if (found.empty()) throw core::NotFound("no identity provider with id " + id);
  return found.front();
}

std::optional<IdentityProvider> IdpStore::by_slug(const std::string& slug) {
  auto found = read(sql_, kBySlug, {{"tenant_id", tenant_id_}, {"slug", slug}});
  if (found.empty()) return std::nullopt;
  return found.front();
}

IdentityProvider IdpStore::create(const core::AuthContext& who, const IdentityProvider& fields) {
  IdentityProvider p = fields;
  p.tenant_id = tenant_id_;
  p.id = core::new_id();
  p.version = 1;
  p.created_at = p.updated_at = core::now_iso();
  db::WriteTx tx(sql_);
  if (by_slug(p.slug)) slug_taken();
  try {
    db::execute(sql_, kInsert,
                {{"tenant_id", tenant_id_},
                 {"id", p.id},
                 {"slug", p.slug},
                 {"kind", p.kind},
                 {"display_name", p.display_name},
                 {"enabled", p.enabled ? 1 : 0},
                 {"settings", p.settings.dump()},
                 {"secret", p.secret},
                 {"email_claim", p.email_claim},
                 {"employee_id_claim", p.employee_id_claim},
                 {"groups_claim", p.groups_claim},
                 {"role_map", p.role_map.dump()},
                 {"default_role", p.default_role},
                 {"provisioning", p.provisioning},
                 {"now", p.created_at},
                 {"now2", p.updated_at}});
  } catch (const soci::soci_error& e) {
    db::map_constraint(e, {{"identity_providers_slug_uq", "identity_providers.slug", slug_taken}});
    throw;
  }
  audit::record(sql_, tenant_id_, &who, "identity_provider", p.id, "create", nullptr, audited(p));
  tx.commit();
  return p;
}

IdentityProvider IdpStore::update(const core::AuthContext& who, const IdentityProvider& changed,
                                  long long expected_version) {
  return update(&who, changed, expected_version);
}

IdentityProvider IdpStore::update(const core::AuthContext* who, const IdentityProvider& changed,
                                  long long expected_version) {
  return kit::versioned_update<IdentityProvider>(
      sql_, tenant_id_, who, "identity_provider", changed.id, expected_version,
      [&] { return get(changed.id); },
      [&](long long version) {
        auto other = by_slug(changed.slug);
        if (other && other->id != changed.id) slug_taken();
        return db::execute(sql_, kUpdate,
                           {{"slug", changed.slug},
                            {"display_name", changed.display_name},
                            {"enabled", changed.enabled ? 1 : 0},
                            {"settings", changed.settings.dump()},
                            {"secret", changed.secret},
                            {"email_claim", changed.email_claim},
                            {"employee_id_claim", changed.employee_id_claim},
                            {"groups_claim", changed.groups_claim},
                            {"role_map", changed.role_map.dump()},
                            {"default_role", changed.default_role},
                            {"provisioning", changed.provisioning},
                            {"now", core::now_iso()},
                            {"tenant_id", tenant_id_},
                            {"id", changed.id},
                            {"version", version}});
      },
      audited);
}

void IdpStore::remove(const core::AuthContext& who, const std::string& id) {
  db::WriteTx tx(sql_);
  auto before = get(id);
  // The links go with the provider: people and their logins stay.
  db::execute(sql_, kDeleteIdentities, {{"tenant_id", tenant_id_}, {"id", id}});
  db::execute(sql_, kDeleteSessions, {{"tenant_id", tenant_id_}, {"id", id}});
  db::execute(sql_, kDeleteMetadata, {{"tenant_id", tenant_id_}, {"id", id}});
  delete_sp_key_rollover(sql_, tenant_id_, id);
  db::execute(sql_, kDelete, {{"tenant_id", tenant_id_}, {"id", id}});
  audit::record(sql_, tenant_id_, &who, "identity_provider", id, "delete", audited(before),
                nullptr);
  tx.commit();
}

std::optional<std::string> tenant_of_slug(soci::session& sql, const std::string& tenant_slug) {
  auto rows = db::query(sql, kTenantOfSlug, {{"slug", tenant_slug}});
  for (const auto& r : rows) return db::text(r, "id");
  return std::nullopt;
}

}  // namespace sso
