#include "work_packages/actual_store.hpp"

#include <algorithm>

#include "actions/action_import.hpp"
#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/found.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/keyset.hpp"
#include "db/write_tx.hpp"
#include "kit/authored.hpp"
#include "kit/store_rows.hpp"
#include "kit/versioned.hpp"
#include "projects/project_store.hpp"
#include "work_packages/budget_store.hpp"
#include "work_packages/work_package_store.hpp"

namespace work_packages {
namespace {

using nlohmann::json;

const db::Columns<Actual>& columns() {
  static const auto c = actual_fields()
                            .columns("wp_actuals")
                            .integer("amount_minor", &Actual::amount)
                            .integer("hours_centi", &Actual::hours)
                            .text("created_at", &Actual::created_at, db::Write::kOnce)
                            .bound("created_by");
  return c;
}

const std::string kSelect = columns().select_sql();
constexpr std::string_view kSpentOnProject =
    "SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) AS spent FROM wp_actuals WHERE "
    "tenant_id = :tenant_id AND project_id = :project_id";
const std::string kOfProject = kSelect + " AND project_id = :project_id ORDER BY spent_on, id";
const std::string kPage = kSelect + " AND project_id = :project_id AND " +
                          db::keyset_page("spent_on", "id", db::Order::kDescending);

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return c < 0x80 ? std::tolower(c) : c; });
  auto b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

std::vector<Actual> ActualStore::of_project(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  return columns().read_all(
      db::query(sql_, kOfProject, {{"tenant_id", tenant_id_}, {"project_id", project_id}}));
}

long long ActualStore::spent_on_project(const std::string& project_id) {
  auto rows =
      db::query(sql_, kSpentOnProject, {{"tenant_id", tenant_id_}, {"project_id", project_id}});
  return rows.empty() ? 0 : db::integer(rows[0], "spent");
}

std::vector<Actual> ActualStore::list(const std::string& project_id, const http::Page& page) {
  return kit::project_keyset_page(sql_, kPage, tenant_id_, project_id, page,
                                  [](const db::Row& r) { return columns().read(r); });
}

Actual ActualStore::get(const std::string& id) {
  return core::found(columns().read_all(db::query(sql_, kSelect + " AND id = :id",
                                                  {{"tenant_id", tenant_id_}, {"id", id}})),
                     "actual", id);
}

Actual ActualStore::priced(const std::string& project_id, Actual a,
                           std::map<std::string, std::string>& bad) {
  WorkPackage wp;
  try {
    wp = WorkPackageStore(sql_, tenant_id_).get(a.work_package_id);
  } catch (const core::NotFound&) {
  }
  if (wp.project_id != project_id) {
    bad["work_package_id"] = "wp_err_other_project";
    return a;
  }
  if (a.amount) return a;
  auto budget = BudgetStore(sql_, tenant_id_).of(wp);
  long long hours = 0, cost = 0;
  for (const auto& l : budget.lines) {
    hours += l.hours;
    cost += personnel(l);
  }
  if (hours == 0) {
    bad["hours"] = "wp_err_no_rate";
    return a;
  }
  a.amount = core::mul_div_round(*a.hours, cost, hours);
  return a;
}

Actual ActualStore::insert(const core::AuthContext* who, const std::string& project_id, Actual a) {
  a.id = core::new_id();
  a.project_id = project_id;
  a.created_at = core::now_iso();
  kit::insert_authored(sql_, columns(), tenant_id_, who, a);
  audit::record(sql_, tenant_id_, who, "actual", a.id, "create", nullptr, to_json(a));
  return a;
}

Actual ActualStore::create(const core::AuthContext* who, const std::string& project_id,
                           const Actual& fields) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  std::map<std::string, std::string> bad;
  Actual a = priced(project_id, fields, bad);
  if (!bad.empty()) {
    std::map<std::string, std::string> fields_bad;
    std::map<std::string, core::Message> messages;
    for (const auto& [field, key] : bad) {
      messages.emplace(field, core::Message{key});
      fields_bad.emplace(field, core::english(messages.at(field)));
    }
    throw core::ValidationError(std::move(fields_bad), std::move(messages));
  }
  auto stored = insert(who, project_id, a);
  tx.commit();
  return stored;
}

void ActualStore::remove(const core::AuthContext* who, const std::string& id) {
  kit::remove_row(
      sql_, tenant_id_, who, "actual", columns(), id, [&] { return get(id); },
      [](const Actual& a) { return to_json(a); });
}

std::vector<ImportRow> ActualStore::plan_import(const std::string& project_id,
                                                const core::Table& table) {
  if (table.size() < 2) throw core::ValidationError("file", core::Message{"wp_err_import_empty"});
  std::map<std::string, std::size_t> at;
  std::string unknown, missing;
  for (std::size_t i = 0; i < table.front().size(); ++i) {
    auto heading = lower(table.front()[i]);
    if (heading.rfind("\xEF\xBB\xBF", 0) == 0) heading.erase(0, 3);  // a BOM left on it
    if (heading.empty()) continue;
    if (std::find(kImportColumns.begin(), kImportColumns.end(), heading) == kImportColumns.end())
      unknown += (unknown.empty() ? "" : ", ") + heading;
    else
      at[heading] = i;
  }
  for (const char* needed : {"date", "package"})
    if (!at.contains(needed)) missing += (missing.empty() ? "" : ", ") + std::string(needed);
  if (!unknown.empty() || !missing.empty())
    throw core::ValidationError(
        "file",
        core::Message{"wp_err_import_columns", {{"unknown", unknown}, {"missing", missing}}});
  std::map<std::string, std::string> by_title;
  for (const auto& wp : WorkPackageStore(sql_, tenant_id_).of_project(project_id)) {
    by_title[lower(wp.title)] = wp.id;
    by_title[lower(wp.id)] = wp.id;
  }
  std::vector<ImportRow> out;
  for (std::size_t r = 1; r < table.size(); ++r) {
    ImportRow row;
    row.row = static_cast<int>(r) + 1;
    auto cell = [&](const std::string& column) {
      auto it = at.find(column);
      return it == at.end() || it->second >= table[r].size() ? std::string() : table[r][it->second];
    };
    json fields = {{"kind", lower(cell("kind")).empty() ? "personnel" : lower(cell("kind"))},
                   {"amount", cell("amount")},
                   {"hours", cell("hours")},
                   {"note", cell("note")}};
    if (auto d = actions::import_date(cell("date")))
      fields["date"] = *d;
    else
      row.errors["date"] = "must be a date like 2026-03-31";
    auto package = by_title.find(lower(cell("package")));
    if (package == by_title.end())
      row.errors["package"] = "no work package of the project by this name or id";
    else
      fields["work_package_id"] = package->second;
    if (row.errors.empty()) {
      core::Input in(fields);
      try {
        row.actual = actual_fields().parse_new(in);
        std::map<std::string, std::string> bad;
        row.actual = priced(project_id, row.actual, bad);
        for (const auto& [f, key] : bad) row.errors[f] = core::english(core::Message{key});
      } catch (const core::ValidationError& e) {
        for (const auto& [f, message] : e.fields()) row.errors[f] = message;
      }
    }
    row.action = row.errors.empty() ? "create" : "error";
    out.push_back(std::move(row));
  }
  return out;
}

void ActualStore::apply_import(const core::AuthContext* who, const std::string& project_id,
                               const std::vector<ImportRow>& rows) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  for (const auto& row : rows) insert(who, project_id, row.actual);
  tx.commit();
}

json to_json(const ImportRow& row) {
  json errors = json::object();
  for (const auto& [k, v] : row.errors) errors[k] = v;
  return {{"row", row.row},
          {"action", row.action},
          {"date", row.actual.date},
          {"work_package_id", row.actual.work_package_id},
          {"amount", row.actual.amount ? json(core::format_fixed(*row.actual.amount)) : json()},
          {"errors", errors}};
}

}  // namespace work_packages
