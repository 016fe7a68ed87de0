#include "programmes/umbrella_store.hpp"

#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"

namespace programmes {
namespace {

using nlohmann::json;

constexpr std::string_view kKind = "SELECT kind FROM tenants WHERE id = :id";
constexpr std::string_view kMembershipColumns =
    "SELECT m.umbrella_tenant_id, u.name AS umbrella_name, m.member_tenant_id, "
    "t.name AS member_name, m.joined_at, m.joined_by FROM umbrella_members m "
    "JOIN tenants u ON u.id = m.umbrella_tenant_id JOIN tenants t ON t.id = m.member_tenant_id ";
constexpr std::string_view kJoined = "WHERE m.member_tenant_id = :tenant_id ORDER BY u.name";
constexpr std::string_view kMembers = "WHERE m.umbrella_tenant_id = :tenant_id ORDER BY t.name";
constexpr std::string_view kOne =
    "WHERE m.umbrella_tenant_id = :umbrella_id AND m.member_tenant_id = :member_id";
constexpr std::string_view kInsertMember =
    "INSERT INTO umbrella_members (umbrella_tenant_id, member_tenant_id, joined_at, joined_by) "
    "VALUES (:umbrella_id, :member_id, :joined_at, :joined_by)";
constexpr std::string_view kDeleteMember =
    "DELETE FROM umbrella_members WHERE umbrella_tenant_id = :umbrella_id AND "
    "member_tenant_id = :member_id";
// The member's projects leave every programme of the umbrella with it.
constexpr std::string_view kDetachTracks =
    "DELETE FROM programme_project_tracks WHERE tenant_id = :umbrella_id AND project_id IN "
    "(SELECT project_id FROM programme_projects WHERE tenant_id = :umbrella_id2 AND "
    "project_tenant_id = :member_id)";
constexpr std::string_view kDetachProjects =
    "DELETE FROM programme_projects WHERE tenant_id = :umbrella_id AND "
    "project_tenant_id = :member_id";
constexpr std::string_view kCodeOwner =
    "SELECT tenant_id FROM umbrella_join_codes WHERE code_hash = :code_hash";
constexpr std::string_view kCodeCreated =
    "SELECT created_at FROM umbrella_join_codes WHERE tenant_id = :tenant_id";
constexpr std::string_view kDeleteCode =
    "DELETE FROM umbrella_join_codes WHERE tenant_id = :tenant_id";
constexpr std::string_view kInsertCode =
    "INSERT INTO umbrella_join_codes (tenant_id, code_hash, created_at) VALUES (:tenant_id, "
    ":code_hash, :created_at)";

Membership from_row(const soci::row& r) {
  return {db::text(r, "umbrella_tenant_id"), db::text(r, "umbrella_name"),
          db::text(r, "member_tenant_id"),   db::text(r, "member_name"),
          db::text(r, "joined_at"),          db::opt_text(r, "joined_by")};
}

}  // namespace

json to_json(const Membership& m) {
  return {{"umbrella", {{"id", m.umbrella_id}, {"name", m.umbrella_name}}},
          {"member", {{"id", m.member_id}, {"name", m.member_name}}},
          {"joined_at", m.joined_at},
          {"joined_by", m.joined_by ? json(*m.joined_by) : json()}};
}

bool UmbrellaStore::is_umbrella() {
  std::string kind;
  sql_ << kKind, soci::use(tenant_id_, "id"), soci::into(kind);
  return kind == "umbrella";
}

std::vector<Membership> UmbrellaStore::joined() {
  std::vector<Membership> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << std::string(kMembershipColumns) + std::string(kJoined),
       soci::use(tenant_id_, "tenant_id"));
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

std::vector<Membership> UmbrellaStore::members() {
  std::vector<Membership> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << std::string(kMembershipColumns) + std::string(kMembers),
       soci::use(tenant_id_, "tenant_id"));
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

std::optional<Membership> UmbrellaStore::find(const std::string& umbrella_id,
                                              const std::string& member_id) {
  soci::rowset<soci::row> rows =
      (sql_.prepare << std::string(kMembershipColumns) + std::string(kOne),
       soci::use(umbrella_id, "umbrella_id"), soci::use(member_id, "member_id"));
  for (const auto& r : rows) return from_row(r);
  return std::nullopt;
}

std::string UmbrellaStore::new_join_code(const core::AuthContext* who) {
  if (!is_umbrella()) {
    throw core::Forbidden("only an umbrella organisation hands out join codes");
  }
  std::string code = core::random_token(15);
  std::string hash = core::sha256_hex(code);
  std::string now = core::now_iso();
  db::WriteTx tx(sql_);
  auto before = join_code_created_at();
  sql_ << kDeleteCode, soci::use(tenant_id_, "tenant_id");
  sql_ << kInsertCode, soci::use(tenant_id_, "tenant_id"), soci::use(hash, "code_hash"),
      soci::use(now, "created_at");
  audit::record(sql_, tenant_id_, who, "join_code", tenant_id_, before ? "update" : "create",
                before ? json{{"created_at", *before}} : json(), json{{"created_at", now}});
  tx.commit();
  return code;
}

std::optional<std::string> UmbrellaStore::join_code_created_at() {
  soci::rowset<soci::row> rows = (sql_.prepare << kCodeCreated, soci::use(tenant_id_, "tenant_id"));
  for (const auto& r : rows) return db::text(r, "created_at");
  return std::nullopt;
}

void UmbrellaStore::revoke_join_code(const core::AuthContext* who) {
  db::WriteTx tx(sql_);
  auto before = join_code_created_at();
  if (!before) throw core::NotFound("there is no join code to revoke");
  sql_ << kDeleteCode, soci::use(tenant_id_, "tenant_id");
  audit::record(sql_, tenant_id_, who, "join_code", tenant_id_, "delete",
                json{{"created_at", *before}}, nullptr);
  tx.commit();
}

Membership UmbrellaStore::join(const core::AuthContext* who, const std::string& code) {
  std::string hash = core::sha256_hex(code);
  db::WriteTx tx(sql_);
  std::optional<std::string> umbrella_id;
  {
    soci::rowset<soci::row> rows = (sql_.prepare << kCodeOwner, soci::use(hash, "code_hash"));
    for (const auto& r : rows) umbrella_id = db::text(r, "tenant_id");
  }
  if (!umbrella_id) throw core::ValidationError("join_code", "is not a valid join code");
  if (*umbrella_id == tenant_id_) {
    throw core::ValidationError("join_code", "is your own organisation's code");
  }
  if (auto existing = find(*umbrella_id, tenant_id_)) {
    throw core::Conflict("your organisation is already a member", to_json(*existing));
  }
  std::string now = core::now_iso();
  db::NullableText by(who ? std::optional<std::string>(who->name) : std::nullopt);
  sql_ << kInsertMember, soci::use(*umbrella_id, "umbrella_id"), soci::use(tenant_id_, "member_id"),
      soci::use(now, "joined_at"), soci::use(by.value, by.ind, "joined_by");
  Membership m = *find(*umbrella_id, tenant_id_);
  json after = {{"umbrella", m.umbrella_name}, {"member", m.member_name}};
  audit::record(sql_, tenant_id_, who, "umbrella_member", m.umbrella_id, "create", nullptr, after);
  audit::record(sql_, m.umbrella_id, who, "umbrella_member", m.member_id, "create", nullptr, after);
  tx.commit();
  return m;
}

void UmbrellaStore::end_membership(const core::AuthContext* who, const Membership& m) {
  sql_ << kDetachTracks, soci::use(m.umbrella_id, "umbrella_id"),
      soci::use(m.umbrella_id, "umbrella_id2"), soci::use(m.member_id, "member_id");
  sql_ << kDetachProjects, soci::use(m.umbrella_id, "umbrella_id"),
      soci::use(m.member_id, "member_id");
  sql_ << kDeleteMember, soci::use(m.umbrella_id, "umbrella_id"),
      soci::use(m.member_id, "member_id");
  json before = {{"umbrella", m.umbrella_name}, {"member", m.member_name}};
  audit::record(sql_, m.member_id, who, "umbrella_member", m.umbrella_id, "delete", before,
                nullptr);
  audit::record(sql_, m.umbrella_id, who, "umbrella_member", m.member_id, "delete", before,
                nullptr);
}

void UmbrellaStore::leave(const core::AuthContext* who, const std::string& umbrella_id) {
  db::WriteTx tx(sql_);
  auto m = find(umbrella_id, tenant_id_);
  if (!m) throw core::NotFound("your organisation is not a member of " + umbrella_id);
  end_membership(who, *m);
  tx.commit();
}

void UmbrellaStore::remove_member(const core::AuthContext* who, const std::string& member_id) {
  db::WriteTx tx(sql_);
  auto m = find(tenant_id_, member_id);
  if (!m) throw core::NotFound("no member organisation with id " + member_id);
  end_membership(who, *m);
  tx.commit();
}

}  // namespace programmes
