#include "benchmarks/indicator.hpp"

#include <algorithm>
#include <cctype>

namespace benchmarks {
namespace {

using nlohmann::json;

constexpr std::size_t kDescriptionMax = 2000;
constexpr std::size_t kUnitMax = 40;
constexpr std::size_t kCodeMax = 40;

std::string folded(std::string text) {
  auto not_space = [](unsigned char c) { return std::isspace(c) == 0; };
  text.erase(text.begin(), std::find_if(text.begin(), text.end(), not_space));
  text.erase(std::find_if(text.rbegin(), text.rend(), not_space).base(), text.end());
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool code_chars(const std::string& code) {
  return std::all_of(code.begin(), code.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.';
  });
}

std::string upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

const kit::Fields<Indicator>& indicator_fields() {
  static const kit::Fields<Indicator> fields =
      kit::Fields<Indicator>()
          .id(&Indicator::id)
          .text("name", &Indicator::name, {.required = true})
          .text("description", &Indicator::description, {.max = kDescriptionMax})
          .text("unit", &Indicator::unit, {.required = true, .max = kUnitMax})
          .choice("direction", &Indicator::direction, kpis::kDirections)
          .choice("frequency", &Indicator::frequency, kIndicatorFrequencies,
                  {.describe = "weekly indicators take weekly and biweekly KPIs"})
          .optional_text("source", &Indicator::source,
                         {.max = kCodeMax, .describe = "kolada or flis, with external_code"})
          .optional_text("external_code", &Indicator::external_code,
                         {.max = kCodeMax,
                          .describe = "the key in the source, e.g. N00945; unique per source"})
          .computed("mine",
                    {{"type", "boolean"}, {"description", "added by the caller's municipality"}},
                    [](const Indicator& i) { return i.mine; })
          .stamps()
          .check([](const Indicator& i, core::Input& in) {
            if (!in.ok()) return;
            if (i.source &&
                std::find(kSources.begin(), kSources.end(), *i.source) == kSources.end())
              in.fail("source", core::Message{"err.one_of", {{"values", "kolada, flis"}}});
            else if (i.source && !i.external_code)
              in.fail("external_code", core::Message{"benchmark_err_code_needed"});
            else if (i.external_code && !i.source)
              in.fail("source", core::Message{"benchmark_err_source_needed"});
            else if (i.external_code && !code_chars(*i.external_code))
              in.fail("external_code", core::Message{"benchmark_err_code_chars"});
            else if (folded(i.unit).empty())
              in.fail("unit", core::Message{"err.required"});
          });
  return fields;
}

Indicator normalised(Indicator indicator) {
  if (indicator.external_code) indicator.external_code = upper(*indicator.external_code);
  return indicator;
}

std::optional<core::Message> misfit(const Indicator& indicator, const kpis::Kpi& kpi) {
  if (folded(indicator.unit) != folded(kpi.unit))
    return core::Message{"benchmark_err_unit", {{"unit", indicator.unit}}};
  if (indicator.direction != kpi.direction) return core::Message{"benchmark_err_direction"};
  bool monthly = kpi.frequency == "monthly";
  if (monthly != (indicator.frequency == "monthly"))
    return core::Message{"benchmark_err_frequency_" + indicator.frequency};
  return std::nullopt;
}

kpis::Frequency period_line(const Indicator& indicator) {
  return kpis::frequency_of(indicator.frequency);
}

}  // namespace benchmarks
