#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace core {

// Exact amounts: money in minor units (øre/öre, 2 decimals), hours in hundredths, shares in
// hundredths of a per cent. Never binary floating point: a budget's sums must come out to
// the øre.
inline constexpr int kMoneyDecimals = 2;
// 10 000 000 000 000 kroner: far beyond any budget, far below the integer's range.
inline constexpr long long kFixedMax = 1'000'000'000'000'000LL;

// core::parse_decimal's rule as text before it becomes a number: group marks gone, "." the
// decimal mark ("1.234,5" → "1234.5"); nullopt when it is no number (defined in input.cpp).
std::optional<std::string> decimal_text(std::string_view text);
// Text as people type it (core::parse_decimal's rule: "1.234,50", "1 234.5", "−3") as an
// integer of `decimals` places: "12,5" with 2 → 1250. nullopt when it is no number, has more
// places than `decimals` (other than trailing zeros) or is beyond kFixedMax. Points alone
// grouping thousands ("5.000", "1.234.567") are read as Danish writes them: 5000.
std::optional<long long> parse_fixed(std::string_view text, int decimals = kMoneyDecimals);
// A JSON integer, a JSON number (read by its shortest text, so 0.1 is exactly 10 øre) or a
// text as parse_fixed reads it; nullopt otherwise.
std::optional<long long> fixed_from_json(const nlohmann::json& value,
                                         int decimals = kMoneyDecimals);
// 123450 with 2 → "1234.50"; -5 → "-0.05".
std::string format_fixed(long long value, int decimals = kMoneyDecimals);
// value × numerator / denominator, rounded half away from zero, without overflow.
long long mul_div_round(long long value, long long numerator, long long denominator);

}  // namespace core
