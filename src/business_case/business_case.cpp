#include "business_case/business_case.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace business_case {
namespace {

using nlohmann::json;

// Each amount's name and member, in the order tables show them.
struct Amount {
  const char* name;
  double YearRow::*member;
};
constexpr Amount kAmounts[] = {
    {"one_off_costs", &YearRow::one_off_costs},
    {"running_costs", &YearRow::running_costs},
    {"one_off_cost_hours", &YearRow::one_off_cost_hours},
    {"running_cost_hours", &YearRow::running_cost_hours},
    {"one_off_benefits", &YearRow::one_off_benefits},
    {"running_benefits", &YearRow::running_benefits},
    {"one_off_benefit_hours", &YearRow::one_off_benefit_hours},
    {"running_benefit_hours", &YearRow::running_benefit_hours},
};

// One row of the input: {"year": 2, "running_costs": 1000, …}; amounts left out are 0.
std::optional<YearRow> read_row(const json& raw, std::size_t index, core::Input& in) {
  const std::string at = "rows[" + std::to_string(index) + "]";
  if (!raw.is_object()) {
    in.fail(at, core::Message{"bcase_err_row"});
    return std::nullopt;
  }
  core::Input row(raw);
  YearRow out;
  auto year = row.optional_int("year", 0, kHorizonMax);
  if (!year) {
    in.fail(at + ".year", core::Message{"err.between", {{"min", 0}, {"max", kHorizonMax}}});
    return std::nullopt;
  }
  out.year = *year;
  bool ok = true;
  for (const auto& a : kAmounts) {
    core::Input one(raw);
    auto v = one.optional_number(a.name);
    if (!one.ok() || (v && (*v < 0 || *v > kAmountMax))) {
      in.fail(at + "." + a.name, core::Message{"bcase_err_amount"});
      ok = false;
      continue;
    }
    out.*a.member = v.value_or(0);
  }
  return ok ? std::optional(out) : std::nullopt;
}

void read_rows(core::Input& in, BusinessCase& bc) {
  const auto& raw = in.raw()["rows"];
  if (raw.is_null()) {
    bc.rows.clear();
    return;
  }
  if (!raw.is_array() || raw.size() > static_cast<std::size_t>(kHorizonMax + 1)) {
    in.fail("rows", core::Message{"bcase_err_rows", {{"max", kHorizonMax + 1}}});
    return;
  }
  std::vector<YearRow> rows;
  std::set<long long> years;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    auto row = read_row(raw[i], i, in);
    if (!row) continue;
    if (!years.insert(row->year).second) {
      in.fail("rows[" + std::to_string(i) + "].year", core::Message{"bcase_err_year_twice"});
      continue;
    }
    rows.push_back(*row);
  }
  bc.rows = std::move(rows);
}

double money(const YearRow& r, double hour_price, bool costs) {
  if (costs)
    return r.one_off_costs + r.running_costs +
           (r.one_off_cost_hours + r.running_cost_hours) * hour_price;
  return r.one_off_benefits + r.running_benefits +
         (r.one_off_benefit_hours + r.running_benefit_hours) * hour_price;
}

json opt(const std::optional<long long>& v) { return v ? json(*v) : json(); }

}  // namespace

Figures compute(const std::vector<YearRow>& rows, long long horizon, const Pricing& pricing) {
  Figures f;
  const double factor = 1.0 + pricing.rate / 100.0;  // ≥ 1: the rate is never negative
  double cumulative = 0;
  double cumulative_discounted = 0;
  bool anything = false;
  for (long long y = 0; y <= horizon; ++y) {
    YearFigures yf;
    yf.year = y;
    for (const auto& r : rows) {
      if (r.year != y) continue;
      yf.costs += money(r, pricing.hour_price, true);
      yf.benefits += money(r, pricing.hour_price, false);
    }
    yf.net = yf.benefits - yf.costs;
    yf.discounted_net = yf.net / std::pow(factor, static_cast<double>(y));
    cumulative += yf.net;
    cumulative_discounted += yf.discounted_net;
    yf.cumulative_net = cumulative;
    yf.cumulative_discounted_net = cumulative_discounted;
    anything = anything || yf.costs != 0 || yf.benefits != 0;
    if (anything && !f.payback_year && cumulative >= 0) f.payback_year = y;
    if (anything && !f.discounted_payback_year && cumulative_discounted >= 0)
      f.discounted_payback_year = y;
    f.total_costs += yf.costs;
    f.total_benefits += yf.benefits;
    f.npv += yf.discounted_net;
    f.years.push_back(yf);
  }
  return f;
}

const std::vector<std::string>& amount_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& a : kAmounts) out.emplace_back(a.name);
    return out;
  }();
  return names;
}

const kit::Fields<BusinessCase>& business_case_fields() {
  static const kit::Fields<BusinessCase> fields =
      kit::Fields<BusinessCase>()
          .id(&BusinessCase::id)
          .parent(&BusinessCase::project_id)
          .integer("horizon", &BusinessCase::horizon, kHorizonMin, kHorizonMax,
                   {.describe = "years after the investment year 0 (1-20)"})
          .number("discount_rate", &BusinessCase::discount_rate,
                  {.describe = "per cent a year, 0-20; null: the tenant's default rate"})
          .choice("currency", &BusinessCase::currency, kCurrencies)
          .optional_text("note", &BusinessCase::note, {.max = core::kTextMax})
          .custom("rows",
                  {{"type", "array"},
                   {"maxItems", kHorizonMax + 1},
                   {"description",
                    "one row per year 0..horizon (missing years are 0): year, one_off_costs, "
                    "running_costs, one_off_benefits, running_benefits (money, >= 0) and "
                    "one_off_cost_hours, running_cost_hours, one_off_benefit_hours, "
                    "running_benefit_hours (hours, priced at the tenant's hour price); numbers "
                    "as JSON or text with a decimal comma"},
                   {"items", {{"type", "object"}}}},
                  read_rows,
                  [](const BusinessCase& bc, json& out) { out["rows"] = rows_to_json(bc.rows); })
          .check([](const BusinessCase& bc, core::Input& in) {
            if (bc.discount_rate && (*bc.discount_rate < 0 || *bc.discount_rate > kRateMax))
              in.fail("discount_rate", core::Message{"bcase_err_rate", {{"max", 20}}});
          });
  return fields;
}

json rows_to_json(const std::vector<YearRow>& rows) {
  json out = json::array();
  for (const auto& r : rows) {
    json row = {{"year", r.year}};
    for (const auto& a : kAmounts) row[a.name] = r.*a.member;
    out.push_back(row);
  }
  return out;
}

std::vector<YearRow> rows_from_json(const json& stored) {
  std::vector<YearRow> rows;
  if (!stored.is_array()) return rows;
  for (const auto& raw : stored) {
    YearRow r;
    r.year = raw.value("year", 0LL);
    for (const auto& a : kAmounts) r.*a.member = raw.value(a.name, 0.0);
    rows.push_back(r);
  }
  return rows;
}

json figures_to_json(const Figures& f) {
  json years = json::array();
  for (const auto& y : f.years)
    years.push_back({{"year", y.year},
                     {"costs", y.costs},
                     {"benefits", y.benefits},
                     {"net", y.net},
                     {"discounted_net", y.discounted_net},
                     {"cumulative_net", y.cumulative_net},
                     {"cumulative_discounted_net", y.cumulative_discounted_net}});
  return {{"npv", f.npv},
          {"payback_year", opt(f.payback_year)},
          {"discounted_payback_year", opt(f.discounted_payback_year)},
          {"total_costs", f.total_costs},
          {"total_benefits", f.total_benefits},
          {"years", years}};
}

json to_json(const BusinessCase& bc, const Pricing& pricing) {
  json out = business_case_fields().to_json(bc);
  out["id"] = bc.id.empty() ? json() : json(bc.id);
  out["version"] = bc.version;
  out["created_at"] = bc.created_at;
  out["updated_at"] = bc.updated_at;
  out["rate_used"] = pricing.rate;
  out["hour_price_used"] = pricing.hour_price;
  out.update(figures_to_json(compute(bc.rows, bc.horizon, pricing)));
  return out;
}

json to_json(const ApprovedVersion& v) {
  json out = {{"id", v.id},
              {"project_id", v.project_id},
              {"number", v.number},
              {"decision_id", v.decision_id},
              {"decision", v.decision},
              {"approved_on", v.approved_on},
              {"horizon", v.horizon},
              {"currency", v.currency},
              {"rate_used", v.pricing.rate},
              {"hour_price_used", v.pricing.hour_price},
              {"rows", rows_to_json(v.rows)},
              {"created_at", v.created_at}};
  out.update(figures_to_json(compute(v.rows, v.horizon, v.pricing)));
  return out;
}

json compare(const Figures& current, const Figures& approved) {
  json years = json::array();
  const std::size_t n = std::max(current.years.size(), approved.years.size());
  for (std::size_t i = 0; i < n; ++i) {
    double now = i < current.years.size() ? current.years[i].net : 0;
    double then = i < approved.years.size() ? approved.years[i].net : 0;
    years.push_back({{"year", static_cast<long long>(i)},
                     {"approved_net", then},
                     {"current_net", now},
                     {"difference", now - then}});
  }
  json payback_change;
  if (current.payback_year && approved.payback_year)
    payback_change = *current.payback_year - *approved.payback_year;
  return {{"npv_difference", current.npv - approved.npv},
          {"payback_year_change", payback_change},
          {"years", years}};
}

}  // namespace business_case
