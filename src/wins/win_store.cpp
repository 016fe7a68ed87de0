#include "wins/win_store.hpp"

#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "db/row.hpp"
#include "db/write_tx.hpp"
#include "kit/versioned.hpp"
#include "kpis/kpi_store.hpp"
#include "projects/project_store.hpp"
#include "web/i18n.hpp"

namespace wins {
namespace {

constexpr std::string_view kSelect =
    "SELECT id, project_id, kind, text, happened_on, link, source_key, created_at, version, "
    "message "
    "FROM wins WHERE tenant_id = :tenant_id AND ";
// Newest first, and the same order again after a cursor (the last row's date and id).
constexpr std::string_view kPage =
    "project_id = :project_id AND (:from_start = 1 OR happened_on < :after_key OR "
    "(happened_on = :same_key AND id < :after_id)) ORDER BY happened_on DESC, id DESC "
    "LIMIT :limit";
constexpr std::string_view kUpdate =
    "UPDATE wins SET kind = :kind, text = :text, happened_on = :happened_on, link = :link, "
    "version = version + 1 WHERE tenant_id = :tenant_id AND id = :id AND version = :version";
constexpr std::string_view kInsert =
    "INSERT INTO wins (tenant_id, id, project_id, kind, text, happened_on, link, source_key, "
    "created_by, created_at, message) VALUES (:tenant_id, :id, :project_id, :kind, :text, "
    ":happened_on, :link, :source_key, :created_by, :created_at, :message)";
constexpr std::string_view kDelete = "DELETE FROM wins WHERE tenant_id = :tenant_id AND id = :id";
constexpr std::string_view kSourceTaken =
    "SELECT COUNT(*) FROM wins WHERE tenant_id = :tenant_id AND source_key = :source_key";
constexpr std::string_view kTenantLocale =
    "SELECT default_locale FROM tenants WHERE id = :tenant_id";

Win from_row(const soci::row& r) {
  Win w;
  w.id = db::text(r, "id");
  w.project_id = db::text(r, "project_id");
  w.kind = db::text(r, "kind");
  w.text = db::text(r, "text");
  w.happened_on = db::text(r, "happened_on");
  w.link = db::opt_text(r, "link");
  w.source_key = db::opt_text(r, "source_key");
  w.created_at = db::text(r, "created_at");
  w.version = db::integer(r, "version");
  if (auto stored = db::opt_text(r, "message")) w.message = core::Message::from_stored(*stored);
  return w;
}

// Automatic wins are written once, in the tenant's default language.
std::string tenant_locale(soci::session& sql, const std::string& tenant_id) {
  std::string stored;
  sql << kTenantLocale, soci::use(tenant_id, "tenant_id"), soci::into(stored);
  return sql.got_data() && web::is_locale(stored) ? stored : std::string(web::kDefaultLocale);
}

}  // namespace

std::vector<Win> WinStore::of_project(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).get(project_id);
  std::string q =
      std::string(kSelect) + "project_id = :project_id ORDER BY happened_on DESC, id DESC";
  std::vector<Win> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << q, soci::use(tenant_id_, "tenant_id"), soci::use(project_id, "project_id"));
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

std::vector<Win> WinStore::list(const std::string& project_id, const http::Page& page) {
  std::string q = std::string(kSelect) + std::string(kPage);
  int from_start = page.after_key ? 0 : 1;
  std::string after_key = page.after_key.value_or("");
  int limit = page.limit + 1;
  std::vector<Win> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << q, soci::use(tenant_id_, "tenant_id"), soci::use(project_id, "project_id"),
       soci::use(from_start, "from_start"), soci::use(after_key, "after_key"),
       soci::use(after_key, "same_key"), soci::use(page.after, "after_id"),
       soci::use(limit, "limit"));
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

Win WinStore::get(const std::string& id) {
  std::string q = std::string(kSelect) + "id = :id";
  soci::rowset<soci::row> rows =
      (sql_.prepare << q, soci::use(tenant_id_, "tenant_id"), soci::use(id, "id"));
  for (const auto& r : rows) return from_row(r);
  throw core::NotFound("no win with id " + id);
}

Win WinStore::insert(const core::AuthContext* who, const std::string& project_id, const Win& in,
                     const std::optional<std::string>& source_key) {
  Win w;
  w.id = core::new_id();
  w.project_id = project_id;
  w.kind = in.kind;
  w.text = in.text;
  w.happened_on =
      in.happened_on.empty() ? (who ? who->today() : core::nordic_local_today()) : in.happened_on;
  w.link = in.link;
  w.source_key = source_key;
  w.message = in.message;
  w.created_at = core::now_iso();
  db::NullableText link(w.link), source(w.source_key);
  db::NullableText message(w.message ? std::optional(w.message->stored()) : std::nullopt);
  db::NullableText created_by(who ? std::optional<std::string>(who->person_id) : std::nullopt);
  sql_ << kInsert, soci::use(tenant_id_, "tenant_id"), soci::use(w.id, "id"),
      soci::use(w.project_id, "project_id"), soci::use(w.kind, "kind"), soci::use(w.text, "text"),
      soci::use(w.happened_on, "happened_on"), soci::use(link.value, link.ind, "link"),
      soci::use(source.value, source.ind, "source_key"),
      soci::use(created_by.value, created_by.ind, "created_by"),
      soci::use(w.created_at, "created_at"), soci::use(message.value, message.ind, "message");
  audit::record(sql_, tenant_id_, who, "win", w.id, "create", nullptr, to_json(w));
  return w;
}

Win WinStore::create(const core::AuthContext* who, const std::string& project_id, const Win& win) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).get(project_id);
  auto w = insert(who, project_id, win, std::nullopt);
  tx.commit();
  return w;
}

Win WinStore::update(const core::AuthContext* who, const Win& changed, long long expected_version) {
  return kit::versioned_update<Win>(
      sql_, tenant_id_, who, "win", changed.id, expected_version, [&] { return get(changed.id); },
      [&](long long version) {
        db::NullableText link(changed.link);
        std::string happened_on = changed.happened_on.empty()
                                      ? (who ? who->today() : core::nordic_local_today())
                                      : changed.happened_on;
        soci::statement st =
            (sql_.prepare << kUpdate, soci::use(changed.kind, "kind"),
             soci::use(changed.text, "text"), soci::use(happened_on, "happened_on"),
             soci::use(link.value, link.ind, "link"), soci::use(tenant_id_, "tenant_id"),
             soci::use(changed.id, "id"), soci::use(version, "version"));
        return kit::changed_rows(st);
      },
      [](const Win& w) { return to_json(w); });
}

void WinStore::remove(const core::AuthContext* who, const std::string& id) {
  db::WriteTx tx(sql_);
  Win before = get(id);
  sql_ << kDelete, soci::use(tenant_id_, "tenant_id"), soci::use(id, "id");
  audit::record(sql_, tenant_id_, who, "win", id, "delete", to_json(before), nullptr);
  tx.commit();
}

std::optional<Win> WinStore::record_once(const core::AuthContext* who,
                                         const std::string& project_id, const Win& win,
                                         const std::string& source_key) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).get(project_id);
  int taken = 0;
  sql_ << kSourceTaken, soci::use(tenant_id_, "tenant_id"), soci::use(source_key, "source_key"),
      soci::into(taken);
  if (taken > 0) return std::nullopt;
  auto w = insert(who, project_id, win, source_key);
  tx.commit();
  return w;
}

std::optional<Win> record_automatic_win(soci::session& sql, const std::string& tenant_id,
                                        const core::AuthContext* who, const std::string& project_id,
                                        const std::string& kind, const core::Message& message,
                                        const std::string& happened_on,
                                        const std::optional<std::string>& link,
                                        const std::string& source_key) {
  Win w;
  w.kind = kind;
  w.message = message;
  // The text in the tenant's language, for exports; readers get the message in theirs.
  w.text =
      core::utf8_prefix(web::render_message(tenant_locale(sql, tenant_id), message), kWinTextMax);
  w.happened_on = happened_on;
  w.link = link;
  return WinStore(sql, tenant_id).record_once(who, project_id, w, source_key);
}

std::optional<Win> check_kpi_target(soci::session& sql, const std::string& tenant_id,
                                    const core::AuthContext* who, const kpis::Kpi& kpi) {
  if (!kpi.target) return std::nullopt;
  auto last = kpis::KpiStore(sql, tenant_id).last(kpi.id);
  if (!last || !target_reached(kpi.direction, *kpi.target, last->value)) return std::nullopt;
  core::Message message{"win_auto_kpi_target",
                        {{"kpi", kpi.name},
                         {"value", last->value},
                         {"unit", kpi.unit.empty() ? "" : " " + kpi.unit},
                         {"period", last->period}}};
  return record_automatic_win(sql, tenant_id, who, kpi.project_id, "kpi_target_reached", message,
                              "", "/projects/" + kpi.project_id + "/kpis/" + kpi.id,
                              "kpi:" + kpi.id);
}

std::optional<Win> record_card_done(soci::session& sql, const std::string& tenant_id,
                                    const core::AuthContext* who, const std::string& project_id,
                                    const std::string& card_id, const std::string& card_text) {
  constexpr std::size_t kQuoted = 200;
  core::Message message{"win_auto_card_done", {{"card", core::utf8_shorten(card_text, kQuoted)}}};
  return record_automatic_win(sql, tenant_id, who, project_id, "card_done", message, "",
                              "/projects/" + project_id + "/kaizen/cards/" + card_id,
                              "card:" + card_id);
}

}  // namespace wins
