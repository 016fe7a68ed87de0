#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/input.hpp"

namespace work_packages {

// Money is minor units (øre/öre), hours hundredths, shares hundredths of a per cent.
inline constexpr long long kWholeShare = 10000;  // 100 %
inline const std::vector<std::string> kFinancingKinds = {"grant", "in_kind", "own_cash", "other"};
inline const std::vector<std::string> kActualKinds = {"personnel", "subcontractors", "other"};
inline constexpr long long kYearMin = 2000;
inline constexpr long long kYearMax = 2100;
inline constexpr std::size_t kMaxLines = 200;

// One line of a package's budget for a year: hours at the rate card's rate for a role or a
// person, subcontractors and other costs.
struct BudgetLine {
  long long year = 0;
  std::optional<std::string> role;
  std::optional<std::string> person_id;
  long long hours = 0;           // hundredths
  long long rate = 0;            // per hour, minor units; from the rate card when saved
  long long subcontractors = 0;  // minor units
  long long other = 0;           // minor units
  std::optional<std::string> note;
};

struct FinancingRow {
  std::string kind = "grant";
  std::optional<std::string> funder;  // named for a grant
  long long share = 0;                // hundredths of a per cent
};

struct Budget {
  std::string work_package_id;
  std::vector<BudgetLine> lines;
  std::vector<FinancingRow> financing;
  long long version = 0;  // 0: never saved
};

long long personnel(const BudgetLine& line);  // hours × rate, rounded to the øre
long long total(const BudgetLine& line);
long long total(const Budget& budget);
long long year_total(const Budget& budget, long long year);
// The part of `amount` a share stands for, rounded to the øre.
long long share_of(long long amount, long long share);

// A PUT's body: {"lines": [...], "financing": [...], "version": n}; every problem named by
// its row ("lines[2].hours", "financing[0].funder") and "financing" when the shares of a
// budget do not add up to 100 %. Rates are filled in by the store from the rate card.
Budget parse_budget(core::Input& in);

// The budget as the API answers it (amounts as exact decimal texts "1234.50").
nlohmann::json to_json(const Budget& budget);

}  // namespace work_packages
