// Decisions of a project: phase gates (recorded with the move) and other decisions.
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "projects/project_store.hpp"
#include "web/i18n.hpp"

namespace projects {
namespace {

using nlohmann::json;

constexpr std::string_view kInsertDecision =
    "INSERT INTO decisions (tenant_id, id, project_id, kind, decided_on, decided_by, text, "
    "from_phase, to_phase, links, meeting_id, created_by, created_at) VALUES (:tenant_id, :id, "
    ":project_id, :kind, :decided_on, :decided_by, :text, :from_phase, :to_phase, :links, "
    ":meeting_id, :created_by, :created_at)";
constexpr std::string_view kSelectDecisions =
    "SELECT id, kind, decided_on, decided_by, text, from_phase, to_phase, links, meeting_id, "
    "created_at "
    "FROM decisions WHERE tenant_id = :tenant_id AND project_id = :project_id "
    "ORDER BY decided_on DESC, id DESC";

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(); }

}  // namespace

json ProjectStore::insert_decision(const core::AuthContext* who, const std::string& project_id,
                                   const std::string& kind, const GateDecision& d,
                                   const std::optional<std::string>& from_phase) {
  std::string id = core::new_id();
  std::string now = core::now_iso();
  std::string links = json(d.links).dump();
  std::optional<std::string> created_by;
  if (who != nullptr) created_by = who->person_id;
  std::optional<std::string> to;
  if (!d.to_phase.empty()) to = d.to_phase;
  db::execute(sql_, kInsertDecision,
              {{"tenant_id", tenant_id_},
               {"id", id},
               {"project_id", project_id},
               {"kind", kind},
               {"decided_on", d.decided_on},
               {"decided_by", d.decided_by},
               {"text", d.text},
               {"from_phase", from_phase},
               {"to_phase", to},
               {"links", links},
               {"meeting_id", d.meeting_id},
               {"created_by", created_by},
               {"created_at", now}});
  touch(project_id, now);
  // The answer names the deciding body in the writer's language, as the list does.
  std::string locale = who != nullptr && !who->person_locale.empty() ? who->person_locale
                       : who != nullptr                              ? who->tenant_locale
                                                                     : "da";
  json row = {{"id", id},
              {"kind", kind},
              {"decided_on", d.decided_on},
              {"decided_by", web::stored_text(locale, d.decided_by, "decision_body_")},
              {"text", d.text},
              {"from_phase", from_phase ? json(*from_phase) : json()},
              {"to_phase", d.to_phase.empty() ? json() : json(d.to_phase)},
              {"links", d.links},
              {"meeting_id", opt(d.meeting_id)},
              {"created_at", now}};
  json audited = {{"project_id", project_id}, {"kind", kind}, {"text", d.text}};
  if (d.meeting_id) audited["meeting_id"] = *d.meeting_id;
  audit::record(sql_, tenant_id_, who, "decision", id, "create", nullptr, audited);
  return row;
}

json ProjectStore::record_decision(const core::AuthContext* who, const std::string& project_id,
                                   const GateDecision& d) {
  if (d.text.empty()) throw core::ValidationError("decision", "is required");
  db::WriteTx tx(sql_);
  get(project_id);
  auto row = insert_decision(who, project_id, "decision", d, std::nullopt);
  tx.commit();
  return row;
}

json ProjectStore::decisions(const std::string& project_id, const std::string& kind,
                             const std::string& locale) {
  get(project_id);
  json items = json::array();
  auto rows =
      db::query(sql_, kSelectDecisions, {{"tenant_id", tenant_id_}, {"project_id", project_id}});
  for (const auto& r : rows) {
    if (!kind.empty() && db::text(r, "kind") != kind) continue;
    items.push_back(
        {{"id", db::text(r, "id")},
         {"kind", db::text(r, "kind")},
         {"decided_on", db::text(r, "decided_on")},
         {"decided_by", web::stored_text(locale, db::text(r, "decided_by"), "decision_body_")},
         {"text", web::stored_text(locale, db::text(r, "text"), "decision_")},
         {"from_phase", opt(db::opt_text(r, "from_phase"))},
         {"to_phase", opt(db::opt_text(r, "to_phase"))},
         {"links", json::parse(db::text(r, "links"), nullptr, false)},
         {"meeting_id", opt(db::opt_text(r, "meeting_id"))},
         {"created_at", db::text(r, "created_at")}});
  }
  return items;
}

}  // namespace projects
