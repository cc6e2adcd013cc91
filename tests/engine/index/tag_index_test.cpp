#include "engine/index/tag_index.h"

#include <gtest/gtest.h>

namespace strata {
namespace {

class TagIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    add(1, "cpu,host=host_1,region=eu");
    add(2, "cpu,host=host_2,region=us");
    add(3, "cpu,host=host_10");  // no region
    add(4, "mem,host=host_1");
  }
  void add(uint64_t id, const std::string& key) { index_.add(SeriesId{id}, parse_series_key(key).value()); }
  std::vector<uint64_t> select(const std::vector<TagMatcher>& matchers, const std::string& measurement = "cpu") {
    std::vector<uint64_t> ids;
    for (SeriesId id : index_.select_series(measurement, matchers).value()) ids.push_back(id.value);
    return ids;
  }
  TagIndex index_;
};

TEST_F(TagIndexTest, ListsMeasurementsKeysAndValuesSorted) {
  EXPECT_EQ(index_.measurements(), (std::vector<std::string>{"cpu", "mem"}));
  EXPECT_EQ(index_.tag_keys("cpu"), (std::vector<std::string>{"host", "region"}));
  EXPECT_EQ(index_.tag_values("cpu", "host"), (std::vector<std::string>{"host_1", "host_10", "host_2"}));
  EXPECT_TRUE(index_.tag_values("nope", "host").empty());
}

TEST_F(TagIndexTest, EqualityAndInequalityTreatAMissingTagAsEmpty) {
  EXPECT_EQ(select({{"region", MatchOp::kEqual, "eu"}}), std::vector<uint64_t>{1});
  EXPECT_EQ(select({{"region", MatchOp::kNotEqual, "eu"}}), (std::vector<uint64_t>{2, 3}));
  EXPECT_EQ(select({{"region", MatchOp::kEqual, ""}}), std::vector<uint64_t>{3});
  EXPECT_EQ(select({{"region", MatchOp::kNotEqual, ""}}), (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(select({{"nope", MatchOp::kEqual, "x"}}), std::vector<uint64_t>{});
}

TEST_F(TagIndexTest, EqualAnyIsTheUnionOfItsEqualities) {
  EXPECT_EQ(select({{"host", MatchOp::kEqualAny, "", {"host_10", "host_1", "nope"}}}), (std::vector<uint64_t>{1, 3}));
  // The empty value takes the series without the tag, as kEqual "" does.
  EXPECT_EQ(select({{"region", MatchOp::kEqualAny, "", {"us", ""}}}), (std::vector<uint64_t>{2, 3}));
  EXPECT_EQ(select({{"region", MatchOp::kEqualAny, "", {}}}), std::vector<uint64_t>{});
  EXPECT_EQ(select({{"nope", MatchOp::kEqualAny, "", {"x", ""}}}), (std::vector<uint64_t>{1, 2, 3}));
}

TEST_F(TagIndexTest, RegexesMatchAnywhereUnlessAnchored) {
  EXPECT_EQ(select({{"host", MatchOp::kRegexMatch, "^host_1"}}), (std::vector<uint64_t>{1, 3}));
  EXPECT_EQ(select({{"host", MatchOp::kRegexMatch, "_1$"}}), std::vector<uint64_t>{1});
  EXPECT_EQ(select({{"host", MatchOp::kRegexNotMatch, "^host_1"}}), std::vector<uint64_t>{2});
  EXPECT_EQ(select({{"region", MatchOp::kRegexMatch, ".*"}}), (std::vector<uint64_t>{1, 2, 3}));
  EXPECT_EQ(select({{"region", MatchOp::kRegexNotMatch, "e"}}), (std::vector<uint64_t>{2, 3}));
}

TEST_F(TagIndexTest, MatchersCombineWithAnd) {
  EXPECT_EQ(select({{"host", MatchOp::kRegexMatch, "host_1"}, {"region", MatchOp::kEqual, "eu"}}),
            std::vector<uint64_t>{1});
  EXPECT_EQ(select({}, "mem"), std::vector<uint64_t>{4});
}

TEST_F(TagIndexTest, InvalidRegexIsAClearError) {
  const auto result = index_.select_series("cpu", std::vector<TagMatcher>{{"host", MatchOp::kRegexMatch, "(unclosed"}});
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(result.status().message().find("invalid regex /(unclosed/"), std::string::npos);
}

}  // namespace
}  // namespace strata
