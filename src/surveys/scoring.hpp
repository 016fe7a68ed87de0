#pragma once

// How a survey's answers become indices on 0–100 (issue 17): a Likert answer's score, a
// respondent's index on a scale, and a group's index over its respondents. Pure; no I/O.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace surveys {

// A Likert item offers five labelled points, 0 (e.g. "not at all") to 4 ("to a very high
// degree"), scored 0, 25, 50, 75, 100.
inline constexpr int kLikertPoints = 5;

// An item of a scale: a reverse-scored item ("conflicts are handled unfairly") counts
// 100 − score, so that high means good on every item of the scale.
struct ScaleItem {
  std::string key;
  bool reverse = false;
};

struct Scale {
  std::string key;
  std::vector<ScaleItem> items;
};

// One respondent's Likert answers: item key → the point chosen (0–4); an item left out is
// not answered.
using LikertAnswers = std::map<std::string, int>;

// The score of `point` on 0–100; throws std::out_of_range outside 0–4.
double likert_score(int point, bool reverse = false);

// The respondent's index on the scale: the mean of the answered items' scores, when at
// least half the scale's items are answered; nullopt otherwise (the respondent does not
// count in this scale).
std::optional<double> respondent_index(const Scale& scale, const LikertAnswers& answers);

// A group's result on a scale: how many respondents count, their mean index and its
// sample standard deviation (0 for fewer than two).
struct GroupIndex {
  long long n = 0;
  double mean = 0;
  double sd = 0;
};

GroupIndex group_index(const std::vector<double>& respondent_indices);

}  // namespace surveys
