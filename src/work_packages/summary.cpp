#include "work_packages/summary.hpp"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <set>

#include "core/money.hpp"

namespace work_packages {
namespace {

using nlohmann::json;

int month_index(const std::string& date) {  // months since year 0
  return std::stoi(date.substr(0, 4)) * 12 + std::stoi(date.substr(5, 2)) - 1;
}

std::string month_text(int index) {
  char out[8];
  std::snprintf(out, sizeof out, "%04d-%02d", index / 12, index % 12 + 1);
  return out;
}

// The months of `year` a package runs in; all twelve when it runs in none of them.
std::vector<int> months_in(const WorkPackage& wp, long long year) {
  std::vector<int> out;
  const int first = static_cast<int>(year) * 12;
  for (int m = first; m < first + 12; ++m)
    if (m >= month_index(wp.start) && m <= month_index(wp.end)) out.push_back(m);
  if (out.empty())
    for (int m = first; m < first + 12; ++m) out.push_back(m);
  return out;
}

json money(long long minor) { return core::format_fixed(minor); }

json amounts(const Amounts& a) {
  return {{"budget", money(a.budget)},
          {"actual", money(a.actual)},
          {"remaining", money(a.remaining())},
          {"over", a.actual > a.budget}};
}

}  // namespace

Summary summarise(const std::vector<WorkPackage>& packages,
                  const std::map<std::string, Budget>& budgets, const std::vector<Actual>& actuals,
                  const std::string& today) {
  const int now = today.size() >= 7 ? month_index(today) : INT_MAX;
  Summary s;
  std::map<std::string, long long> spent;                                // package → actual
  std::map<std::pair<std::string, long long>, long long> spent_in_year;  // (package, year)
  std::map<int, long long> actual_by_month, plan_by_month;
  for (const auto& a : actuals) {
    const long long amount = a.amount.value_or(0);
    spent[a.work_package_id] += amount;
    spent_in_year[{a.work_package_id, std::stoll(a.date.substr(0, 4))}] += amount;
    s.years[std::stoll(a.date.substr(0, 4))].actual += amount;
    actual_by_month[month_index(a.date)] += amount;
  }
  std::map<std::string, FunderFigures> funders;
  for (const auto& wp : packages) {
    PackageFigures p{wp.id, wp.title, {}, 0, 0};
    auto found = budgets.find(wp.id);
    const Budget empty;
    const Budget& b = found == budgets.end() ? empty : found->second;
    p.amounts.budget = total(b);
    p.amounts.actual = spent[wp.id];
    std::map<long long, long long> by_year;
    for (const auto& l : b.lines) by_year[l.year] += total(l);
    for (const auto& [year, amount] : by_year) {
      s.years[year].budget += amount;
      auto months = months_in(wp, year);
      const long long each = amount / static_cast<long long>(months.size());
      for (int m : months) {
        const long long planned =
            each + (m == months.back() ? amount - each * static_cast<long long>(months.size()) : 0);
        plan_by_month[m] += planned;
        if (m < now) p.planned_to_date += planned;
      }
    }
    for (const auto& f : b.financing) {
      if (f.kind != "grant") continue;
      p.grant += share_of(p.amounts.budget, f.share);
      auto& funder = funders[f.funder.value_or("")];
      funder.funder = f.funder.value_or("");
      funder.granted += share_of(p.amounts.budget, f.share);
      funder.spent += share_of(p.amounts.actual, f.share);
      std::set<long long> years;
      for (const auto& [year, _] : by_year) years.insert(year);
      for (const auto& [key, _] : spent_in_year)
        if (key.first == wp.id) years.insert(key.second);
      for (long long year : years)
        funder.cells.push_back({wp.id, wp.title, year, share_of(by_year[year], f.share),
                                share_of(spent_in_year[{wp.id, year}], f.share)});
    }
    s.project.budget += p.amounts.budget;
    s.project.actual += p.amounts.actual;
    s.grant += p.grant;
    s.packages.push_back(std::move(p));
  }
  for (auto& [_, f] : funders) s.funders.push_back(std::move(f));
  if (s.project.budget > 0) {
    s.grant_share = core::mul_div_round(s.grant, kWholeShare, s.project.budget);
    s.used_share = core::mul_div_round(s.project.actual, kWholeShare, s.project.budget);
  }
  if (!packages.empty() || !actual_by_month.empty()) {
    int first = INT_MAX, last = INT_MIN;
    for (const auto& wp : packages) {
      first = std::min(first, month_index(wp.start));
      last = std::max(last, month_index(wp.end));
    }
    for (const auto& [m, _] : actual_by_month) {
      first = std::min(first, m);
      last = std::max(last, m);
    }
    for (const auto& [m, _] : plan_by_month) {
      first = std::min(first, m);
      last = std::max(last, m);
    }
    long long planned = 0, actual = 0;
    for (int m = first; m <= last; ++m) {
      planned += plan_by_month[m];
      actual += actual_by_month[m];
      s.burn.push_back({month_text(m), plan_by_month[m], actual_by_month[m], planned, actual});
    }
  }
  return s;
}

json to_json(const Summary& s) {
  json packages = json::array();
  for (const auto& p : s.packages) {
    json row = amounts(p.amounts);
    row["work_package_id"] = p.id;
    row["title"] = p.title;
    row["grant"] = money(p.grant);
    row["planned_to_date"] = money(p.planned_to_date);
    row["over_plan"] = p.over_plan();
    packages.push_back(row);
  }
  json years = json::array();
  for (const auto& [year, a] : s.years) {
    json row = amounts(a);
    row["year"] = year;
    years.push_back(row);
  }
  json funders = json::array();
  for (const auto& f : s.funders) {
    json cells = json::array();
    for (const auto& c : f.cells)
      cells.push_back({{"work_package_id", c.package_id},
                       {"title", c.package_title},
                       {"year", c.year},
                       {"granted", money(c.granted)},
                       {"spent", money(c.spent)}});
    funders.push_back({{"funder", f.funder},
                       {"granted", money(f.granted)},
                       {"spent", money(f.spent)},
                       {"remaining", money(f.granted - f.spent)},
                       {"per_package_and_year", cells}});
  }
  json burn = json::array();
  for (const auto& m : s.burn)
    burn.push_back({{"month", m.month},
                    {"planned", money(m.planned)},
                    {"actual", money(m.actual)},
                    {"planned_cumulative", money(m.planned_cumulative)},
                    {"actual_cumulative", money(m.actual_cumulative)}});
  json project = amounts(s.project);
  project["grant"] = money(s.grant);
  project["grant_share"] = core::format_fixed(s.grant_share);
  project["used_share"] = core::format_fixed(s.used_share);
  return {{"project", project},
          {"packages", packages},
          {"years", years},
          {"funders", funders},
          {"burn", burn}};
}

}  // namespace work_packages
