// The UTF-8 validator against an independent decoder (code point arithmetic rather than
// the byte-range table), over every string of up to three bytes and the four-byte edges;
// the replacement of maximal subparts against the examples of Unicode §3.9 (Table 3-8),
// written out by hand; and the name rule (no controls but TAB) on both of its paths.
#include "engine/base/utf8.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "tests/support/utf8_reference.h"

namespace strata {
namespace {

using testing::is_valid_utf8_reference;

std::string bytes(std::initializer_list<int> values) {
  std::string text;
  for (int value : values) text.push_back(static_cast<char>(value));
  return text;
}

std::string repaired(std::string_view text) {
  std::string out;
  append_valid_utf8(out, text);
  return out;
}

TEST(Utf8Test, AgreesWithCodePointDecodingOnEveryStringOfUpToThreeBytes) {
  std::string text(3, '\0');
  for (int first = 0; first < 256; ++first) {
    text.resize(1);
    text[0] = static_cast<char>(first);
    ASSERT_EQ(find_invalid_utf8(text) == std::string_view::npos, is_valid_utf8_reference(text)) << first;
    for (int second = 0; second < 256; ++second) {
      text.resize(2);
      text[1] = static_cast<char>(second);
      ASSERT_EQ(find_invalid_utf8(text) == std::string_view::npos, is_valid_utf8_reference(text)) << first << " " << second;
      text.resize(3);
      for (int third = 0; third < 256; ++third) {
        text[2] = static_cast<char>(third);
        ASSERT_EQ(find_invalid_utf8(text) == std::string_view::npos, is_valid_utf8_reference(text))
            << first << " " << second << " " << third;
      }
    }
  }
}

TEST(Utf8Test, AgreesWithCodePointDecodingAtTheFourByteEdges) {
  const std::vector<int> edges = {0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
  for (int lead = 0xEF; lead <= 0xFF; ++lead) {
    for (int second : edges) {
      for (int third : edges) {
        for (int fourth : edges) {
          const std::string text = bytes({lead, second, third, fourth});
          ASSERT_EQ(find_invalid_utf8(text) == std::string_view::npos, is_valid_utf8_reference(text))
              << lead << " " << second << " " << third << " " << fourth;
        }
      }
    }
  }
}

TEST(Utf8Test, FindsTheFirstBadByteAfterLongAsciiRuns) {
  const std::string ascii(37, 'a');
  EXPECT_EQ(find_invalid_utf8(ascii), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8(ascii + "\xff" + ascii), 37u);
  EXPECT_EQ(find_invalid_utf8(ascii + "\xc3\xa9" + ascii + "\xe2\x82"), 37u + 2 + 37);
  EXPECT_EQ(find_invalid_utf8(""), std::string_view::npos);
}

TEST(Utf8Test, ReplacesEachMaximalSubpartAsUnicodeTable38Does) {
  const std::string fffd(kReplacementCharacter);
  // Table 3-8: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64 -> a FFFD FFFD FFFD b FFFD c FFFD FFFD d
  // (F1 80 80 is one cut sequence, E1 80 another, C2 a third).
  EXPECT_EQ(repaired(bytes({0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64})),
            "a" + fffd + fffd + fffd + "b" + fffd + "c" + fffd + fffd + "d");
  // An overlong, a surrogate and a code point past U+10FFFF start no sequence past their
  // first byte, so every byte is replaced.
  EXPECT_EQ(repaired(bytes({0xC0, 0xAF})), fffd + fffd);
  EXPECT_EQ(repaired(bytes({0xE0, 0x80, 0xAF})), fffd + fffd + fffd);
  EXPECT_EQ(repaired(bytes({0xED, 0xA0, 0x80})), fffd + fffd + fffd);
  EXPECT_EQ(repaired(bytes({0xF4, 0x90, 0x80, 0x80})), fffd + fffd + fffd + fffd);
  EXPECT_EQ(repaired(bytes({0xF8, 0x88, 0x80, 0x80, 0x80})), fffd + fffd + fffd + fffd + fffd);
  // A cut sequence at the end, and valid text, which passes unchanged.
  EXPECT_EQ(repaired("x" + bytes({0xF0, 0x9F, 0x98})), "x" + fffd);
  EXPECT_EQ(repaired("caf\xc3\xa9 \xf0\x9f\x98\x80 \xe6\xb8\xa9"), "caf\xc3\xa9 \xf0\x9f\x98\x80 \xe6\xb8\xa9");
}

TEST(Utf8Test, RepairedTextIsAlwaysValid) {
  std::mt19937 random(14);
  for (int round = 0; round < 20'000; ++round) {
    std::string text(random() % 24, '\0');
    for (char& byte : text) byte = static_cast<char>(random() % 4 == 0 ? 'a' : random() % 256);
    const std::string out = repaired(text);
    ASSERT_TRUE(is_valid_utf8_reference(out));
    if (is_valid_utf8_reference(text)) {
      ASSERT_EQ(out, text);
    }
  }
}

TEST(Utf8Test, NamesRefuseEveryControlCharacterButTab) {
  for (int byte = 0; byte < 0x80; ++byte) {
    const std::string name = "ab" + std::string(1, static_cast<char>(byte));
    const NameCheck check = check_name(name);
    const bool is_control = (byte < 0x20 && byte != '\t') || byte == 0x7F;
    ASSERT_EQ(check.is_ok(), !is_control) << byte;
    if (is_control) {
      EXPECT_EQ(check.problem, NameProblem::kControlCharacter);
      EXPECT_EQ(check.offset, 2u);
      EXPECT_EQ(check.control_byte, byte);
    }
  }
  EXPECT_EQ(check_name(std::string("a\0b", 3)).description(), "control character U+0000");
  EXPECT_EQ(check_name("a\x1f").description(), "control character U+001F");
  EXPECT_EQ(check_name("a\x7f").description(), "control character U+007F");
  const NameCheck surrogate = check_name("t=\xed\xa0\x80");
  EXPECT_EQ(surrogate.problem, NameProblem::kInvalidUtf8);
  EXPECT_EQ(surrogate.offset, 2u);
  EXPECT_EQ(surrogate.description(), "invalid UTF-8");
}

// check_name tests eight bytes at once while they are printable ASCII: every position of
// a bad byte in a long name must still be found, at its exact offset.
TEST(Utf8Test, NameCheckFindsABadByteAtEveryPositionOfALongName) {
  const std::vector<std::string> bad = {std::string(1, '\0'), "\x1f", "\x7f", "\x80", "\xc0\xaf", "\xed\xa0\x80"};
  for (const std::string& intruder : bad) {
    for (size_t position = 0; position <= 40; ++position) {
      std::string name(41, '~');
      name.replace(position, 1, intruder);
      const NameCheck check = check_name(name);
      ASSERT_FALSE(check.is_ok()) << position;
      ASSERT_EQ(check.offset, position);
    }
  }
  EXPECT_TRUE(check_name(std::string(41, ' ') + "\t\xc3\xa9\xf0\x9f\x98\x80" + std::string(17, '~')).is_ok());
}

}  // namespace
}  // namespace strata
