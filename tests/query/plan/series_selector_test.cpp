// Series selection: what the tag index narrows (equalities, alternatives of one tag's values)
// must select exactly the series the whole condition keeps.
#include "query/plan/series_selector.h"

#include "tests/query/executor_fixture.h"

namespace strata::query {
namespace {

class SeriesSelectorTest : public ExecutorFixture {
 protected:
  void SetUp() override {
    ExecutorFixture::SetUp();
    for (const std::string host : {"a", "b", "a.b", "axb", "c"}) {
      write({{"cpu", {{"host", host}, {"dc", host == "c" ? "x" : "y"}}, kSecond, {{"v", 1.0}}}});
    }
    write({{"cpu", {{"dc", "y"}}, kSecond, {{"v", 1.0}}}});  // no host tag
  }

  // The keys of the series `condition` selects from cpu.
  std::vector<std::string> keys(const std::string& condition) {
    auto statements = parse_query("SELECT v FROM cpu WHERE " + condition);
    EXPECT_TRUE(statements.has_value()) << condition;
    const auto& select = std::get<SelectStatement>(statements->front());
    Evaluator evaluator;
    auto selected = select_series(*tenant_->snapshot(), "cpu", select.condition, {"v"}, evaluator);
    EXPECT_TRUE(selected.has_value());
    std::vector<std::string> out;
    for (const SelectedSeries& series : *selected) out.push_back(series.key);
    return out;
  }
};

TEST_F(SeriesSelectorTest, AlternativesOfOneTagSelectExactlyThoseValues) {
  EXPECT_EQ(keys("host = 'a' OR host = 'a.b'"), (std::vector<std::string>{"cpu,dc=y,host=a", "cpu,dc=y,host=a.b"}));
  EXPECT_EQ(keys("(host = 'b' OR host = 'c') AND dc = 'x'"), (std::vector<std::string>{"cpu,dc=x,host=c"}));
  EXPECT_EQ(keys("host IN ('axb', 'zzz')"), (std::vector<std::string>{"cpu,dc=y,host=axb"}));
  // The empty value stands for a missing tag, as with a plain equality.
  EXPECT_EQ(keys("host = '' OR host = 'c'"), (std::vector<std::string>{"cpu,dc=x,host=c", "cpu,dc=y"}));
}

TEST_F(SeriesSelectorTest, MixedAlternativesAreTestedPerSeries) {
  EXPECT_EQ(keys("host = 'a' OR dc = 'x'"), (std::vector<std::string>{"cpu,dc=x,host=c", "cpu,dc=y,host=a"}));
  EXPECT_EQ(keys("host = 'b' OR host =~ /^a\\./"), (std::vector<std::string>{"cpu,dc=y,host=a.b", "cpu,dc=y,host=b"}));
}

TEST_F(SeriesSelectorTest, TagsAreParsedOnlyWhenNeeded) {
  Evaluator evaluator;
  const auto without = select_series(*tenant_->snapshot(), "cpu", std::nullopt, {"v"}, evaluator, nullptr, false);
  ASSERT_TRUE(without.has_value());
  ASSERT_EQ(without->size(), 6u);
  EXPECT_TRUE(without->front().tags.empty());
  const auto with = select_series(*tenant_->snapshot(), "cpu", std::nullopt, {"v"}, evaluator, nullptr, true);
  ASSERT_TRUE(with.has_value());
  EXPECT_EQ(with->front().tags, (TagList{{"dc", "x"}, {"host", "c"}}));
}

TEST(ParseSeriesTagsTest, SplitsAtUnescapedSeparatorsAndUnescapes) {
  EXPECT_EQ(parse_series_tags("cpu"), TagList{});
  EXPECT_EQ(parse_series_tags("cpu,dc=y,host=a"), (TagList{{"dc", "y"}, {"host", "a"}}));
  // Escaped commas, spaces and equals signs belong to the measurement, key or value.
  EXPECT_EQ(parse_series_tags(R"(c\,pu,a\ b=x\=y,c=d\,e)"), (TagList{{"a b", "x=y"}, {"c", "d,e"}}));
  // Tags out of order come out sorted; a part with a second unescaped '=' is no tag.
  EXPECT_EQ(parse_series_tags("cpu,z=1,a=2,bad=1=2,e="), (TagList{{"a", "2"}, {"e", ""}, {"z", "1"}}));
}

}  // namespace
}  // namespace strata::query
