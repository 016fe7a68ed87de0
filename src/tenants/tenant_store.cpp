#include "tenants/tenant_store.hpp"

#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"

namespace tenants {
namespace {

constexpr std::string_view kSelectBySlug =
    "SELECT id, slug, name, kind, default_locale, version, created_at, updated_at FROM tenants "
    "WHERE slug = :slug";
constexpr std::string_view kSelectById =
    "SELECT id, slug, name, kind, default_locale, version, created_at, updated_at FROM tenants "
    "WHERE id = :id";
constexpr std::string_view kInsert =
    "INSERT INTO tenants (id, slug, name, kind, default_locale, version, created_at, updated_at) "
    "VALUES (:id, :slug, :name, :kind, :locale, 1, :created_at, :updated_at)";

Tenant from_row(const soci::row& r) {
  return {db::text(r, "id"),         db::text(r, "slug"),           db::text(r, "name"),
          db::text(r, "kind"),       db::text(r, "default_locale"), db::integer(r, "version"),
          db::text(r, "created_at"), db::text(r, "updated_at")};
}

}  // namespace

nlohmann::json to_json(const Tenant& t) {
  return {{"id", t.id},
          {"slug", t.slug},
          {"name", t.name},
          {"kind", t.kind},
          {"default_locale", t.default_locale},
          {"version", t.version},
          {"created_at", t.created_at},
          {"updated_at", t.updated_at}};
}

bool is_valid_slug(const std::string& slug) {
  if (slug.size() < 2 || slug.size() > 40) return false;
  for (char c : slug) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return slug.front() != '-' && slug.back() != '-';
}

std::optional<Tenant> TenantStore::find_by_slug(const std::string& slug) {
  soci::rowset<soci::row> rows = (sql_.prepare << kSelectBySlug, soci::use(slug, "slug"));
  for (const auto& r : rows) return from_row(r);
  return std::nullopt;
}

std::optional<Tenant> TenantStore::find(const std::string& id) {
  soci::rowset<soci::row> rows = (sql_.prepare << kSelectById, soci::use(id, "id"));
  for (const auto& r : rows) return from_row(r);
  return std::nullopt;
}

Tenant TenantStore::create(const std::string& slug, const std::string& name,
                           const std::string& kind, const std::string& default_locale) {
  std::map<std::string, std::string> errors;
  if (!is_valid_slug(slug)) errors["slug"] = "must be 2-40 lower-case letters, digits or dashes";
  if (name.empty() || name.size() > 200) errors["name"] = "must be 1-200 characters";
  if (kind != "municipality" && kind != "umbrella")
    errors["kind"] = "must be municipality or umbrella";
  if (default_locale != "da" && default_locale != "sv" && default_locale != "en")
    errors["default_locale"] = "must be one of: da, sv, en";
  if (!errors.empty()) throw core::ValidationError(errors);
  Tenant t{core::new_id(), slug, name, kind, default_locale, 1, core::now_iso(), ""};
  t.updated_at = t.created_at;
  db::WriteTx tx(sql_);
  if (find_by_slug(slug))
    throw core::Conflict("a tenant with slug '" + slug + "' exists", to_json(*find_by_slug(slug)));
  sql_ << kInsert, soci::use(t.id, "id"), soci::use(t.slug, "slug"), soci::use(t.name, "name"),
      soci::use(t.kind, "kind"), soci::use(t.default_locale, "locale"),
      soci::use(t.created_at, "created_at"), soci::use(t.updated_at, "updated_at");
  audit::record(sql_, t.id, nullptr, "tenant", t.id, "create", nullptr, to_json(t));
  tx.commit();
  return t;
}

}  // namespace tenants
