#include "engine/catalog/series_key.h"

#include <gtest/gtest.h>

namespace strata {
namespace {

TEST(SeriesKeyTest, SortsTagsAndEscapesSpecialCharacters) {
  const std::vector<TagView> tags{{"region", "eu west"}, {"host", "a,b=c"}, {"empty", ""}};
  EXPECT_EQ(make_series_key("cpu load", tags).value(), "cpu\\ load,host=a\\,b\\=c,region=eu\\ west");
}

TEST(SeriesKeyTest, RejectsDuplicateTagKeys) {
  const std::vector<TagView> tags{{"host", "a"}, {"host", "b"}};
  EXPECT_EQ(make_series_key("cpu", tags).status().code(), StatusCode::kInvalidArgument);
}

TEST(SeriesKeyTest, ParsesBackExactlyIncludingBackslashes) {
  const std::vector<TagView> tags{{"k\\", "v\\"}, {"a=b", "c d,e"}};
  const std::string key = make_series_key("m,\\", tags).value();
  const ParsedSeriesKey parsed = parse_series_key(key).value();
  EXPECT_EQ(parsed.measurement, "m,\\");
  ASSERT_EQ(parsed.tags.size(), 2u);
  EXPECT_EQ(parsed.tags[0], (std::pair<std::string, std::string>{"a=b", "c d,e"}));
  EXPECT_EQ(parsed.tags[1], (std::pair<std::string, std::string>{"k\\", "v\\"}));
}

TEST(SeriesKeyTest, RejectsMalformedKeys) {
  for (const char* bad : {"", ",a=b", "m,a", "m,a=", "m,=b", "m\\", "m,b=1,a=2"}) {
    EXPECT_EQ(parse_series_key(bad).status().code(), StatusCode::kCorruption) << bad;
  }
}

}  // namespace
}  // namespace strata
