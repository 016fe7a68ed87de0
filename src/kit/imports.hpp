#pragma once

#include <algorithm>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/imports.hpp"
#include "http/request.hpp"

namespace kit {

// An import's ?dry_run=: true or 1 reports and stores nothing; false, 0 or absent imports.
inline bool dry_run(const http::Request& req) {
  auto flag = req.query_param("dry_run").value_or("false");
  if (flag != "true" && flag != "false" && flag != "1" && flag != "0")
    throw core::ValidationError("dry_run", "must be true or false");
  return flag == "true" || flag == "1";
}

// The answer to an import of `rows` (each with `action`: create, update or error): a dry run
// reports; a real import runs `store()` when every row is good, else stores nothing and
// answers 422 with the report (core::import_report with `dry_run` and `imported`).
template <typename Row, typename RowJson, typename Store>
http::Response import_answer(const std::vector<Row>& rows, bool dry, RowJson row_json,
                             Store store) {
  auto body = [&](bool imported) {
    nlohmann::json out = core::import_report(rows, row_json);
    out["dry_run"] = dry;
    out["imported"] = imported;
    return out;
  };
  if (dry) return http::Response::json(200, body(false));
  if (std::any_of(rows.begin(), rows.end(), [](const Row& r) { return r.action == "error"; })) {
    nlohmann::json refused = body(false);
    refused["error"] = {{"code", "import_failed"},
                        {"message", "some rows have errors; nothing was imported"},
                        {"fields", nlohmann::json::object()}};
    return http::Response::json(422, refused);
  }
  store();
  return http::Response::json(200, body(true));
}

}  // namespace kit
