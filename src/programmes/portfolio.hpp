#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace programmes {

// Where a row stands in the order asked for: the values the store sorted it by, which a
// cursor carries so that the next page starts right after it.
struct PortfolioPlace {
  std::optional<std::int64_t> rank;  // of the phase or the status
  std::optional<std::string> key;    // the method, the last update or the end date
  std::string title_key;             // the title in lower case
  std::string id;
};

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
  PortfolioPlace place;
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

// A page of the portfolio starts after a place in the order of its query (or, for a
// "previous" link, ends before it). The cursor keeps the filters and the order, so a
// client needs only the cursor for the next page.
struct PortfolioCursor {
  PortfolioQuery query;
  PortfolioPlace place;
  bool before = false;
};

// Opaque and safe in an address.
std::string encode_cursor(const PortfolioCursor& cursor);
// Throws ValidationError("cursor") when the text is not a cursor of the portfolio.
PortfolioCursor decode_cursor(const std::string& text);

// The query of a request and where its page starts: from ?cursor= when given (the filters
// and sort the request names besides must be the cursor's), else from the parameters.
struct PortfolioAsk {
  PortfolioQuery query;
  std::optional<PortfolioCursor> cursor;
};
PortfolioAsk parse_portfolio_ask(const std::map<std::string, std::string>& params);

// The rows that pass every filter, in the asked order. Rows without an end date
// stay last in either direction; ties fall back to the title. The store answers in this
// order from SQL (tests compare the two).
std::vector<PortfolioRow> select_rows(std::vector<PortfolioRow> rows, const PortfolioQuery& query);

// The query as URL parameters ("status=red&sort=end_date"), leaving out defaults,
// so that an export link carries exactly the filters on screen.
std::string to_query_string(const PortfolioQuery& query);

// The latest of several ISO timestamps (empty ones ignored).
std::string latest(const std::vector<std::optional<std::string>>& timestamps);

nlohmann::json to_json(const PortfolioRow& row);

}  // namespace programmes
