#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "db/tenant_scoped.hpp"
#include "programmes/portfolio.hpp"

namespace programmes {

// A page of the portfolio in its order; `more` when rows lie beyond it in the direction
// read (after it, or before it for a cursor that asks for the page before).
struct PortfolioPage {
  std::vector<PortfolioRow> rows;
  bool more = false;
};

// What the filter form offers: the (method, phase) pairs the projects are in, the tracks
// and the programmes they belong to.
struct PortfolioChoices {
  std::set<std::pair<std::string, std::string>> phases;
  std::set<std::string> tracks;
  std::map<std::string, std::string> programmes;  // id → title
};

// The projects of one tenant as the portfolio lists them, filtered, sorted and paged in
// SQL, each with its involved units, the programmes it is in and their tracks.
class PortfolioStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;
  // Up to `limit` rows from the start, or from the cursor's place.
  PortfolioPage page(const PortfolioQuery& query, const PortfolioCursor* from, int limit);
  // Every row that passes the filters, in order, read `batch` rows at a time.
  void each(const PortfolioQuery& query, int batch,
            const std::function<void(const PortfolioRow&)>& row);
  // Every project of the tenant by title (what a programme's page offers to attach).
  std::vector<PortfolioRow> rows();
  std::int64_t count(const PortfolioQuery& query);
  std::int64_t total();
  PortfolioChoices choices();

 private:
  void load_related(std::vector<PortfolioRow>& rows);
};

}  // namespace programmes
