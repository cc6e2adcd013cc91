#include "query/parser/lexer.h"

#include <gtest/gtest.h>

#include <vector>

namespace strata::query {
namespace {

// Every token of `text` up to and including EOF; fails the test on a lexical error.
std::vector<Token> lex_all(std::string_view text) {
  Lexer lexer(text);
  std::vector<Token> tokens;
  while (true) {
    Result<Token> token = lexer.next();
    EXPECT_TRUE(token.has_value()) << token.status().to_string();
    if (!token) return tokens;
    tokens.push_back(*token);
    if (token->kind == TokenKind::kEof) return tokens;
  }
}

Token only_token(std::string_view text) {
  std::vector<Token> tokens = lex_all(text);
  EXPECT_EQ(tokens.size(), 2u) << text;
  return tokens.empty() ? Token{} : tokens.front();
}

Status first_error(std::string_view text) {
  Lexer lexer(text);
  for (int i = 0; i < 100; ++i) {
    Result<Token> token = lexer.next();
    if (!token) return token.error();
    if (token->kind == TokenKind::kEof) break;
  }
  return Status::ok();
}

struct KindCase {
  const char* text;
  TokenKind kind;
  const char* token_text;
};

TEST(LexerTest, ReadsEveryTokenKind) {
  const KindCase cases[] = {
      {"cpu", TokenKind::kIdentifier, "cpu"},
      {"_cpu_2", TokenKind::kIdentifier, "_cpu_2"},
      {"\"my measurement\"", TokenKind::kIdentifier, "my measurement"},
      {"select", TokenKind::kKeyword, "SELECT"},
      {"SeLeCt", TokenKind::kKeyword, "SELECT"},
      {"not", TokenKind::kKeyword, "NOT"},
      {"true", TokenKind::kKeyword, "TRUE"},
      {"'a string'", TokenKind::kString, "a string"},
      {"42", TokenKind::kInteger, "42"},
      {"4.25", TokenKind::kNumber, "4.25"},
      {".5", TokenKind::kNumber, ".5"},
      {"10s", TokenKind::kDuration, "10s"},
      {"1h30m", TokenKind::kDuration, "1h30m"},
      {"5\xC2\xB5", TokenKind::kDuration, "5\xC2\xB5"},
      {"+", TokenKind::kPlus, ""},
      {"-", TokenKind::kMinus, ""},
      {"*", TokenKind::kStar, ""},
      {"/", TokenKind::kSlash, ""},
      {"=", TokenKind::kEqual, ""},
      {"!=", TokenKind::kNotEqual, ""},
      {"<>", TokenKind::kNotEqual, ""},
      {"<", TokenKind::kLess, ""},
      {"<=", TokenKind::kLessEqual, ""},
      {">", TokenKind::kGreater, ""},
      {">=", TokenKind::kGreaterEqual, ""},
      {"=~", TokenKind::kRegexMatch, ""},
      {"!~", TokenKind::kRegexNotMatch, ""},
      {"(", TokenKind::kLeftParen, ""},
      {")", TokenKind::kRightParen, ""},
      {",", TokenKind::kComma, ""},
      {";", TokenKind::kSemicolon, ""},
      {".", TokenKind::kDot, ""},
      {"::", TokenKind::kDoubleColon, ""},
  };
  for (const KindCase& c : cases) {
    Token token = only_token(c.text);
    EXPECT_EQ(token.kind, c.kind) << c.text;
    EXPECT_EQ(token.text, c.token_text) << c.text;
    EXPECT_EQ(token.position, (Position{1, 1})) << c.text;
  }
}

TEST(LexerTest, EmptyInputIsEofAtLineOneCharOne) {
  std::vector<Token> tokens = lex_all("");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens.front().kind, TokenKind::kEof);
  EXPECT_EQ(tokens.front().position, (Position{1, 1}));
}

TEST(LexerTest, TracksLinesAndCharacters) {
  std::vector<Token> tokens = lex_all("SELECT a\n  FROM\tb");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].position, (Position{1, 1}));
  EXPECT_EQ(tokens[1].position, (Position{1, 8}));
  EXPECT_EQ(tokens[2].position, (Position{2, 3}));
  EXPECT_EQ(tokens[3].position, (Position{2, 8}));
  EXPECT_EQ(tokens[4].position, (Position{2, 9}));  // EOF just after the last character
}

TEST(LexerTest, CountsMultiByteCharactersAsOne) {
  // 'é' is two bytes in UTF-8 but one character: x is character 7 and byte 8.
  std::vector<Token> tokens = lex_all("'\xC3\xA9t\xC3\xA9' x");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].text, "\xC3\xA9t\xC3\xA9");
  EXPECT_EQ(tokens[1].position, (Position{1, 7}));
  EXPECT_EQ(tokens[1].offset, 8u);
}

TEST(LexerTest, SkipsLineAndBlockComments) {
  std::vector<Token> tokens = lex_all("a -- to the end\n/* block\n */ b");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].text, "a");
  EXPECT_EQ(tokens[1].text, "b");
  EXPECT_EQ(tokens[1].position, (Position{3, 5}));
}

TEST(LexerTest, UnescapesStringsAndQuotedIdentifiers) {
  EXPECT_EQ(only_token(R"('it\'s \\ \"x\" \n')").text, "it's \\ \"x\" \n");
  EXPECT_EQ(only_token(R"("a \"quoted\" name")").text, "a \"quoted\" name");
  EXPECT_EQ(only_token("\"select\"").kind, TokenKind::kIdentifier);
}

TEST(LexerTest, FractionEndsANumberBeforeUnitLetters) {
  // As InfluxQL: 10.5h is the number 10.5 followed by the identifier h.
  std::vector<Token> tokens = lex_all("10.5h");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kNumber);
  EXPECT_EQ(tokens[1].kind, TokenKind::kIdentifier);
  EXPECT_EQ(tokens[1].text, "h");
}

TEST(LexerTest, SlashIsDivisionUntilTheParserAsksForARegex) {
  std::vector<Token> tokens = lex_all("a / b");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[1].kind, TokenKind::kSlash);
}

TEST(LexerTest, RescansASlashAsARegexAndContinuesAfterIt) {
  Lexer lexer(R"(=~ /a\/b\d+/ AND)");
  ASSERT_EQ(lexer.next()->kind, TokenKind::kRegexMatch);
  Token slash = *lexer.next();
  ASSERT_EQ(slash.kind, TokenKind::kSlash);
  Result<Token> regex = lexer.rescan_as_regex(slash);
  ASSERT_TRUE(regex.has_value()) << regex.status().to_string();
  EXPECT_EQ(regex->kind, TokenKind::kRegex);
  EXPECT_EQ(regex->text, R"(a/b\d+)");  // \/ unescaped, other escapes kept for the regex
  EXPECT_EQ(regex->position, (Position{1, 4}));
  Token next = *lexer.next();
  EXPECT_TRUE(next.is_keyword("AND"));
  EXPECT_EQ(next.position, (Position{1, 14}));
}

TEST(LexerTest, EscapedBackslashDoesNotEscapeTheClosingSlash) {
  Lexer lexer(R"(/a\\/)");
  Token slash = *lexer.next();
  Result<Token> regex = lexer.rescan_as_regex(slash);
  ASSERT_TRUE(regex.has_value());
  EXPECT_EQ(regex->text, R"(a\\)");
  EXPECT_EQ(lexer.next()->kind, TokenKind::kEof);
}

TEST(LexerTest, ReportsUnterminatedRegexAtItsStart) {
  Lexer lexer("x /abc");
  ASSERT_TRUE(lexer.next().has_value());
  Token slash = *lexer.next();
  Result<Token> regex = lexer.rescan_as_regex(slash);
  ASSERT_FALSE(regex.has_value());
  EXPECT_EQ(regex.error().message(), "unterminated regex at line 1, char 3");
}

struct ErrorCase {
  const char* text;
  const char* message;
};

TEST(LexerTest, ReportsLexicalErrorsWithPositions) {
  const ErrorCase cases[] = {
      {"a 'open", "unterminated string literal at line 1, char 3"},
      {"'line\nbreak'", "unterminated string literal at line 1, char 1"},
      {"\"open", "unterminated quoted identifier at line 1, char 1"},
      {"'bad \\q'", "bad escape \\q at line 1, char 6"},
      {"a\n  /* never closed", "unterminated comment at line 2, char 3"},
      {"a # b", "unexpected character # at line 1, char 3"},
      {"a ! b", "unexpected character ! at line 1, char 3"},
      {"a : b", "unexpected character : at line 1, char 3"},
      {"\x01", "unexpected character \\x01 at line 1, char 1"},
  };
  for (const ErrorCase& c : cases) {
    Status status = first_error(c.text);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << c.text;
    EXPECT_EQ(status.message(), c.message) << c.text;
  }
}

TEST(LexerTest, FoundTextNamesKeywordsLiteralsAndEof) {
  EXPECT_EQ(only_token("from").found_text(), "FROM");
  EXPECT_EQ(only_token("'asd'").found_text(), "asd");
  EXPECT_EQ(only_token("10.5").found_text(), "10.5");
  EXPECT_EQ(only_token(">=").found_text(), ">=");
  EXPECT_EQ(lex_all("").front().found_text(), "EOF");
}

TEST(LexerTest, MicroSignDurationIsOneToken) {
  std::vector<Token> tokens = lex_all("5\xC2\xB5s x");  // not a valid unit, but one token
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].text, "5\xC2\xB5s");
  EXPECT_EQ(tokens[1].position, (Position{1, 5}));
}

TEST(LexerTest, ReservesInfluxQlKeywordsAndNot) {
  for (std::string_view word : {"select", "FROM", "Where", "limit", "slimit", "with", "key", "not", "in", "and"}) {
    EXPECT_TRUE(is_reserved_word(word)) << word;
  }
  for (std::string_view word : {"time", "fill", "now", "tz", "mean", "value", "host"}) {
    EXPECT_FALSE(is_reserved_word(word)) << word;
  }
}

}  // namespace
}  // namespace strata::query
