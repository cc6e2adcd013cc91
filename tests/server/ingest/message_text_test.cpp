// quote_for_message: client text in error messages stays short, printable and UTF-8.
#include "server/ingest/message_text.h"

#include <gtest/gtest.h>

#include <string>

namespace strata::server {
namespace {

TEST(MessageTextTest, QuotesShortTextAsIs) {
  EXPECT_EQ(quote_for_message("usage"), "'usage'");
  EXPECT_EQ(quote_for_message(""), "''");
}

TEST(MessageTextTest, ShowsControlBytesAsQuestionMarks) {
  EXPECT_EQ(quote_for_message(std::string("a\nb\0c\x7f", 6)), "'a?b?c?'");
}

TEST(MessageTextTest, CutsLongTextAtACharacterBoundary) {
  EXPECT_EQ(quote_for_message(std::string(100, 'x')), "'" + std::string(64, 'x') + "...'");
  // 63 ASCII bytes, then a two-byte character straddling byte 64: it is dropped whole.
  const std::string text = std::string(63, 'x') + "\xC3\xA9" + "tail";
  EXPECT_EQ(quote_for_message(text), "'" + std::string(63, 'x') + "...'");
}

TEST(MessageTextTest, ShowsEachInvalidUtf8SequenceAsOneQuestionMark) {
  // E2 82 is one cut sequence; C0 and AF are two (C0 starts nothing); é stays.
  EXPECT_EQ(quote_for_message("a\xe2\x82" "b\xc0\xaf" "c\xc3\xa9"), "'a?b??c\xc3\xa9'");
}

}  // namespace
}  // namespace strata::server
