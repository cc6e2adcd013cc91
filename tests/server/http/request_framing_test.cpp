// check_request_framing: which Transfer-Encoding headers a request may carry (RFC 9112 §6).
#include "server/http/request_framing.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace strata::server {
namespace {

struct FramingCase {
  std::string what;
  unsigned version;
  std::vector<std::pair<http::field, std::string>> fields;
  bool parser_chunked;
  std::optional<http::status> refused;  // nullopt: the body can be read
};

TEST(RequestFramingTest, RefusesEveryTransferEncodingButALoneChunked) {
  const auto te = http::field::transfer_encoding;
  const auto cl = http::field::content_length;
  const std::vector<FramingCase> cases = {
      {"no Transfer-Encoding leaves framing to Content-Length", 11, {{cl, "5"}}, false, std::nullopt},
      {"a lone chunked is read", 11, {{te, "chunked"}}, true, std::nullopt},
      {"codings are case-insensitive and may have whitespace and empty elements", 11, {{te, " , CHUNKED ,"}}, true,
       std::nullopt},
      {"an unknown coding is not implemented", 11, {{te, "bogus"}}, false, http::status::not_implemented},
      {"a known but unsupported coding before chunked is not implemented", 11, {{te, "gzip, chunked"}}, true,
       http::status::not_implemented},
      {"chunked not last is not implemented either (its coding after it is unknown)", 11, {{te, "chunked, gzip"}},
       false, http::status::not_implemented},
      {"codings split over two fields are one list", 11, {{te, "gzip"}, {te, "chunked"}}, true,
       http::status::not_implemented},
      {"chunked with parameters is not implemented", 11, {{te, "chunked;ext=1"}}, false,
       http::status::not_implemented},
      {"chunked twice is bad framing", 11, {{te, "chunked, chunked"}}, false, http::status::bad_request},
      {"an empty Transfer-Encoding names no coding", 11, {{te, " "}}, false, http::status::bad_request},
      {"a coding that is not a token is malformed", 11, {{te, "chu\"nked"}}, false, http::status::bad_request},
      {"Transfer-Encoding with Content-Length is refused", 11, {{te, "chunked"}, {cl, "5"}}, true,
       http::status::bad_request},
      {"Transfer-Encoding in HTTP/1.0 is faulty framing", 10, {{te, "chunked"}}, true, http::status::bad_request},
      {"a chunked the parser did not see is refused, never read as an empty body", 11, {{te, "chunked"}}, false,
       http::status::bad_request},
  };
  for (const FramingCase& row : cases) {
    http::request_header<> header;
    header.version(row.version);
    for (const auto& [field, value] : row.fields) header.insert(field, value);
    const auto refused = check_request_framing(header, row.parser_chunked);
    ASSERT_EQ(refused.has_value(), row.refused.has_value()) << row.what;
    if (refused) {
      EXPECT_EQ(refused->status, *row.refused) << row.what << ": " << refused->message;
      EXPECT_FALSE(refused->message.empty()) << row.what;
    }
  }
}

TEST(RequestFramingTest, NamesTheUnknownCodingInItsMessage) {
  http::request_header<> header;
  header.version(11);
  header.insert(http::field::transfer_encoding, "bogus");
  const auto refused = check_request_framing(header, false);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->message, "transfer coding \"bogus\" is not implemented: only chunked is");
}

}  // namespace
}  // namespace strata::server
