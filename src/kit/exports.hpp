#pragma once

#include <functional>
#include <set>
#include <string>
#include <utility>

#include "core/csv.hpp"
#include "core/time.hpp"
#include "core/xlsx_writer.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "kit/resource.hpp"
#include "kit/scope.hpp"
#include "web/i18n.hpp"

namespace kit {

inline constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
inline constexpr const char* kCsvType = "text/csv; charset=utf-8";

// A project's table for spreadsheets, declared once; add_table_exports turns it into
//   GET /api/v1/projects/{id}/<name>.csv    UTF-8 with BOM, ';' (core::to_csv)
//   GET /api/v1/projects/{id}/<name>.xlsx   one sheet, headings frozen (core::to_xlsx)
// for anyone who may read the project. Files are named "<file>-<project id>-<date>".
struct TableExport {
  std::string name;                    // "actions": the address segment before .csv/.xlsx
  std::string file;                    // "action-plan": the file's name (default: name)
  std::string tag;                     // OpenAPI tag (default: name)
  std::string summary;                 // "The action plan"; the filters it takes, if any
  std::string sheet;                   // catalogue key of the sheet's name ("action.sheet")
  std::set<std::size_t> date_columns;  // cells written as real dates in the workbook
  // The rows, headings first, in the reader's language.
  std::function<core::Table(const ProjectScope&, const http::Request&)> table;
};

inline void add_table_exports(http::Router& router, db::Database& db, TableExport declared) {
  if (declared.file.empty()) declared.file = declared.name;
  if (declared.tag.empty()) declared.tag = declared.name;
  auto shared = std::make_shared<const TableExport>(std::move(declared));
  const auto& e = *shared;
  auto file_name = [shared](const ProjectScope& scope, const char* extension) {
    return shared->file + "-" + scope.project().id + "-" + core::now_iso().substr(0, 10) + "." +
           extension;
  };
  const std::string collection = "/api/v1/projects/{id}/" + e.name;
  router.add({"GET",
              collection + ".csv",
              http::Access::kAuthenticated,
              on_project(db, ProjectRight::kRead,
                         [shared, file_name](const ProjectScope& scope, http::Request& req) {
                           return http::Response::attachment(
                               kCsvType, core::to_csv(shared->table(scope, req)),
                               file_name(scope, "csv"));
                         }),
              {e.summary + " as CSV (UTF-8 with BOM, ';')", e.tag, "", "", false, 200, kCsvType}});
  router.add({"GET",
              collection + ".xlsx",
              http::Access::kAuthenticated,
              on_project(db, ProjectRight::kRead,
                         [shared, file_name](const ProjectScope& scope, http::Request& req) {
                           const auto& e = *shared;
                           return http::Response::attachment(
                               kXlsxType,
                               core::to_xlsx(e.table(scope, req), web::t(req.locale, e.sheet),
                                             e.date_columns),
                               file_name(scope, "xlsx"));
                         }),
              {e.summary + " as an Excel workbook", e.tag, "", "", false, 200, kXlsxType}});
}

}  // namespace kit
