#pragma once

#include <optional>
#include <string>
#include <vector>

namespace work_packages {

// The timeline's layout, apart from drawing: months from the first package's start month to
// the last one's end month, each package a bar on its own row, milestones and today as
// marks, all placed on a scale of `width` units (days are equal, months are not).
struct Span {
  std::string id;
  std::string label;
  std::string start;  // YYYY-MM-DD
  std::string end;    // YYYY-MM-DD, inclusive
  bool late = false;
};

struct Milestone {
  std::string date;
  std::string label;
  std::string kind;  // "gate", "decision", "meeting"
};

struct MonthColumn {
  int year = 0;
  int month = 0;  // 1–12
  double x = 0;
  double width = 0;
};

struct Bar {
  std::string id;
  std::string label;
  std::string start;
  std::string end;
  double x = 0;
  double width = 0;
  std::size_t row = 0;
  bool late = false;
};

struct Mark {
  std::string date;
  std::string label;
  std::string kind;
  double x = 0;
};

struct TimelineLayout {
  std::vector<MonthColumn> months;
  std::vector<Bar> bars;
  std::vector<Mark> milestones;   // those inside the months only
  std::optional<double> today_x;  // when today is inside them
  long long days = 0;             // the months' length in days
};

// Spans with an end before their start are drawn one day long. No spans: nothing laid out.
TimelineLayout lay_out(const std::vector<Span>& spans, const std::vector<Milestone>& milestones,
                       const std::string& today, double width);

}  // namespace work_packages
