#include "privacy/personal_data_store.hpp"

#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/time.hpp"
#include "db/identity_version.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "privacy/places.hpp"

namespace privacy {
namespace {

using nlohmann::json;

constexpr std::string_view kPerson =
    "SELECT p.id, p.name, p.email, p.erased_at, a.id AS account_id, a.email AS login_email, "
    "s.user_name FROM people p "
    "LEFT JOIN accounts a ON a.tenant_id = p.tenant_id AND a.person_id = p.id "
    "LEFT JOIN scim_users s ON s.tenant_id = p.tenant_id AND s.person_id = p.id "
    "WHERE p.tenant_id = :tenant_id AND p.id = :id";
constexpr std::string_view kEraseProfile =
    "UPDATE people SET name = :pseudonym, email = NULL, title = NULL, active = 0, "
    "erased_at = :now, version = version + 1, updated_at = :now "
    "WHERE tenant_id = :tenant_id AND id = :person_id";
// The audit rows that could hold the person: theirs, about them, or naming them in a value.
constexpr std::string_view kAuditRows =
    "SELECT id, person_id, entity, entity_id, actor_name, changes FROM audit_log "
    "WHERE tenant_id = :tenant_id AND (person_id = :person_id OR entity_id = :person_id "
    "OR entity_id = :account_id OR changes LIKE :name_like OR LOWER(changes) LIKE :email_like "
    "OR LOWER(changes) LIKE :login_like OR LOWER(changes) LIKE :user_like OR actor_name = :name)";
// The person's single sign-on sessions: by the person column (migration 0049), and by the hash
// of the fremdrift session they started (sessions.token_hash) for rows written before it, so
// they go before those sessions do.
constexpr std::string_view kEraseSsoSessions =
    "DELETE FROM sso_sessions WHERE tenant_id = :tenant_id AND (person_id = :person_id OR "
    "session_hash IN (SELECT token_hash FROM sessions WHERE tenant_id = :tenant_id AND "
    "account_id = :account_id))";
constexpr std::string_view kRewriteAudit =
    "UPDATE audit_log SET actor_name = :actor_name, changes = :changes "
    "WHERE tenant_id = :tenant_id AND id = :id";

// A pattern LIKE never matches (a control character JSON always escapes), for a value too
// short to look for.
constexpr std::string_view kNever = "%\x1f%";

// `in_json`: as the text sits inside a stored JSON value (audit changes); else as written.
std::string like_of(const std::string& value, bool in_json = true) {
  if (value.size() < 3) return std::string(kNever);
  if (!in_json) return "%" + value + "%";
  auto escaped = json(value).dump();
  return "%" + escaped.substr(1, escaped.size() - 2) + "%";
}

std::string lower_like_of(std::string value, bool in_json = true) {
  for (auto& c : value)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return like_of(value, in_json);
}

std::vector<std::string> split_columns(std::string_view shown) {
  std::vector<std::string> out;
  std::stringstream in{std::string(shown)};
  for (std::string c; std::getline(in, c, ',');) {
    auto from = c.find_first_not_of(' ');
    out.push_back(c.substr(from));
  }
  return out;
}

json cell_json(const db::Rows& rows, std::size_t r, std::size_t c, const std::string& column) {
  const auto& cell = rows.at(r, c);
  switch (cell.kind) {
    case db::Cell::Kind::kNull:
      return nullptr;
    case db::Cell::Kind::kInteger:
      return cell.integer;
    case db::Cell::Kind::kReal:
      return cell.real;
    case db::Cell::Kind::kText: {
      std::string text(rows.text_of(cell));
      if (column == "changes") return json::parse(text, nullptr, false);
      return text;
    }
  }
  return nullptr;
}

}  // namespace

std::vector<Replacement> PersonalDataStore::names_of(const Subject& s) {
  // Names match in any ASCII case too: people type "lone hansen" as often as "Lone Hansen".
  return {{s.name, "", true}, {s.email, "", true}, {s.login_email, "", true}};
}

PersonalDataStore::Subject PersonalDataStore::subject(const std::string& person_id) {
  auto rows = db::query(sql_, kPerson, {{"tenant_id", tenant_id_}, {"id", person_id}});
  if (rows.empty()) throw core::NotFound("no such person");
  auto r = rows[0];
  return {db::text(r, "id"),
          db::text(r, "name"),
          db::opt_text(r, "email").value_or(""),
          db::opt_text(r, "account_id").value_or(""),
          db::opt_text(r, "login_email").value_or(""),
          db::opt_text(r, "user_name").value_or(""),
          db::opt_text(r, "erased_at").value_or("")};
}

std::vector<db::Arg> PersonalDataStore::place_args(const Subject& s,
                                                   std::initializer_list<db::Arg> more) const {
  std::vector<db::Arg> args = {
      {"tenant_id", tenant_id_},
      {"person_id", s.id},
      {"account_id", s.account_id},
      {"person_in_list", db::Arg::Value("%\"" + s.id + "\"%")},
      {"name", s.name},
      // No address is NULL, which matches no row (an empty text might).
      s.email.empty() ? db::Arg("email", std::nullopt) : db::Arg("email", s.email)};
  args.insert(args.end(), more);
  return args;
}

json PersonalDataStore::export_person(const std::string& person_id) {
  db::ReadTx tx(sql_);
  auto s = subject(person_id);
  json out = {{"person_id", s.id},
              {"name", s.name},
              {"erased_at", s.erased_at.empty() ? json() : json(s.erased_at)},
              {"generated_at", core::now_iso()},
              {"places", json::array()},
              {"mentions", json::array()}};
  auto names = names_of(s);
  for (const auto& p : places()) {
    auto columns = split_columns(p.shown);
    auto rows = db::query(sql_, select_sql(p),
                          place_args(s, {{"name_like", like_of(s.name, false)},
                                         {"name_lower", lower_like_of(s.name, false)},
                                         {"email_like", lower_like_of(s.email, false)},
                                         {"login_like", lower_like_of(s.login_email, false)}}));
    json items = json::array();
    for (std::size_t r = 0; r < rows.size(); ++r) {
      json item = json::object();
      for (std::size_t c = 0; c < columns.size(); ++c)
        item[columns[c]] = cell_json(rows, r, c, columns[c]);
      if (p.match == Match::kMention) {
        // LIKE differs between the engines in case; the excerpt decides, the same on both.
        auto excerpt =
            mention_excerpt(std::string(rows.text_of(rows.at(r, columns.size()))), names);
        if (!excerpt) continue;
        item["excerpt"] = *excerpt;
      }
      items.push_back(std::move(item));
    }
    if (items.empty()) continue;
    json place = {{"feature", p.feature}, {"table", p.table},        {"column", p.column},
                  {"data", p.data},       {"purpose", p.purpose},    {"kept", p.kept},
                  {"columns", columns},   {"rows", std::move(items)}};
    out[p.match == Match::kMention ? "mentions" : "places"].push_back(std::move(place));
  }
  return out;
}

void PersonalDataStore::rewrite_audit(const Subject& s, const std::string& alias) {
  std::vector<Replacement> with = {
      {s.name, alias}, {s.email, alias, true}, {s.login_email, alias, true}};
  with.push_back({s.provisioned_name, alias, true});
  auto rows = db::query(sql_, kAuditRows,
                        {{"tenant_id", tenant_id_},
                         {"person_id", s.id},
                         {"account_id", s.account_id.empty() ? std::string(kNever) : s.account_id},
                         {"name", s.name},
                         {"name_like", like_of(s.name)},
                         {"email_like", lower_like_of(s.email)},
                         {"login_like", lower_like_of(s.login_email)},
                         {"user_like", lower_like_of(s.provisioned_name)}});
  for (const auto& r : rows) {
    auto stored = db::text(r, "changes");
    auto changes = json::parse(stored, nullptr, false);
    if (changes.is_discarded()) continue;
    auto entity_id = db::text(r, "entity_id");
    auto entity = db::text(r, "entity");
    if (entity_id == s.id && entity == "person")
      changes = clear_fields(changes, {"email", "title"});
    if (!s.account_id.empty() && entity_id == s.account_id)
      changes = clear_fields(changes, {"email"});
    changes = replace_texts(changes, with);
    auto actor = db::opt_text(r, "actor_name").value_or("");
    if (db::opt_text(r, "person_id") == s.id || actor == s.name) actor = alias;
    db::execute(sql_, kRewriteAudit,
                {{"tenant_id", tenant_id_},
                 {"id", db::text(r, "id")},
                 {"actor_name", actor},
                 {"changes", changes.dump()}});
  }
}

std::string PersonalDataStore::erase(const core::AuthContext& who, const std::string& person_id,
                                     const std::string& label) {
  db::WriteTx tx(sql_);
  auto s = subject(person_id);
  if (!s.erased_at.empty()) throw core::Conflict("this person was erased before");
  // Another administrator does it: erasing oneself could leave the tenant without one.
  if (s.id == who.person_id) throw core::Forbidden("administrators cannot erase themselves");
  auto alias = pseudonym(label, s.id);
  auto now = core::now_iso();
  db::execute(sql_, kEraseSsoSessions,
              {{"tenant_id", tenant_id_}, {"person_id", s.id}, {"account_id", s.account_id}});
  for (const auto& p : places()) {
    auto statement = erase_sql(p);
    if (statement.empty()) continue;
    db::execute(sql_, statement, place_args(s, {{"pseudonym", alias}}));
  }
  db::execute(sql_, kEraseProfile,
              {{"tenant_id", tenant_id_}, {"person_id", s.id}, {"pseudonym", alias}, {"now", now}});
  rewrite_audit(s, alias);
  // The erasure's own entry says that it happened and to whom, never what was erased.
  audit::record(sql_, tenant_id_, &who, "person", s.id, "update", {{"erased", false}},
                {{"erased", true}, {"name", alias}});
  db::raise_identity_version(sql_, tenant_id_);
  tx.commit();
  return alias;
}

}  // namespace privacy
