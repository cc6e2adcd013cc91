// RequestTarget: path and decoded query parameters as the write handlers read them.
#include "server/http/request_target.h"

#include <gtest/gtest.h>

namespace strata::server {
namespace {

TEST(RequestTargetTest, SplitsPathAndDecodesParameters) {
  auto target = RequestTarget::parse("/write?db=my%20db&precision=s&rp=&flag&q=a+b");
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->path(), "/write");
  EXPECT_EQ(target->param("db"), "my db");
  EXPECT_EQ(target->param("precision"), "s");
  EXPECT_EQ(target->param("rp"), "");
  EXPECT_EQ(target->param("flag"), "");
  EXPECT_EQ(target->param("q"), "a b");
  EXPECT_EQ(target->param("missing"), std::nullopt);
}

TEST(RequestTargetTest, FirstValueOfARepeatedParameterWins) {
  auto target = RequestTarget::parse("/write?db=a&db=b");
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->param("db"), "a");
}

TEST(RequestTargetTest, RejectsTargetsThatAreNotOriginForm) {
  EXPECT_FALSE(RequestTarget::parse("write?db=a").has_value());
  EXPECT_FALSE(RequestTarget::parse("/write?db=%zz").has_value());
}

}  // namespace
}  // namespace strata::server
