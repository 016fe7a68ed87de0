#include "work_packages/budget_store.hpp"

#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/field_errors.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "org/person_store.hpp"
#include "work_packages/rate_card.hpp"

namespace work_packages {
namespace {

constexpr std::string_view kLines =
    "SELECT l.work_package_id, l.year, l.role, l.person_id, l.hours_centi, l.rate_minor, "
    "l.subcontractors_minor, l.other_minor, l.note FROM wp_budget_lines l WHERE l.tenant_id = "
    ":tenant_id AND l.work_package_id IN (SELECT id FROM work_packages WHERE tenant_id = "
    ":tenant_id AND project_id = :project_id) ORDER BY l.work_package_id, l.position";
constexpr std::string_view kFinancing =
    "SELECT f.work_package_id, f.kind, f.funder, f.share_bp FROM wp_financing f WHERE "
    "f.tenant_id = :tenant_id AND f.work_package_id IN (SELECT id FROM work_packages WHERE "
    "tenant_id = :tenant_id AND project_id = :project_id) ORDER BY f.work_package_id, f.position";
constexpr std::string_view kVersions =
    "SELECT id, budget_version FROM work_packages WHERE tenant_id = :tenant_id AND project_id = "
    ":project_id";
constexpr std::string_view kDeleteLines =
    "DELETE FROM wp_budget_lines WHERE tenant_id = :tenant_id AND work_package_id = :id";
constexpr std::string_view kDeleteFinancing =
    "DELETE FROM wp_financing WHERE tenant_id = :tenant_id AND work_package_id = :id";
constexpr std::string_view kInsertLine =
    "INSERT INTO wp_budget_lines (tenant_id, work_package_id, position, year, role, person_id, "
    "hours_centi, rate_minor, subcontractors_minor, other_minor, note) VALUES (:tenant_id, :id, "
    ":position, :year, :role, :person_id, :hours, :rate, :subcontractors, :other, :note)";
constexpr std::string_view kInsertFinancing =
    "INSERT INTO wp_financing (tenant_id, work_package_id, position, kind, funder, share_bp) "
    "VALUES (:tenant_id, :id, :position, :kind, :funder, :share)";
constexpr std::string_view kBump =
    "UPDATE work_packages SET budget_version = budget_version + 1 WHERE tenant_id = :tenant_id "
    "AND id = :id AND budget_version = :expected";

}  // namespace

std::map<std::string, Budget> BudgetStore::of_project(const std::string& project_id) {
  std::map<std::string, Budget> out;
  const std::vector<db::Arg> scope = {{"tenant_id", tenant_id_}, {"project_id", project_id}};
  for (const auto& r : db::query(sql_, kVersions, scope)) {
    auto& b = out[db::text(r, "id")];
    b.work_package_id = db::text(r, "id");
    b.version = db::integer(r, "budget_version");
  }
  for (const auto& r : db::query(sql_, kLines, scope)) {
    BudgetLine l;
    l.year = db::integer(r, "year");
    l.role = db::opt_text(r, "role");
    l.person_id = db::opt_text(r, "person_id");
    l.hours = db::integer(r, "hours_centi");
    l.rate = db::integer(r, "rate_minor");
    l.subcontractors = db::integer(r, "subcontractors_minor");
    l.other = db::integer(r, "other_minor");
    l.note = db::opt_text(r, "note");
    out[db::text(r, "work_package_id")].lines.push_back(l);
  }
  for (const auto& r : db::query(sql_, kFinancing, scope)) {
    FinancingRow f;
    f.kind = db::text(r, "kind");
    f.funder = db::opt_text(r, "funder");
    f.share = db::integer(r, "share_bp");
    out[db::text(r, "work_package_id")].financing.push_back(f);
  }
  return out;
}

Budget BudgetStore::of(const WorkPackage& wp) {
  auto all = of_project(wp.project_id);
  auto it = all.find(wp.id);
  if (it != all.end()) return it->second;
  Budget empty;
  empty.work_package_id = wp.id;
  return empty;
}

void BudgetStore::clear(const std::string& work_package_id) {
  const std::vector<db::Arg> key = {{"tenant_id", tenant_id_}, {"id", work_package_id}};
  db::execute(sql_, kDeleteLines, key);
  db::execute(sql_, kDeleteFinancing, key);
}

Budget BudgetStore::put(const core::AuthContext* who, const WorkPackage& wp, Budget budget,
                        std::optional<long long> expected) {
  db::WriteTx tx(sql_);
  Budget before = of(wp);
  if (expected && *expected != before.version)
    throw core::Conflict(core::Message{"err.stale", {{"entity", "budget"}}}, to_json(before));
  core::FieldErrors bad;
  RateCardStore card(sql_, tenant_id_);
  org::PersonStore people(sql_, tenant_id_);
  for (std::size_t i = 0; i < budget.lines.size(); ++i) {
    auto& l = budget.lines[i];
    const std::string at = "lines[" + std::to_string(i) + "]";
    if (l.person_id && !people.exists(*l.person_id)) {
      bad.add(at + ".person_id", core::Message{"wp_err_no_person"});
      continue;
    }
    auto rate = card.rate_for(l.role, l.person_id);
    if (!rate && l.hours > 0) bad.add(at, core::Message{"wp_err_no_rate"});
    l.rate = rate.value_or(0);
  }
  bad.check();
  if (db::execute(sql_, kBump,
                  {{"tenant_id", tenant_id_}, {"id", wp.id}, {"expected", before.version}}) != 1)
    throw core::Conflict(core::Message{"err.stale", {{"entity", "budget"}}}, to_json(of(wp)));
  clear(wp.id);
  long long position = 0;
  for (const auto& l : budget.lines)
    db::execute(sql_, kInsertLine,
                {{"tenant_id", tenant_id_},
                 {"id", wp.id},
                 {"position", position++},
                 {"year", l.year},
                 {"role", l.role},
                 {"person_id", l.person_id},
                 {"hours", l.hours},
                 {"rate", l.rate},
                 {"subcontractors", l.subcontractors},
                 {"other", l.other},
                 {"note", l.note}});
  position = 0;
  for (const auto& f : budget.financing)
    db::execute(sql_, kInsertFinancing,
                {{"tenant_id", tenant_id_},
                 {"id", wp.id},
                 {"position", position++},
                 {"kind", f.kind},
                 {"funder", f.funder},
                 {"share", f.share}});
  auto after = of(wp);
  audit::record(sql_, tenant_id_, who, "work_package_budget", wp.id, "update", to_json(before),
                to_json(after));
  tx.commit();
  return after;
}

}  // namespace work_packages
