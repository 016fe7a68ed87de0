#include "core/money.hpp"

#include <cctype>
#include <regex>

namespace core {
namespace {

long long power_of_ten(int n) {
  long long p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// "5.000" and "1.234.567" with no comma: points grouping thousands, as Danish writes them,
// never three or more decimals of an amount.
bool grouped_by_points(std::string_view text) {
  if (text.find(',') != std::string_view::npos) return false;
  static const std::regex pattern(R"(^\s*[-+]?\d{1,3}(\.\d{3})+\s*$)");
  return std::regex_match(text.begin(), text.end(), pattern);
}

// The text by parse_decimal's rule, exactly.
std::optional<long long> parse_exact(std::string_view text, int decimals) {
  auto normal = decimal_text(text);
  if (!normal) return std::nullopt;
  std::string_view s = *normal;
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  auto dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  while (fraction.size() > static_cast<std::size_t>(decimals) && fraction.back() == '0')
    fraction.remove_suffix(1);
  if ((whole.empty() && fraction.empty()) || fraction.size() > static_cast<std::size_t>(decimals))
    return std::nullopt;
  long long value = 0;
  for (std::string_view part : {whole, fraction}) {
    for (char c : part) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      value = value * 10 + (c - '0');
      if (value > kFixedMax) return std::nullopt;
    }
  }
  value *= power_of_ten(decimals - static_cast<int>(fraction.size()));
  if (value > kFixedMax) return std::nullopt;
  return negative ? -value : value;
}

}  // namespace

std::optional<long long> parse_fixed(std::string_view text, int decimals) {
  if (decimals < 3 && grouped_by_points(text)) {
    std::string ungrouped(text);
    std::erase(ungrouped, '.');
    return parse_exact(ungrouped, decimals);
  }
  return parse_exact(text, decimals);
}

std::optional<long long> fixed_from_json(const nlohmann::json& value, int decimals) {
  if (value.is_number_integer()) {
    auto v = value.get<long long>();
    const long long scale = power_of_ten(decimals);
    if (v > kFixedMax / scale || v < -kFixedMax / scale) return std::nullopt;
    return v * scale;
  }
  // A JSON number's point is always a decimal point.
  if (value.is_number_float()) return parse_exact(value.dump(), decimals);
  if (value.is_string()) return parse_fixed(value.get<std::string>(), decimals);
  return std::nullopt;
}

std::string format_fixed(long long value, int decimals) {
  const long long scale = power_of_ten(decimals);
  const bool negative = value < 0;
  const unsigned long long magnitude = negative ? 0ULL - static_cast<unsigned long long>(value)
                                                : static_cast<unsigned long long>(value);
  std::string out = negative ? "-" : "";
  out += std::to_string(magnitude / static_cast<unsigned long long>(scale));
  if (decimals > 0) {
    std::string fraction = std::to_string(magnitude % static_cast<unsigned long long>(scale));
    out += "." + std::string(static_cast<std::size_t>(decimals) - fraction.size(), '0') + fraction;
  }
  return out;
}

long long mul_div_round(long long value, long long numerator, long long denominator) {
  __int128 product = static_cast<__int128>(value) * numerator;
  __int128 half = denominator / 2;
  __int128 q = product >= 0 ? (product + half) / denominator : (product - half) / denominator;
  return static_cast<long long>(q);
}

}  // namespace core
