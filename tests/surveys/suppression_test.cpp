#include "surveys/suppression.hpp"

#include <gtest/gtest.h>

namespace surveys {
namespace {

using Ids = std::set<std::string>;

TEST(SurveySuppression, AUnitUnderTheMinimumIsHiddenAndTheRestShown) {
  std::vector<UnitCount> units = {
      {"root", std::nullopt, 20}, {"a", "root", 8}, {"b", "root", 7}, {"c", "root", 5}};
  EXPECT_EQ(suppressed_units(units, 5), Ids{});
  units[3].answered = 4;
  units[0].answered = 19;
  // c is under 5; the smallest shown sibling (b) goes too, or c = root − a − b.
  EXPECT_EQ(suppressed_units(units, 5), (Ids{"c", "b"}));
}

TEST(SurveySuppression, ParentTwelveWithSiblingsSevenAndThreeHidesBothSiblings) {
  // Two answered in the parent itself: too few to blur the three.
  std::vector<UnitCount> units = {
      {"parent", std::nullopt, 12}, {"seven", "parent", 7}, {"three", "parent", 3}};
  EXPECT_EQ(suppressed_units(units, 5), (Ids{"three", "seven"}));
}

TEST(SurveySuppression, TwoHiddenSiblingsNeedNoThird) {
  std::vector<UnitCount> units = {{"root", std::nullopt, 20},
                                  {"a", "root", 8},
                                  {"b", "root", 7},
                                  {"c", "root", 3},
                                  {"d", "root", 2}};
  EXPECT_EQ(suppressed_units(units, 5), (Ids{"c", "d"}));
}

TEST(SurveySuppression, AnOnlyChildHiddenHidesItsParentUnlessEnoughAnsweredInTheParent) {
  // office 6 = desk 3 + 3 of its own: office − desk would give the desk's result nearly.
  std::vector<UnitCount> units = {
      {"root", std::nullopt, 40}, {"office", "root", 6}, {"desk", "office", 3}};
  EXPECT_EQ(suppressed_units(units, 5), (Ids{"desk", "office"}));
  // office 10 = desk 3 + 7 of its own: the desk blurs into a group of ten.
  units[1].answered = 10;
  EXPECT_EQ(suppressed_units(units, 5), Ids{"desk"});
}

TEST(SurveySuppression, AUnitNoOneAnsweredInIsHiddenButNeedsNoProtection) {
  std::vector<UnitCount> units = {
      {"root", std::nullopt, 15}, {"a", "root", 8}, {"b", "root", 7}, {"empty", "root", 0}};
  EXPECT_EQ(suppressed_units(units, 5), Ids{"empty"});
}

TEST(SurveySuppression, AHiddenUnitItsChildrenAddUpToHasAChildHiddenToo) {
  // root 20 = a 12 + b 3 + c 5; c = c1 5 + c2 0. b is hidden, so c goes too; c would then be
  // c1's result exactly, so c1 goes as well.
  std::vector<UnitCount> units = {{"root", std::nullopt, 20}, {"a", "root", 12}, {"b", "root", 3},
                                  {"c", "root", 5},           {"c1", "c", 5},    {"c2", "c", 0}};
  EXPECT_EQ(suppressed_units(units, 5), (Ids{"b", "c", "c1", "c2"}));
}

TEST(SurveySuppression, TheMinimumNeverGoesBelowThree) {
  std::vector<UnitCount> units = {
      {"root", std::nullopt, 30}, {"a", "root", 2}, {"b", "root", 14}, {"c", "root", 14}};
  // With a minimum of 1 asked, 2 answers are still hidden (and b with them).
  EXPECT_EQ(suppressed_units(units, 1), (Ids{"a", "b"}));
  units[1].answered = 3;
  units[0].answered = 31;
  EXPECT_EQ(suppressed_units(units, 1), Ids{});
}

TEST(SurveySuppression, ProtectionRepeatsDownAndUpTheTree) {
  // office (12) shown: its desks 9 and 3 → both hidden. The division (30) = office 12 +
  // lab 18 shows both; nothing more is needed there.
  std::vector<UnitCount> units = {{"division", std::nullopt, 30},
                                  {"office", "division", 12},
                                  {"lab", "division", 18},
                                  {"desk1", "office", 9},
                                  {"desk2", "office", 3}};
  EXPECT_EQ(suppressed_units(units, 5), (Ids{"desk1", "desk2"}));
}

}  // namespace
}  // namespace surveys
