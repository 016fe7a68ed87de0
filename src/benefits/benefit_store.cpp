#include "benefits/benefit_store.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/found.hpp"
#include "core/message.hpp"
#include "db/columns.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "kit/authored.hpp"
#include "kit/store_rows.hpp"
#include "kit/versioned.hpp"
#include "projects/project_store.hpp"
#include "projects/role_store.hpp"

namespace benefits {
namespace {

const db::Columns<Benefit>& columns() {
  static const auto c = benefit_fields().columns("benefits").bound("created_by");
  return c;
}

const std::string kSelectOfProject =
    columns().select_sql() + " AND project_id = :project_id ORDER BY target_date, title, id";
const std::string kSelectOne = columns().select_sql() + " AND id = :id";
constexpr std::string_view kPersonExists =
    "SELECT COUNT(*) FROM people WHERE tenant_id = :tenant_id AND id = :id";
constexpr std::string_view kKpisOfProject =
    "SELECT id FROM kpis WHERE tenant_id = :tenant_id AND project_id = :project_id";

// What was stored, without what is read with it.
nlohmann::json audited(const Benefit& b) { return kit::without(to_json(b), {"status", "kpis"}); }

}  // namespace

std::vector<Benefit> BenefitStore::of_project(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  return of_project(projects::CheckedProject{project_id});
}

std::vector<Benefit> BenefitStore::of_project(const projects::CheckedProject& project) {
  const std::string& project_id = project.id;
  auto out = columns().read_all(
      db::query(sql_, kSelectOfProject, {{"tenant_id", tenant_id_}, {"project_id", project_id}}));
  // Undated benefits after the dated ones: the plan reads as a timeline.
  std::stable_partition(out.begin(), out.end(),
                        [](const Benefit& b) { return !b.target_date.empty(); });
  return out;
}

Benefit BenefitStore::get(const std::string& id) {
  return core::found(
      columns().read_first(db::query(sql_, kSelectOne, {{"tenant_id", tenant_id_}, {"id", id}})),
      "benefit", id);
}

void BenefitStore::check_links(const Benefit& b) {
  std::map<std::string, std::string> fields;
  std::map<std::string, core::Message> messages;
  auto refuse = [&](const std::string& field, const core::Message& m) {
    fields[field] = core::english(m);
    messages[field] = m;
  };
  const std::pair<const char*, const std::optional<std::string>*> people[] = {
      {"owner_id", &b.owner_id},
      {"responsible_id", &b.responsible_id},
      {"leader_id", &b.leader_id}};
  for (const auto& [field, id] : people) {
    if (*id && db::scalar(sql_, kPersonExists, {{"tenant_id", tenant_id_}, {"id", **id}}) == 0)
      refuse(field, core::Message{"benefit_err_person"});
  }
  std::vector<std::string> own;
  for (const auto& r :
       db::query(sql_, kKpisOfProject, {{"tenant_id", tenant_id_}, {"project_id", b.project_id}}))
    own.push_back(db::text(r, "id"));
  for (const auto& k : b.kpi_ids)
    if (std::find(own.begin(), own.end(), k) == own.end())
      refuse("kpi_ids", core::Message{"benefit_err_kpi"});
  if (!fields.empty()) throw core::ValidationError(fields, messages);
}

Benefit BenefitStore::with_role_defaults(Benefit b, const std::string& project_id) {
  std::map<std::string, std::string> holder;  // role → its first holder
  for (const auto& h : projects::RoleStore(sql_, tenant_id_).holders(project_id))
    holder.emplace(h.role, h.person_id);
  auto first_of = [&](std::initializer_list<const char*> roles) -> std::optional<std::string> {
    for (const char* r : roles)
      if (auto it = holder.find(r); it != holder.end()) return it->second;
    return std::nullopt;
  };
  b.owner_id = first_of({"owner"});
  b.responsible_id = first_of({"benefit_responsible", "head_of_service"});
  b.leader_id = first_of({"benefit_leader", "team_leader"});
  return b;
}

Benefit BenefitStore::create(const core::AuthContext* who, const std::string& project_id,
                             const Benefit& in) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  Benefit b = in;
  b.project_id = project_id;
  b.realisation = "not_judged";
  b.judgement_reason = b.decision_id = b.judged_on = std::nullopt;
  kit::stamp_new(b);
  check_links(b);
  kit::insert_authored(sql_, columns(), tenant_id_, who, b);
  audit::record(sql_, tenant_id_, who, "benefit", b.id, "create", nullptr, audited(b));
  tx.commit();
  return b;
}

Benefit BenefitStore::update(const core::AuthContext* who, const Benefit& changed,
                             long long expected_version) {
  return kit::checked_update(
      sql_, columns(), tenant_id_, who, "benefit", changed, expected_version,
      [&] { return get(changed.id); }, [&](const Benefit& b) { check_links(b); }, audited, audited,
      core::Message{"err.stale", {{"entity", "benefit"}}});
}

void BenefitStore::remove(const core::AuthContext* who, const std::string& id) {
  kit::remove_row(
      sql_, tenant_id_, who, "benefit", columns(), id, [&] { return get(id); }, audited);
}

Benefit BenefitStore::judge(const core::AuthContext* who, const Benefit& current,
                            const Judgement& j, long long expected_version) {
  db::WriteTx tx(sql_);
  projects::GateDecision d;
  d.text = core::Message{"decision_benefit_" + j.realisation,
                         {{"benefit", current.title}, {"reason", j.reason}}}
               .stored();
  d.decided_on = j.decided_on;
  d.decided_by = j.decided_by;
  d.links = {"/projects/" + current.project_id + "/benefits/" + current.id};
  auto decision =
      projects::ProjectStore(sql_, tenant_id_).record_decision(who, current.project_id, d);
  Benefit judged = current;
  judged.realisation = j.realisation;
  judged.judgement_reason = j.reason;
  judged.decision_id = decision["id"].get<std::string>();
  judged.judged_on = j.decided_on;
  auto after = update(who, judged, expected_version);
  tx.commit();
  return after;
}

}  // namespace benefits
