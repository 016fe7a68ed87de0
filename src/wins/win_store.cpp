#include "wins/win_store.hpp"

#include <cstdint>
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/found.hpp"
#include "core/ids.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/keyset.hpp"
#include "db/write_tx.hpp"
#include "kit/authored.hpp"
#include "kit/store_rows.hpp"
#include "kit/versioned.hpp"
#include "kpis/kpi_store.hpp"
#include "projects/project_store.hpp"
#include "web/i18n.hpp"

namespace wins {
namespace {

// The message (an automatic win's text in every language) is read and bound apart.
const db::Columns<Win>& columns() {
  static const auto c = win_fields()
                            .columns("wins")
                            .bound("created_by")
                            .bound("message")
                            .text("source_key", &Win::source_key, db::Write::kOnce)
                            .text("created_at", &Win::created_at, db::Write::kOnce);
  return c;
}

const std::string kSelect = columns().select_joined("w", "w.message", "");
const std::string kSelectOfProject =
    kSelect + " AND project_id = :project_id ORDER BY happened_on DESC, id DESC";
// The card's newest rows, read by the index in order; the count reads the index alone (a
// COUNT(*) OVER () beside the rows would make SQLite read and sort every row first).
const std::string kSelectNewest = kSelectOfProject + " LIMIT :limit";
constexpr std::string_view kCountOfProject =
    "SELECT COUNT(*) AS wins FROM wins WHERE tenant_id = :tenant_id AND project_id = :project_id";
// Newest first, and the same order again after a cursor (the last row's date and id).
const std::string kSelectPage = kSelect + " AND project_id = :project_id AND " +
                                db::keyset_page("happened_on", "id", db::Order::kDescending);
const std::string kSelectOne = kSelect + " AND id = :id";
constexpr std::string_view kSourceTaken =
    "SELECT COUNT(*) FROM wins WHERE tenant_id = :tenant_id AND source_key = :source_key";
constexpr std::string_view kTenantLocale =
    "SELECT default_locale FROM tenants WHERE id = :tenant_id";

Win from_row(const db::Row& r) {
  Win w = columns().read(r);
  if (auto stored = db::opt_text(r, "message")) w.message = core::Message::from_stored(*stored);
  return w;
}

// Automatic wins are written once, in the tenant's default language.
std::string tenant_locale(soci::session& sql, const std::string& tenant_id) {
  auto rows = db::query(sql, kTenantLocale, {{"tenant_id", tenant_id}});
  std::string stored = rows.empty() ? "" : db::text(rows[0], "default_locale");
  return web::is_locale(stored) ? stored : std::string(web::kDefaultLocale);
}

}  // namespace

std::vector<Win> WinStore::of_project(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  return of_project(projects::CheckedProject{project_id});
}

std::vector<Win> WinStore::of_project(const projects::CheckedProject& project) {
  const std::string& project_id = project.id;
  return kit::read_rows(
      db::query(sql_, kSelectOfProject, {{"tenant_id", tenant_id_}, {"project_id", project_id}}),
      from_row);
}

WinStore::Card WinStore::card(const projects::CheckedProject& project, std::size_t rows) {
  Card card;
  for (const auto& r :
       db::query(sql_, kCountOfProject, {{"tenant_id", tenant_id_}, {"project_id", project.id}}))
    card.count = db::integer(r, "wins");
  card.newest = kit::read_rows(db::query(sql_, kSelectNewest,
                                         {{"tenant_id", tenant_id_},
                                          {"project_id", project.id},
                                          {"limit", static_cast<std::int64_t>(rows)}}),
                               from_row);
  return card;
}

std::vector<Win> WinStore::list(const std::string& project_id, const http::Page& page) {
  return kit::project_keyset_page(sql_, kSelectPage, tenant_id_, project_id, page, from_row);
}

Win WinStore::get(const std::string& id) {
  return core::found(
      kit::read_rows(db::query(sql_, kSelectOne, {{"tenant_id", tenant_id_}, {"id", id}}),
                     from_row),
      "win", id);
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
  auto message = w.message ? std::optional(w.message->stored()) : std::nullopt;
  kit::insert_authored(sql_, columns(), tenant_id_, who, w, {{"message", message}});
  audit::record(sql_, tenant_id_, who, "win", w.id, "create", nullptr, to_json(w));
  return w;
}

Win WinStore::create(const core::AuthContext* who, const std::string& project_id, const Win& win) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  auto w = insert(who, project_id, win, std::nullopt);
  tx.commit();
  return w;
}

Win WinStore::update(const core::AuthContext* who, const Win& changed, long long expected_version) {
  return kit::versioned_update<Win>(
      sql_, tenant_id_, who, "win", changed.id, expected_version, [&] { return get(changed.id); },
      [&](long long version) {
        Win row = changed;
        if (row.happened_on.empty())
          row.happened_on = who ? who->today() : core::nordic_local_today();
        return db::execute(sql_, columns().update_sql(),
                           columns().args(row, {{"tenant_id", tenant_id_}, {"expected", version}}));
      },
      [](const Win& w) { return to_json(w); });
}

void WinStore::remove(const core::AuthContext* who, const std::string& id) {
  kit::remove_row(
      sql_, tenant_id_, who, "win", columns(), id, [&] { return get(id); },
      [](const Win& w) { return to_json(w); });
}

std::optional<Win> WinStore::record_once(const core::AuthContext* who,
                                         const std::string& project_id, const Win& win,
                                         const std::string& source_key) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  if (db::scalar(sql_, kSourceTaken, {{"tenant_id", tenant_id_}, {"source_key", source_key}}) > 0)
    return std::nullopt;
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
