#include <gtest/gtest.h>

#include "jobs/job_store.hpp"

namespace {

TEST(JobsBackoff, DoublesFromTheBaseUpToAnHour) {
  EXPECT_EQ(jobs::backoff_seconds(1, 30), 30);
  EXPECT_EQ(jobs::backoff_seconds(2, 30), 60);
  EXPECT_EQ(jobs::backoff_seconds(3, 30), 120);
  EXPECT_EQ(jobs::backoff_seconds(8, 30), 3600);
  EXPECT_EQ(jobs::backoff_seconds(1000, 30), 3600);
  EXPECT_EQ(jobs::backoff_seconds(0, 30), 30);
  EXPECT_EQ(jobs::backoff_seconds(1, 0), 1);
}

}  // namespace
