#include "work_packages/budget_view.hpp"

#include <algorithm>
#include <cmath>

#include "core/money.hpp"
#include "projects/coverage.hpp"
#include "web/i18n.hpp"

namespace work_packages {
namespace {

using nlohmann::json;

constexpr int kBlankLines = 3;
constexpr int kBlankFinancing = 2;
constexpr double kLeft = 90, kTop = 16, kWidth = 600, kHeight = 180;

std::string grouped(std::string digits, const std::string& group) {
  std::string out;
  int n = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it, ++n) {
    if (n > 0 && n % 3 == 0) out.insert(0, group);
    out.insert(out.begin(), *it);
  }
  return out;
}

std::string decimal_text(const std::string& locale, long long value, bool trim) {
  std::string plain = core::format_fixed(value);  // "-1234.50"
  const bool negative = plain.front() == '-';
  if (negative) plain.erase(0, 1);
  auto dot = plain.find('.');
  std::string whole = plain.substr(0, dot), fraction = plain.substr(dot + 1);
  if (trim) {
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  }
  const std::string group = locale == "en" ? "," : locale == "sv" ? "\u00a0" : ".";
  const std::string mark = locale == "en" ? "." : ",";
  return (negative ? "−" : "") + grouped(whole, group) + (fraction.empty() ? "" : mark + fraction);
}

json amounts_view(const Amounts& a, const std::string& locale) {
  return {{"budget", money_text(locale, a.budget)},
          {"actual", money_text(locale, a.actual)},
          {"remaining", money_text(locale, a.remaining())},
          {"used", a.budget > 0 ? hundredths_text(
                                      locale, core::mul_div_round(a.actual, kWholeShare, a.budget))
                                : std::string("–")},
          {"over", a.actual > a.budget}};
}

std::string typed(const json& form, const std::string& key) {
  return form.contains(key) && form[key].is_string() ? form[key].get<std::string>() : "";
}

}  // namespace

std::string money_text(const std::string& locale, long long minor) {
  return decimal_text(locale, minor, false);
}

std::string hundredths_text(const std::string& locale, long long hundredths) {
  return decimal_text(locale, hundredths, true);
}

json summary_view(const Summary& s, const std::string& locale) {
  json packages = json::array();
  for (const auto& p : s.packages) {
    json row = amounts_view(p.amounts, locale);
    row["title"] = p.title;
    row["id"] = p.id;
    row["grant"] = money_text(locale, p.grant);
    row["planned_to_date"] = money_text(locale, p.planned_to_date);
    row["over_plan"] = p.over_plan();
    packages.push_back(row);
  }
  json years = json::array();
  for (const auto& [year, a] : s.years) {
    json row = amounts_view(a, locale);
    row["year"] = year;
    years.push_back(row);
  }
  json funders = json::array();
  for (const auto& f : s.funders) {
    json cells = json::array();
    for (const auto& c : f.cells)
      cells.push_back({{"title", c.package_title},
                       {"year", c.year},
                       {"granted", money_text(locale, c.granted)},
                       {"spent", money_text(locale, c.spent)},
                       {"remaining", money_text(locale, c.granted - c.spent)}});
    funders.push_back({{"funder", f.funder},
                       {"granted", money_text(locale, f.granted)},
                       {"spent", money_text(locale, f.spent)},
                       {"remaining", money_text(locale, f.granted - f.spent)},
                       {"cells", cells}});
  }
  json project = amounts_view(s.project, locale);
  project["grant"] = money_text(locale, s.grant);
  project["grant_share"] = hundredths_text(locale, s.grant_share);
  return {{"project", project},
          {"packages", packages},
          {"years", years},
          {"funders", funders},
          {"has_funders", !funders.empty()},
          {"has_budget", s.project.budget > 0 || s.project.actual > 0}};
}

json burn_view(const Summary& s, const std::string& locale) {
  if (s.burn.empty()) return {{"drawn", false}};
  long long high = 1;
  for (const auto& m : s.burn) high = std::max({high, m.planned_cumulative, m.actual_cumulative});
  const double step = kWidth / static_cast<double>(std::max<std::size_t>(s.burn.size() - 1, 1));
  auto y = [&](long long v) {
    return std::lround(kTop + kHeight -
                       static_cast<double>(v) / static_cast<double>(high) * kHeight);
  };
  std::string plan, actual;
  json months = json::array();
  const std::string today_month = s.burn.back().month;
  long long last_actual = -1;
  for (std::size_t i = 0; i < s.burn.size(); ++i) {
    const auto& m = s.burn[i];
    const long x = std::lround(kLeft + step * static_cast<double>(i));
    plan += (i ? " " : "") + std::to_string(x) + "," + std::to_string(y(m.planned_cumulative));
    if (m.actual != 0 || last_actual < 0 || m.actual_cumulative != last_actual) {
      if (m.actual_cumulative > 0 || i == 0)
        actual += (actual.empty() ? "" : " ") + std::to_string(x) + "," +
                  std::to_string(y(m.actual_cumulative));
    }
    last_actual = m.actual_cumulative;
    const int month = std::stoi(m.month.substr(5, 2));
    months.push_back(
        {{"x", x},
         {"label", month == 1 || i == 0 ? m.month.substr(0, 4)
                                        : web::t(locale, "wp_month_" + std::to_string(month))},
         {"show", i % 3 == 0 || month == 1},
         {"month", m.month},
         {"planned", money_text(locale, m.planned_cumulative)},
         {"actual", money_text(locale, m.actual_cumulative)}});
  }
  return {{"drawn", true},
          {"plan_points", plan},
          {"actual_points", actual},
          {"months", months},
          {"high", money_text(locale, high)},
          {"high_y", std::lround(kTop)},
          {"zero_y", std::lround(kTop + kHeight)},
          {"axis_y", std::lround(kTop + kHeight + 18)},
          {"label_x", std::lround(kLeft - 6)},
          {"left", std::lround(kLeft)},
          {"right", std::lround(kLeft + kWidth)}};
}

json actuals_view(const std::vector<Actual>& actuals, const Summary& s, const std::string& locale) {
  std::map<std::string, std::string> titles;
  for (const auto& p : s.packages) titles[p.id] = p.title;
  json rows = json::array();
  for (auto it = actuals.rbegin(); it != actuals.rend(); ++it) {
    const auto& a = *it;
    rows.push_back({{"date", a.date},
                    {"package", titles[a.work_package_id]},
                    {"kind", web::t(locale, "wp_kind_" + a.kind)},
                    {"amount", money_text(locale, a.amount.value_or(0))},
                    {"hours", a.hours ? hundredths_text(locale, *a.hours) : ""},
                    {"note", a.note.value_or("")}});
  }
  return rows;
}

json budget_form(const Budget& stored, const json& form, const std::string& locale) {
  json lines = json::array(), financing = json::array();
  const bool typed_form = !form.is_null();
  const std::size_t line_count =
      (typed_form ? form.value("line_count", 0) : static_cast<int>(stored.lines.size())) +
      kBlankLines;
  for (std::size_t i = 0; i < line_count; ++i) {
    const std::string p = "l" + std::to_string(i) + "_";
    json row = {{"i", i}, {"n", i + 1}};
    if (typed_form) {
      for (const char* k : {"year", "role", "person_id", "hours", "subcontractors", "other"})
        row[k] = typed(form, p + k);
    } else if (i < stored.lines.size()) {
      const auto& l = stored.lines[i];
      row["year"] = std::to_string(l.year);
      row["role"] = l.role.value_or("");
      row["hours"] = hundredths_text(locale, l.hours);
      row["subcontractors"] = hundredths_text(locale, l.subcontractors);
      row["other"] = hundredths_text(locale, l.other);
      row["personnel"] = money_text(locale, personnel(l));
      row["total"] = money_text(locale, total(l));
    }
    json roles = json::array();
    for (const auto& r : projects::kRoles)
      roles.push_back({{"value", r},
                       {"label", web::t(locale, "role." + r)},
                       {"selected", row.value("role", "") == r}});
    row["roles"] = roles;
    lines.push_back(row);
  }
  const std::size_t financing_count =
      (typed_form ? form.value("financing_count", 0) : static_cast<int>(stored.financing.size())) +
      kBlankFinancing;
  for (std::size_t i = 0; i < financing_count; ++i) {
    const std::string p = "f" + std::to_string(i) + "_";
    json row = {{"i", i}, {"n", i + 1}};
    std::string kind;
    if (typed_form) {
      for (const char* k : {"funder", "share"}) row[k] = typed(form, p + k);
      kind = typed(form, p + "kind");
    } else if (i < stored.financing.size()) {
      const auto& f = stored.financing[i];
      kind = f.kind;
      row["funder"] = f.funder.value_or("");
      row["share"] = hundredths_text(locale, f.share);
      row["amount"] = money_text(locale, share_of(total(stored), f.share));
    }
    json kinds = json::array();
    for (const auto& k : kFinancingKinds)
      kinds.push_back(
          {{"value", k}, {"label", web::t(locale, "wp_financing_" + k)}, {"selected", k == kind}});
    row["kinds"] = kinds;
    financing.push_back(row);
  }
  return {{"lines", lines}, {"financing", financing}};
}

json budget_body(const std::map<std::string, std::string>& form) {
  auto get = [&](const std::string& k) { return form.count(k) ? form.at(k) : std::string(); };
  json lines = json::array(), financing = json::array();
  for (int i = 0; form.count("l" + std::to_string(i) + "_year"); ++i) {
    const std::string p = "l" + std::to_string(i) + "_";
    json row = json::object();
    bool blank = true;
    for (const char* k : {"year", "role", "hours", "subcontractors", "other"}) {
      row[k] = get(p + k);
      blank = blank && row[k].get<std::string>().empty();
    }
    if (blank) continue;
    if (auto year = core::parse_fixed(row["year"].get<std::string>(), 0)) row["year"] = *year;
    lines.push_back(row);
  }
  for (int i = 0; form.count("f" + std::to_string(i) + "_share"); ++i) {
    const std::string p = "f" + std::to_string(i) + "_";
    json row = {
        {"kind", get(p + "kind")}, {"funder", get(p + "funder")}, {"share", get(p + "share")}};
    if (row["funder"] == "" && row["share"] == "") continue;
    financing.push_back(row);
  }
  json body = {{"lines", lines}, {"financing", financing}};
  if (auto v = core::parse_fixed(get("budget_version"), 0)) body["version"] = *v;
  return body;
}

}  // namespace work_packages
