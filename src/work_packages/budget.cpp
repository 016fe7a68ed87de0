#include "work_packages/budget.hpp"

#include <set>

#include "core/money.hpp"

namespace work_packages {
namespace {

using nlohmann::json;

json money(long long minor) { return core::format_fixed(minor); }
json nullable(const std::optional<std::string>& v) { return v ? json(*v) : json(); }

// An exact amount from a JSON number or a typed text; absent, null or "" is 0.
std::optional<long long> amount(const json& row, const char* key, int decimals) {
  if (!row.contains(key) || row[key].is_null()) return 0;
  if (row[key].is_string() && row[key].get<std::string>().empty()) return 0;
  return core::fixed_from_json(row[key], decimals);
}

std::optional<std::string> text(const json& row, const char* key) {
  if (!row.contains(key) || !row[key].is_string() || row[key].get<std::string>().empty())
    return std::nullopt;
  return row[key].get<std::string>();
}

BudgetLine read_line(const json& raw, const std::string& at, core::Input& in) {
  BudgetLine line;
  if (!raw.is_object()) {
    in.fail(at, core::Message{"wp_err_row"});
    return line;
  }
  core::Input row(raw);
  auto year = row.optional_int("year", kYearMin, kYearMax);
  if (!year)
    in.fail(at + ".year", core::Message{"err.between", {{"min", kYearMin}, {"max", kYearMax}}});
  line.year = year.value_or(0);
  line.role = text(raw, "role");
  line.person_id = text(raw, "person_id");
  line.note = text(raw, "note");
  const std::pair<const char*, long long BudgetLine::*> amounts[] = {
      {"subcontractors", &BudgetLine::subcontractors}, {"other", &BudgetLine::other}};
  auto hours = amount(raw, "hours", 2);
  if (!hours || *hours < 0) in.fail(at + ".hours", core::Message{"wp_err_hours"});
  line.hours = hours.value_or(0);
  for (const auto& [key, member] : amounts) {
    auto v = amount(raw, key, core::kMoneyDecimals);
    if (!v || *v < 0) in.fail(at + "." + key, core::Message{"wp_err_amount"});
    line.*member = v.value_or(0);
  }
  if (line.hours > 0 && !line.role && !line.person_id) in.fail(at, core::Message{"wp_err_no_rate"});
  return line;
}

FinancingRow read_financing(const json& raw, const std::string& at, core::Input& in) {
  FinancingRow f;
  if (!raw.is_object()) {
    in.fail(at, core::Message{"wp_err_row"});
    return f;
  }
  core::Input row(raw);
  if (auto kind = row.optional_choice("kind", kFinancingKinds)) f.kind = *kind;
  if (!row.ok()) in.fail(at + ".kind", core::Message{"wp_err_kind"});
  f.funder = text(raw, "funder");
  if (f.kind == "grant" && !f.funder) in.fail(at + ".funder", core::Message{"wp_err_funder"});
  auto share = amount(raw, "share", 2);
  if (!share || *share < 0 || *share > kWholeShare)
    in.fail(at + ".share", core::Message{"wp_err_share"});
  f.share = share.value_or(0);
  return f;
}

template <typename Row, typename Read>
std::vector<Row> read_rows(core::Input& in, const char* key, Read read) {
  std::vector<Row> out;
  if (!in.raw().contains(key) || in.raw()[key].is_null()) return out;
  const auto& raw = in.raw()[key];
  if (!raw.is_array() || raw.size() > kMaxLines) {
    in.fail(key, core::Message{"wp_err_rows", {{"max", kMaxLines}}});
    return out;
  }
  for (std::size_t i = 0; i < raw.size(); ++i)
    out.push_back(read(raw[i], std::string(key) + "[" + std::to_string(i) + "]", in));
  return out;
}

}  // namespace

long long personnel(const BudgetLine& line) {
  return core::mul_div_round(line.hours, line.rate, 100);
}

long long total(const BudgetLine& line) {
  return personnel(line) + line.subcontractors + line.other;
}

long long total(const Budget& budget) {
  long long sum = 0;
  for (const auto& l : budget.lines) sum += total(l);
  return sum;
}

long long year_total(const Budget& budget, long long year) {
  long long sum = 0;
  for (const auto& l : budget.lines)
    if (l.year == year) sum += total(l);
  return sum;
}

long long share_of(long long amount, long long share) {
  return core::mul_div_round(amount, share, kWholeShare);
}

Budget parse_budget(core::Input& in) {
  Budget b;
  b.lines = read_rows<BudgetLine>(in, "lines", read_line);
  b.financing = read_rows<FinancingRow>(in, "financing", read_financing);
  long long shares = 0;
  for (const auto& f : b.financing) shares += f.share;
  const bool costs = std::any_of(b.lines.begin(), b.lines.end(),
                                 [](const BudgetLine& l) { return total(l) > 0 || l.hours > 0; });
  if ((costs || !b.financing.empty()) && shares != kWholeShare)
    in.fail(
        "financing",
        core::Message{"wp_err_shares",
                      {{"sum", shares % 100 == 0 ? json(shares / 100) : json(shares / 100.0)}}});
  in.check();
  return b;
}

json to_json(const Budget& budget) {
  json lines = json::array();
  long long hours = 0, staff = 0, sub = 0, other = 0;
  std::map<long long, long long> years;
  for (const auto& l : budget.lines) {
    lines.push_back({{"year", l.year},
                     {"role", nullable(l.role)},
                     {"person_id", nullable(l.person_id)},
                     {"hours", core::format_fixed(l.hours)},
                     {"rate", money(l.rate)},
                     {"personnel", money(personnel(l))},
                     {"subcontractors", money(l.subcontractors)},
                     {"other", money(l.other)},
                     {"total", money(total(l))},
                     {"note", nullable(l.note)}});
    hours += l.hours;
    staff += personnel(l);
    sub += l.subcontractors;
    other += l.other;
    years[l.year] += total(l);
  }
  const long long sum = total(budget);
  json financing = json::array();
  long long grant = 0;
  for (const auto& f : budget.financing) {
    financing.push_back({{"kind", f.kind},
                         {"funder", nullable(f.funder)},
                         {"share", core::format_fixed(f.share)},
                         {"amount", money(share_of(sum, f.share))}});
    if (f.kind == "grant") grant += share_of(sum, f.share);
  }
  json per_year = json::array();
  for (const auto& [year, amount] : years)
    per_year.push_back({{"year", year}, {"total", money(amount)}});
  return {{"work_package_id", budget.work_package_id},
          {"version", budget.version},
          {"lines", lines},
          {"financing", financing},
          {"years", per_year},
          {"totals",
           {{"hours", core::format_fixed(hours)},
            {"personnel", money(staff)},
            {"subcontractors", money(sub)},
            {"other", money(other)},
            {"total", money(sum)},
            {"grant", money(grant)}}}};
}

}  // namespace work_packages
