#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "work_packages/actual.hpp"
#include "work_packages/budget.hpp"
#include "work_packages/summary.hpp"

namespace work_packages {

// An exact amount as the reader writes it: "1.234,50" (da), "1 234,50" (sv), "1,234.50" (en).
std::string money_text(const std::string& locale, long long minor);
// A share or hours (hundredths) the same way, without trailing zeros: "30", "12,5".
std::string hundredths_text(const std::string& locale, long long hundredths);

// The budget page's figures: the project, the packages, the years, the funders.
nlohmann::json summary_view(const Summary& s, const std::string& locale);
// The burn chart: cumulative planned and actual per month, drawn to scale.
nlohmann::json burn_view(const Summary& s, const std::string& locale);
// The actuals ledger's rows, newest first, with the package's title.
nlohmann::json actuals_view(const std::vector<Actual>& actuals, const Summary& s,
                            const std::string& locale);

// The budget editor on a package's page: its lines and financing (typed, or stored), and
// blank rows to add more.
nlohmann::json budget_form(const Budget& stored, const nlohmann::json& typed,
                           const std::string& locale);
// The posted editor as the API's body: blank rows left out.
nlohmann::json budget_body(const std::map<std::string, std::string>& form);

}  // namespace work_packages
