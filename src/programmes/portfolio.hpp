#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace programmes {

// One project of a tenant as the portfolio lists it.
struct PortfolioRow {
  std::string id;
  std::string title;
  std::string template_key;
  std::string phase_key;
  int phase_index = -1;  // position in the project's method, for sorting by progress
  std::string status;
  std::optional<std::string> status_reason;
  std::optional<std::string> start_date;
  std::optional<std::string> end_date;
  std::string last_update;  // the latest change to the charter, checklist or decisions
  std::vector<std::string> unit_ids;
  std::vector<std::string> unit_names;
  std::vector<std::pair<std::string, std::string>> programmes;  // id → title
  std::vector<std::string> tracks;                              // names, sorted, unique
};

inline const std::vector<std::string> kSorts = {"title", "phase", "status", "last_update",
                                                "end_date"};

// Filters and order from the query string (?phase=&status=&unit=&track=&programme=
// &sort=&dir=). An empty parameter means "any", as a GET form sends it.
struct PortfolioQuery {
  std::string phase;
  std::string status;
  std::string unit;
  std::string track;
  std::string programme;
  std::string sort = "title";
  bool descending = false;
};

// Throws ValidationError naming the parameter.
PortfolioQuery parse_portfolio_query(const std::map<std::string, std::string>& params);

// The rows that pass every filter, in the asked order. Rows without an end date
// stay last in either direction; ties fall back to the title.
std::vector<PortfolioRow> select_rows(std::vector<PortfolioRow> rows, const PortfolioQuery& query);

// The query as URL parameters ("status=red&sort=end_date"), leaving out defaults,
// so that an export link carries exactly the filters on screen.
std::string to_query_string(const PortfolioQuery& query);

// The latest of several ISO timestamps (empty ones ignored).
std::string latest(const std::vector<std::optional<std::string>>& timestamps);

nlohmann::json to_json(const PortfolioRow& row);

}  // namespace programmes
