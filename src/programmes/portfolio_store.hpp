#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

#include "programmes/portfolio.hpp"

namespace programmes {

// Every project of one tenant with what the portfolio filters on: involved units,
// the programmes it is in and their tracks.
class PortfolioStore {
 public:
  PortfolioStore(soci::session& sql, std::string tenant_id)
      : sql_(sql), tenant_id_(std::move(tenant_id)) {}
  std::vector<PortfolioRow> rows();

 private:
  soci::session& sql_;
  std::string tenant_id_;
};

}  // namespace programmes
