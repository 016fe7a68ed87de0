#include "programmes/umbrella_store.hpp"

#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/write_tx.hpp"

namespace programmes {
namespace {

using nlohmann::json;

constexpr std::string_view kKind = "SELECT kind FROM tenants WHERE id = :id";
// A membership's columns; the two organisations' names are joined to it for reading.
const db::Columns<Membership>& columns() {
  static const auto c = db::Columns<Membership>("umbrella_members")
                            .text("umbrella_tenant_id", &Membership::umbrella_id)
                            .read_only("umbrella_name", &Membership::umbrella_name)
                            .text("member_tenant_id", &Membership::member_id)
                            .read_only("member_name", &Membership::member_name)
                            .text("joined_at", &Membership::joined_at)
                            .text("joined_by", &Membership::joined_by);
  return c;
}

const std::string kSelect =
    "SELECT m.umbrella_tenant_id, u.name AS umbrella_name, m.member_tenant_id, "
    "t.name AS member_name, m.joined_at, m.joined_by FROM umbrella_members m "
    "JOIN tenants u ON u.id = m.umbrella_tenant_id JOIN tenants t ON t.id = m.member_tenant_id ";
const std::string kJoined = kSelect + "WHERE m.member_tenant_id = :tenant_id ORDER BY u.name";
const std::string kMembers = kSelect + "WHERE m.umbrella_tenant_id = :tenant_id ORDER BY t.name";
const std::string kOne = kSelect +
                         "WHERE m.umbrella_tenant_id = :umbrella_tenant_id AND "
                         "m.member_tenant_id = :member_tenant_id";
constexpr std::string_view kDeleteMember =
    "DELETE FROM umbrella_members WHERE umbrella_tenant_id = :umbrella_id AND "
    "member_tenant_id = :member_id";
// The member's projects leave every programme of the umbrella with it.
constexpr std::string_view kDetachTracks =
    "DELETE FROM programme_project_tracks WHERE tenant_id = :umbrella_id AND project_id IN "
    "(SELECT project_id FROM programme_projects WHERE tenant_id = :umbrella_id AND "
    "project_tenant_id = :member_id)";
constexpr std::string_view kDetachProjects =
    "DELETE FROM programme_projects WHERE tenant_id = :umbrella_id AND "
    "project_tenant_id = :member_id";
constexpr std::string_view kCodeOwner =
    "SELECT tenant_id FROM umbrella_join_codes WHERE code_hash = :code_hash";

// An umbrella's one live join code, kept as its hash.
struct JoinCode {
  std::string code_hash;
  std::string created_at;
};

const db::Columns<JoinCode>& code_columns() {
  static const auto c = db::Columns<JoinCode>("umbrella_join_codes", {"tenant_id"})
                            .text("code_hash", &JoinCode::code_hash)
                            .text("created_at", &JoinCode::created_at);
  return c;
}

}  // namespace

json to_json(const Membership& m) {
  return {{"umbrella", {{"id", m.umbrella_id}, {"name", m.umbrella_name}}},
          {"member", {{"id", m.member_id}, {"name", m.member_name}}},
          {"joined_at", m.joined_at},
          {"joined_by", m.joined_by ? json(*m.joined_by) : json()}};
}

bool UmbrellaStore::is_umbrella() {
  auto rows = db::query(sql_, kKind, {{"id", tenant_id_}});
  return !rows.empty() && db::text(rows[0], "kind") == "umbrella";
}

std::vector<Membership> UmbrellaStore::joined() {
  return columns().read_all(db::query(sql_, kJoined, {{"tenant_id", tenant_id_}}));
}

std::vector<Membership> UmbrellaStore::members() {
  return columns().read_all(db::query(sql_, kMembers, {{"tenant_id", tenant_id_}}));
}

std::optional<Membership> UmbrellaStore::find(const std::string& umbrella_id,
                                              const std::string& member_id) {
  return columns().read_first(db::query(
      sql_, kOne, {{"umbrella_tenant_id", umbrella_id}, {"member_tenant_id", member_id}}));
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
  db::execute(sql_, code_columns().delete_sql(), {{"tenant_id", tenant_id_}});
  db::execute(sql_, code_columns().insert_sql(),
              code_columns().args({hash, now}, {{"tenant_id", tenant_id_}}));
  audit::record(sql_, tenant_id_, who, "join_code", tenant_id_, before ? "update" : "create",
                before ? json{{"created_at", *before}} : json(), json{{"created_at", now}});
  tx.commit();
  return code;
}

std::optional<std::string> UmbrellaStore::join_code_created_at() {
  auto code = code_columns().read_first(
      db::query(sql_, code_columns().select_sql(), {{"tenant_id", tenant_id_}}));
  if (!code) return std::nullopt;
  return code->created_at;
}

void UmbrellaStore::revoke_join_code(const core::AuthContext* who) {
  db::WriteTx tx(sql_);
  auto before = join_code_created_at();
  if (!before) throw core::NotFound("there is no join code to revoke");
  db::execute(sql_, code_columns().delete_sql(), {{"tenant_id", tenant_id_}});
  audit::record(sql_, tenant_id_, who, "join_code", tenant_id_, "delete",
                json{{"created_at", *before}}, nullptr);
  tx.commit();
}

Membership UmbrellaStore::join(const core::AuthContext* who, const std::string& code) {
  std::string hash = core::sha256_hex(code);
  db::WriteTx tx(sql_);
  std::optional<std::string> umbrella_id;
  for (const auto& r : db::query(sql_, kCodeOwner, {{"code_hash", hash}}))
    umbrella_id = db::text(r, "tenant_id");
  if (!umbrella_id) throw core::ValidationError("join_code", "is not a valid join code");
  if (*umbrella_id == tenant_id_) {
    throw core::ValidationError("join_code", "is your own organisation's code");
  }
  if (auto existing = find(*umbrella_id, tenant_id_)) {
    throw core::Conflict("your organisation is already a member", to_json(*existing));
  }
  Membership joining{*umbrella_id, "", tenant_id_, "", core::now_iso(), std::nullopt};
  if (who) joining.joined_by = who->name;
  db::execute(sql_, columns().insert_sql(), columns().args(joining));
  Membership m = *find(*umbrella_id, tenant_id_);
  json after = {{"umbrella", m.umbrella_name}, {"member", m.member_name}};
  audit::record(sql_, tenant_id_, who, "umbrella_member", m.umbrella_id, "create", nullptr, after);
  audit::record(sql_, m.umbrella_id, who, "umbrella_member", m.member_id, "create", nullptr, after);
  tx.commit();
  return m;
}

void UmbrellaStore::end_membership(const core::AuthContext* who, const std::string& umbrella_id,
                                   const std::string& member_id, const std::string& not_found) {
  db::WriteTx tx(sql_);
  auto m = find(umbrella_id, member_id);
  if (!m) throw core::NotFound(not_found);
  for (auto statement : {kDetachTracks, kDetachProjects, kDeleteMember})
    db::execute(sql_, statement, {{"umbrella_id", m->umbrella_id}, {"member_id", m->member_id}});
  json before = {{"umbrella", m->umbrella_name}, {"member", m->member_name}};
  audit::record(sql_, m->member_id, who, "umbrella_member", m->umbrella_id, "delete", before,
                nullptr);
  audit::record(sql_, m->umbrella_id, who, "umbrella_member", m->member_id, "delete", before,
                nullptr);
  tx.commit();
}

void UmbrellaStore::leave(const core::AuthContext* who, const std::string& umbrella_id) {
  end_membership(who, umbrella_id, tenant_id_,
                 "your organisation is not a member of " + umbrella_id);
}

void UmbrellaStore::remove_member(const core::AuthContext* who, const std::string& member_id) {
  end_membership(who, tenant_id_, member_id, "no member organisation with id " + member_id);
}

}  // namespace programmes
