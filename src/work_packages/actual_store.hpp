#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "core/csv.hpp"
#include "db/tenant_scoped.hpp"
#include "http/paging.hpp"
#include "work_packages/actual.hpp"

namespace work_packages {

// The import's columns: date, package (its id or title), kind, amount, hours, note.
inline const std::vector<std::string> kImportColumns = {"date",   "package", "kind",
                                                        "amount", "hours",   "note"};

struct ImportRow {
  int row = 0;         // the line in the file; the header is row 1
  std::string action;  // create | error
  Actual actual;
  std::map<std::string, std::string> errors;  // column → message
};

class ActualStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // The project's actuals by date and id. NotFound when the project is not the tenant's.
  std::vector<Actual> of_project(const std::string& project_id);
  // What the project spent, in minor units: a sum in SQL, for cards that show only that.
  long long spent_on_project(const std::string& project_id);
  // One page of them, newest first (limit + 1 rows), keyed by date and id.
  std::vector<Actual> list(const std::string& project_id, const http::Page& page);
  Actual get(const std::string& id);
  // A package of another project is a ValidationError naming work_package_id; hours alone
  // are priced at the package's budgeted hourly rate (none budgeted: naming hours).
  Actual create(const core::AuthContext* who, const std::string& project_id, const Actual& a);
  void remove(const core::AuthContext* who, const std::string& id);

  // The file's rows checked against the project's packages; stores nothing. ValidationError
  // naming the heading that is no column, or "file" when there are no rows.
  std::vector<ImportRow> plan_import(const std::string& project_id, const core::Table& table);
  // Every row or none.
  void apply_import(const core::AuthContext* who, const std::string& project_id,
                    const std::vector<ImportRow>& rows);

 private:
  // The package's rate and the amount filled in, or the field named.
  Actual priced(const std::string& project_id, Actual a, std::map<std::string, std::string>& bad);
  Actual insert(const core::AuthContext* who, const std::string& project_id, Actual a);
};

nlohmann::json to_json(const ImportRow& row);

}  // namespace work_packages
