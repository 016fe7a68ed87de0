#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "work_packages/actual.hpp"
#include "work_packages/budget.hpp"
#include "work_packages/work_package.hpp"

namespace work_packages {

// Budget vs actual, all in minor units.
struct Amounts {
  long long budget = 0;
  long long actual = 0;
  long long remaining() const { return budget - actual; }
};

struct PackageFigures {
  std::string id;
  std::string title;
  Amounts amounts;
  long long grant = 0;  // the grants' part of the budget
  // The plan up to the end of the month before today's: what should have been spent by now.
  long long planned_to_date = 0;
  bool over_plan() const { return amounts.actual > planned_to_date; }
};

struct FunderFigures {
  std::string funder;
  long long granted = 0;  // Σ budget × the funder's share
  long long spent = 0;    // Σ actual × the funder's share
  // Per package and year: what was granted and spent.
  struct Cell {
    std::string package_id;
    std::string package_title;
    long long year = 0;
    long long granted = 0;
    long long spent = 0;
  };
  std::vector<Cell> cells;
};

struct MonthFigures {
  std::string month;  // YYYY-MM
  long long planned = 0;
  long long actual = 0;
  long long planned_cumulative = 0;
  long long actual_cumulative = 0;
};

struct Summary {
  std::vector<PackageFigures> packages;
  std::map<long long, Amounts> years;
  std::vector<FunderFigures> funders;
  Amounts project;
  long long grant = 0;
  long long grant_share = 0;  // hundredths of a per cent of the budget
  long long used_share = 0;   // actual / budget, hundredths of a per cent
  std::vector<MonthFigures> burn;
};

// The plan spreads each package's budget for a year evenly over its months in that year
// (the øre left over go to the last of them; a year outside the package's dates spreads over
// the year's twelve months). The burn runs from the first package's month to the last
// package's or actual's month. A package is over plan when it spent more than its plan for the
// months before `today`'s.
Summary summarise(const std::vector<WorkPackage>& packages,
                  const std::map<std::string, Budget>& budgets, const std::vector<Actual>& actuals,
                  const std::string& today);

nlohmann::json to_json(const Summary& s);

}  // namespace work_packages
