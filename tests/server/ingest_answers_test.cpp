// The property of fuzz/ingest_answers_fuzz.cpp over a fixed set of random bodies, so that
// it runs in `make test`: whatever /write accepts, every SHOW and SELECT * answer of
// /query and /api/v1/query parses as JSON. Bodies are good lines with bytes of every kind
// dropped into them (UTF-8 fragments, controls, separators), so that many still parse.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "fuzz/ingest_answers.h"
#include "tests/support/temp_directory.h"

namespace strata::server {
namespace {

const std::vector<std::string> kLines = {
    "cpu,host=a usage=1.5,n=3i,ok=true,note=\"x\" 1", "mem,host=b,dc=eu free=7u 2", "m,t=a v=1i,s=\"text\" 3",
    "m2,k=v f=\"caf\xc3\xa9\" 4"};
const std::vector<std::string> kFragments = {
    "\xff", "\xfe", "\xc3", "\xa9", "\xed\xa0\x80", "\xc0\xaf", "\xe2\x82", "\xf4\x90\x80\x80", "\xf0\x9f\x98\x80",
    std::string(1, '\0'), "\x01", "\x1f", "\x7f", "\t", "\\", ",", "=", " ", "\""};

// A body of one to four lines, each a good line with up to three fragments put in place
// of or before one of its bytes.
std::string random_body(std::mt19937& random) {
  std::string body;
  for (unsigned line = 0, lines = 1 + random() % 4; line < lines; ++line) {
    std::string text = kLines[random() % kLines.size()];
    for (unsigned change = 0, changes = random() % 4; change < changes; ++change) {
      const size_t pos = random() % text.size();
      const std::string& fragment = random() % 4 == 0 ? std::string(1, static_cast<char>(random() % 256))
                                                       : kFragments[random() % kFragments.size()];
      text.replace(pos, random() % 2, fragment);
    }
    body += text + "\n";
  }
  return body;
}

TEST(IngestAnswersTest, EveryAnswerIsJsonWhateverWasWritten) {
  testing::TempDirectory directory;
  IngestAnswers answers(directory.path());
  std::mt19937 random(14);
  for (int round = 0; round < 150; ++round) {
    const std::string body = random_body(random);
    ASSERT_EQ(answers.check(body), "") << ::testing::PrintToString(body);
  }
  // The lines of issue 14, and names that are valid but odd.
  ASSERT_EQ(answers.check("\xff\xfe,t=a v=1i 1\nm2,\xc3(=a v=1i 1\nm2,t=\xed\xa0\x80 v=1i 1\nm2,t=a \xc0\xaf=1i 1\n"), "");
  ASSERT_EQ(answers.check("m,t=a\tb s=\"a\\\\\" 1\n\xe6\xb8\xa9,\xc3\xa9=\xf0\x9f\x98\x80 s=\"\x01\x7f\" 2\n"), "");
}

}  // namespace
}  // namespace strata::server
