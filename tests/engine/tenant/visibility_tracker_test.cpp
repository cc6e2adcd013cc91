#include "engine/tenant/visibility_tracker.h"

#include <gtest/gtest.h>

namespace strata {
namespace {

TEST(VisibilityTrackerTest, WatermarkWaitsForEarlierWrites) {
  VisibilityTracker tracker(0);
  tracker.begin(1);
  tracker.begin(2);
  bool second_visible = false, first_visible = false;
  tracker.applied(2, [&] { second_visible = true; });
  EXPECT_FALSE(second_visible);
  EXPECT_EQ(tracker.watermark(), 0u);
  tracker.applied(1, [&] { first_visible = true; });
  EXPECT_TRUE(first_visible);
  EXPECT_TRUE(second_visible);
  EXPECT_EQ(tracker.watermark(), 2u);
}

TEST(VisibilityTrackerTest, InOrderWritesBecomeVisibleAtOnce) {
  VisibilityTracker tracker(10);
  tracker.begin(11);
  int visible = 0;
  tracker.applied(11, [&] { ++visible; });
  EXPECT_EQ(visible, 1);
  EXPECT_EQ(tracker.watermark(), 11u);
}

}  // namespace
}  // namespace strata
