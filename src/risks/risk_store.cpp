#include "risks/risk_store.hpp"

#include <cstdint>
#include <string_view>

#include "actions/action_store.hpp"
#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/found.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "kit/authored.hpp"
#include "kit/store_rows.hpp"
#include "kit/versioned.hpp"
#include "org/person_store.hpp"
#include "projects/project_store.hpp"

namespace risks {
namespace {

using nlohmann::json;

const db::Columns<Risk>& columns() {
  static const auto c = risk_fields()
                            .columns("risks")
                            .integer("probability_after", &Risk::probability_after)
                            .integer("consequence_after", &Risk::consequence_after)
                            .json("linked_actions", &Risk::linked_actions)
                            .bound("created_by");
  return c;
}

// With the owner's name, the tenant's bands and its clock (for overdue reviews).
const std::string kSelect = columns().select_joined(
    "r",
    "p.name AS owner_name, t.risk_low_max AS low_max, "
    "t.risk_high_min AS high_min, t.time_zone AS time_zone",
    "JOIN tenants t ON t.id = r.tenant_id "
    "LEFT JOIN people p ON p.tenant_id = r.tenant_id AND p.id = r.owner_id");
const std::string kSelectOfProject = kSelect + " AND r.project_id = :project_id ORDER BY r.id";
// The score the card ranks by: after mitigation when both are given (risks::shown_score).
const std::string kSelectTop =
    kSelect +
    " AND r.project_id = :project_id AND r.status = 'open' ORDER BY CASE WHEN "
    "r.probability_after IS NOT NULL AND r.consequence_after IS NOT NULL THEN "
    "r.probability_after * r.consequence_after ELSE r.probability * r.consequence END DESC, "
    "r.id LIMIT :limit";
constexpr std::string_view kCountOverdue =
    "SELECT COUNT(*) AS overdue FROM risks WHERE tenant_id = :tenant_id AND project_id = "
    ":project_id AND status = 'open' AND next_review <> '' AND next_review < :today";
const std::string kSelectPage =
    kSelect + " AND r.project_id = :project_id AND r.id > :after ORDER BY r.id LIMIT :lim";
const std::string kSelectOfTenant = kSelect + " ORDER BY r.id";
const std::string kSelectOne = kSelect + " AND r.id = :id";
constexpr std::string_view kBands =
    "SELECT risk_low_max, risk_high_min FROM tenants WHERE id = :tenant_id";
constexpr std::string_view kAudit =
    "SELECT at, actor_name, action, changes FROM audit_log WHERE tenant_id = :tenant_id "
    "AND entity = 'risk' AND entity_id = :id ORDER BY id";

const std::vector<std::string> kScoreFields = {"probability", "consequence", "probability_after",
                                               "consequence_after"};

Risk from_row(const db::Row& row) {
  Risk r = kit::read_joined(columns(), row, {{"owner_name", &Risk::owner_name}});
  r.bands = {db::integer(row, "low_max"), db::integer(row, "high_min")};
  r.today = core::local_today(db::text(row, "time_zone"));
  return r;
}

std::vector<Risk> read_rows(const db::Rows& rows) { return kit::read_rows(rows, from_row); }

}  // namespace

json audited(const Risk& r) {
  return kit::without(to_json(r), {"owner_name", "band", "band_after", "review_overdue"});
}

std::vector<Risk> RiskStore::of_project(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  return of_project(projects::CheckedProject{project_id});
}

std::vector<Risk> RiskStore::of_project(const projects::CheckedProject& project) {
  const std::string& project_id = project.id;
  return read_rows(
      db::query(sql_, kSelectOfProject, {{"tenant_id", tenant_id_}, {"project_id", project_id}}));
}

RiskStore::Card RiskStore::card(const projects::CheckedProject& project, std::size_t rows) {
  Card card;
  card.top = read_rows(db::query(sql_, kSelectTop,
                                 {{"tenant_id", tenant_id_},
                                  {"project_id", project.id},
                                  {"limit", static_cast<std::int64_t>(rows)}}));
  if (card.top.empty()) return card;  // no open risk, none overdue
  // Overdue by the tenant's clock, which each row read carries.
  for (const auto& r : db::query(sql_, kCountOverdue,
                                 {{"tenant_id", tenant_id_},
                                  {"project_id", project.id},
                                  {"today", card.top.front().today}}))
    card.overdue = db::integer(r, "overdue");
  return card;
}

std::vector<Risk> RiskStore::list(const std::string& project_id, const http::Page& page) {
  return kit::project_page(sql_, kSelectPage, tenant_id_, project_id, page, from_row);
}

std::vector<Risk> RiskStore::of_tenant() {
  return read_rows(db::query(sql_, kSelectOfTenant, {{"tenant_id", tenant_id_}}));
}

Risk RiskStore::get(const std::string& id) {
  return core::found(
      read_rows(db::query(sql_, kSelectOne, {{"tenant_id", tenant_id_}, {"id", id}})), "risk", id);
}

void RiskStore::check_owner(const std::optional<std::string>& owner_id) {
  if (owner_id && !org::PersonStore(sql_, tenant_id_).exists(*owner_id))
    throw core::ValidationError("owner_id", core::Message{"risk_err_owner"});
}

Risk RiskStore::create(const core::AuthContext* who, const std::string& project_id,
                       const Risk& fields) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  check_owner(fields.owner_id);
  Risk r = fields;
  r.project_id = project_id;
  r.linked_actions = json::array();
  kit::stamp_new(r);
  kit::insert_authored(sql_, columns(), tenant_id_, who, r);
  auto stored = get(r.id);
  audit::record(sql_, tenant_id_, who, "risk", r.id, "create", nullptr, audited(stored));
  tx.commit();
  return stored;
}

Risk RiskStore::update(const core::AuthContext* who, const Risk& changed,
                       long long expected_version) {
  return kit::checked_update(
      sql_, columns(), tenant_id_, who, "risk", changed, expected_version,
      [&] { return get(changed.id); }, [&](const Risk& r) { check_owner(r.owner_id); }, audited,
      audited, core::Message{"err.stale", {{"entity", "risk"}}});
}

void RiskStore::remove(const core::AuthContext* who, const std::string& id) {
  kit::remove_row(
      sql_, tenant_id_, who, "risk", columns(), id, [&] { return get(id); }, audited);
}

json RiskStore::raise_action(const core::AuthContext* who, const Risk& risk,
                             std::optional<std::size_t> index) {
  std::string source = index ? "mitigation" : "occurred";
  std::string text;
  if (index) {
    if (*index >= risk.mitigations.size())
      throw core::ValidationError("mitigation", core::Message{"risk_err_no_mitigation"});
    text = risk.mitigations[*index];
  } else {
    if (risk.status != "occurred" || !risk.what_now)
      throw core::ValidationError("occurred", core::Message{"risk_err_not_occurred"});
    text = *risk.what_now;
  }
  for (const auto& l : risk.linked_actions)
    if (l.value("source", "") == source && l.value("text", "") == text)
      throw core::Conflict(core::Message{"risk_err_action_exists"}, l);
  db::WriteTx tx(sql_);
  actions::ActionFields fields;
  fields.task = core::utf8_prefix(text, actions::kTaskMax);
  fields.responsible_id = risk.owner_id;
  fields.effect = core::utf8_prefix(risk.title, actions::kTextMax);
  auto action = actions::ActionStore(sql_, tenant_id_).create(who, risk.project_id, fields);
  json link = {{"source", source}, {"text", text}, {"action_id", action.id}};
  Risk changed = risk;
  changed.linked_actions.push_back(link);
  update(who, changed, risk.version);
  tx.commit();
  return link;
}

Bands RiskStore::bands() {
  auto rows = db::query(sql_, kBands, {{"tenant_id", tenant_id_}});
  if (rows.empty()) return {};
  return {db::integer(rows[0], "risk_low_max"), db::integer(rows[0], "risk_high_min")};
}

std::vector<ScoreChange> RiskStore::score_history(const std::string& id) {
  std::vector<ScoreChange> out;
  for (const auto& row : db::query(sql_, kAudit, {{"tenant_id", tenant_id_}, {"id", id}})) {
    auto changes = json::parse(db::text(row, "changes"), nullptr, false);
    if (!changes.is_object()) continue;
    json scores = json::object();
    for (const auto& f : kScoreFields)
      if (changes.contains(f)) scores[f] = changes[f];
    if (scores.empty()) continue;
    out.push_back({db::text(row, "at"), db::text(row, "actor_name"), std::move(scores)});
  }
  return out;
}

}  // namespace risks
