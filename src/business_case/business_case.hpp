#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/input.hpp"
#include "kit/fields.hpp"

namespace business_case {

inline constexpr long long kHorizonMin = 1;
inline constexpr long long kHorizonMax = 20;
inline constexpr double kRateMax = 20.0;  // per cent a year
// The Danish Ministry of Finance's discount rate for public investments, per cent a year.
inline constexpr double kDefaultRate = 3.5;
inline constexpr double kAmountMax = 1e12;
inline const std::vector<std::string> kCurrencies = {"DKK", "SEK", "EUR", "NOK"};

// The eight amounts of one year: costs and benefits, one-off and running, each in money
// and in hours (priced at the tenant's hour price).
struct YearRow {
  long long year = 0;  // 0 = the investment year, then 1..horizon
  double one_off_costs = 0;
  double running_costs = 0;
  double one_off_benefits = 0;
  double running_benefits = 0;
  double one_off_cost_hours = 0;
  double running_cost_hours = 0;
  double one_off_benefit_hours = 0;
  double running_benefit_hours = 0;
};

// What the figures are computed with: the case's own rate or the tenant's, and the
// tenant's hour price.
struct Pricing {
  double rate = kDefaultRate;  // per cent a year
  double hour_price = 0;       // money per hour
};

struct YearFigures {
  long long year = 0;
  double costs = 0;     // money + hours × hour price
  double benefits = 0;  // likewise
  double net = 0;       // benefits − costs
  double discounted_net = 0;
  double cumulative_net = 0;
  double cumulative_discounted_net = 0;
};

struct Figures {
  std::vector<YearFigures> years;
  double npv = 0;
  double total_costs = 0;
  double total_benefits = 0;
  // The first year whose cumulative net value (undiscounted) is ≥ 0; nullopt: not within
  // the horizon (or nothing entered at all).
  std::optional<long long> payback_year;
  // The same on the discounted cumulative value.
  std::optional<long long> discounted_payback_year;
};

// Rows for years 0..horizon (missing years count as zero; rows past the horizon are left
// out), discounted at `pricing.rate` per cent: net_y / (1 + rate/100)^y.
Figures compute(const std::vector<YearRow>& rows, long long horizon, const Pricing& pricing);

// The project's business case as it is edited: the current estimate.
struct BusinessCase {
  std::string id;
  std::string project_id;
  long long horizon = 5;
  std::optional<double> discount_rate;  // null: the tenant's default rate
  std::string currency = "DKK";
  std::optional<std::string> note;
  std::vector<YearRow> rows;
  long long version = 0;  // 0: never saved
  std::string created_at;
  std::string updated_at;
};

// An approved version: the case frozen by a steering-group decision, with the rate and
// hour price it was approved with.
struct ApprovedVersion {
  std::string id;
  std::string project_id;
  long long number = 1;
  std::string decision_id;
  std::string decision;  // the decision's text
  std::string approved_on;
  long long horizon = 5;
  std::string currency = "DKK";
  Pricing pricing;
  std::vector<YearRow> rows;
  std::string created_at;
};

// The input's fields: horizon (1–20), discount_rate (0–20 per cent or null), currency,
// note and rows (a list of year rows; numbers as JSON or text with a decimal comma).
const kit::Fields<BusinessCase>& business_case_fields();

nlohmann::json rows_to_json(const std::vector<YearRow>& rows);
// The rows from stored JSON (written by rows_to_json).
std::vector<YearRow> rows_from_json(const nlohmann::json& stored);
nlohmann::json figures_to_json(const Figures& figures);

// The case as the API answers it: its fields, the pricing used and the computed figures.
nlohmann::json to_json(const BusinessCase& bc, const Pricing& pricing);
nlohmann::json to_json(const ApprovedVersion& v);
// The current estimate against the approved version: NPV, payback and each year's net.
nlohmann::json compare(const Figures& current, const Figures& approved);

// The names of a year row's amounts, in the order tables show them.
const std::vector<std::string>& amount_names();

}  // namespace business_case
