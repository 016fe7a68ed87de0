#include "kpis/kpi_chart.hpp"

#include <charconv>
#include <cmath>

#include <gtest/gtest.h>

namespace kpis {
namespace {

std::vector<ChartPoint> series(long first, long n) {
  std::vector<ChartPoint> out;
  for (long i = 0; i < n; ++i)
    out.push_back({first + i, (i < n / 2 ? 20.0 : 16.0) + std::sin(static_cast<double>(i)) * 3 +
                                  (i % 7 == 0 ? 0.125 : 0)});
  return out;
}

// The body as it was serialised before it was written directly: chart_json dumped by
// nlohmann with the points array spliced in (values by to_chars).
std::string spliced(const Kpi& k, const std::vector<ChartPoint>& points,
                    const std::vector<StoredPeriod>& periods) {
  auto chart = chart_json(k, points, periods, "2026-11-23");
  chart["points"] = "@points@";
  std::string doc = chart.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string arr = "[";
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (i) arr += ',';
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, points[i].value);
    arr += "{\"period\":\"" + format_period(frequency_of(k.frequency), points[i].period) +
           "\",\"value\":" + std::string(buf, end) +
           ",\"period_index\":" + std::to_string(points[i].period) + "}";
  }
  arr += "]";
  doc.replace(doc.find("\"@points@\""), 10, arr);
  return doc;
}

// The directly written API body is the same document as chart_json (which the pages
// use), whatever the rule set, the frequency, the splits or the text in the names.
TEST(KpiChartTest, TheWrittenBodyIsTheSameDocumentAsChartJson) {
  for (const char* freq : {"weekly", "monthly", "biweekly"}) {
    for (const char* rules : {"anhoej", "ihi"}) {
      Kpi k;
      k.id = "k\"1";
      k.name = "Ventetid \"før\" og\nefter \\ ÆØÅ";
      k.unit = "dage";
      k.frequency = freq;
      k.rule_set = rules;
      k.baseline = 20;
      k.target = 12.5;
      // Weeks from 1899 across many year ends (53-week years included).
      long first = std::string(freq) == "monthly" ? 1950 * 12 : -3700;
      auto points = series(first, 6000);
      std::vector<StoredPeriod> periods;
      StoredPeriod base;
      base.id = "p1";
      base.split = {first, "Baseline", true, first + 11};
      StoredPeriod trial;
      trial.id = "p2";
      trial.split = {first + 3000, "Afprøvning", true, std::nullopt};
      periods = {base, trial};
      auto body = chart_body(k, points, periods, "2026-11-23");
      auto expected = chart_json(k, points, periods, "2026-11-23");
      EXPECT_EQ(nlohmann::json::parse(body), expected) << freq << " " << rules;
      EXPECT_EQ(body, spliced(k, points, periods)) << freq << " " << rules;  // byte for byte
      EXPECT_FALSE(expected["signals"].empty());
      for (std::size_t i = 0; i < points.size(); i += 37)
        EXPECT_EQ(expected["points"][i]["period"],
                  format_period(frequency_of(freq), points[i].period));
    }
  }
  Kpi empty;
  EXPECT_EQ(nlohmann::json::parse(chart_body(empty, {}, {}, "2026-11-23")),
            chart_json(empty, {}, {}, "2026-11-23"));
}

}  // namespace
}  // namespace kpis
