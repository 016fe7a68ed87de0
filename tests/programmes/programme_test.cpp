#include "programmes/programme.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace programmes {
namespace {

using nlohmann::json;

Programme sample() {
  Programme p;
  p.id = "01PROG";
  p.tenant_id = "01UMBRELLA";
  p.clusters = {{"01C1", "Nord"}, {"01C2", "Syd"}};
  p.tracks = {{"01T1", "Styrket borgerkontakt"}, {"01T2", "Frisættende ledelse"}};
  return p;
}

std::vector<std::string> names(const std::vector<Group>& groups) {
  std::vector<std::string> out;
  for (const auto& g : groups) out.push_back(g.name);
  return out;
}

TEST(ProgrammeTest, ParsesClustersAndTracksFromJsonOrOneNamePerLine) {
  core::Input api(
      json{{"title", "Program"}, {"clusters", {"Nord", " Syd "}}, {"tracks", json::array()}});
  auto f = parse_new_programme(api);
  EXPECT_EQ(names(f.clusters), (std::vector<std::string>{"Nord", "Syd"}));
  EXPECT_TRUE(f.tracks.empty());
  core::Input form(json{{"title", "Program"}, {"clusters", "Nord\r\n\r\nSyd\r\n"}}, true);
  EXPECT_EQ(names(parse_new_programme(form).clusters), (std::vector<std::string>{"Nord", "Syd"}));
}

TEST(ProgrammeTest, RejectsDuplicateEmptyAndTooManyNames) {
  core::Input twice(json{{"title", "P"}, {"clusters", {"Nord", "Nord"}}});
  EXPECT_THROW(parse_new_programme(twice), core::ValidationError);
  core::Input empty(json{{"title", "P"}, {"tracks", {""}}});
  EXPECT_THROW(parse_new_programme(empty), core::ValidationError);
  json many = json::array();
  for (int i = 0; i < 51; ++i) many.push_back("K" + std::to_string(i));
  core::Input too_many(json{{"title", "P"}, {"clusters", many}});
  EXPECT_THROW(parse_new_programme(too_many), core::ValidationError);
  core::Input no_title(json::object());
  EXPECT_THROW(parse_new_programme(no_title), core::ValidationError);
}

TEST(ProgrammeTest, PlacementResolvesNamesOrIds) {
  auto p = sample();
  Placement placement;
  placement.cluster = "Syd";
  placement.tracks = std::vector<std::string>{"01T2", "Styrket borgerkontakt", "01T2"};
  auto [cluster, tracks] = resolve_placement(p, placement, std::nullopt, {});
  EXPECT_EQ(cluster, "01C2");
  EXPECT_EQ(tracks, (std::vector<std::string>{"01T2", "01T1"}));
}

TEST(ProgrammeTest, PlacementKeepsWhatIsNotGivenAndClearsAnEmptyCluster) {
  auto p = sample();
  Placement only_tracks;
  only_tracks.tracks = std::vector<std::string>{};
  auto [cluster, tracks] = resolve_placement(p, only_tracks, std::string("01C1"), {"01T1"});
  EXPECT_EQ(cluster, "01C1");
  EXPECT_TRUE(tracks.empty());
  Placement no_cluster;
  no_cluster.cluster = "";
  EXPECT_FALSE(resolve_placement(p, no_cluster, std::string("01C1"), {}).first.has_value());
}

TEST(ProgrammeTest, UnknownClusterOrTrackIsAFieldError) {
  auto p = sample();
  Placement placement;
  placement.cluster = "Vest";
  placement.tracks = std::vector<std::string>{"Økonomi"};
  try {
    resolve_placement(p, placement, std::nullopt, {});
    FAIL() << "expected a validation error";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().at("cluster"), "is not a cluster of this programme");
    EXPECT_EQ(e.fields().at("tracks"), "contains a track that is not in this programme");
  }
}

TEST(ProgrammeTest, OnlyTheOwnersAdministratorsManage) {
  auto p = sample();
  core::AuthContext admin{.tenant_id = "01UMBRELLA", .role = "admin"};
  core::AuthContext member{.tenant_id = "01UMBRELLA", .role = "member"};
  core::AuthContext other_admin{.tenant_id = "01KOMMUNE", .role = "admin"};
  EXPECT_TRUE(may_manage(p, admin));
  EXPECT_FALSE(may_manage(p, member));
  EXPECT_FALSE(may_manage(p, other_admin));
  EXPECT_THROW(require_manage(p, other_admin), core::Forbidden);
}

TEST(ProgrammeTest, AttachedProjectJsonSharesOnlyTheAgreedFields) {
  auto p = sample();
  AttachedProject a{"01PROJ",
                    "01KOMMUNE",
                    "Kommune A",
                    "Forløb",
                    "kl-workflow",
                    "trial",
                    "yellow",
                    "2026-04-07T10:00:00.000Z",
                    std::string("01C1"),
                    {"01T1"},
                    "2026-04-08T10:00:00.000Z"};
  auto j = to_json(a, p, "01UMBRELLA");
  EXPECT_EQ(j["cluster"]["name"], "Nord");
  EXPECT_EQ(j["tracks"][0]["name"], "Styrket borgerkontakt");
  EXPECT_EQ(j["tenant"]["name"], "Kommune A");
  EXPECT_FALSE(j["own"].get<bool>());
  EXPECT_FALSE(j.contains("status_reason"));
  EXPECT_FALSE(j.contains("purpose"));
}

}  // namespace
}  // namespace programmes
