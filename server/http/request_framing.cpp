// Transfer-Encoding checks; see request_framing.h.
#include "server/http/request_framing.h"

#include <boost/beast/core/string.hpp>

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

namespace strata::server {
namespace {

constexpr std::string_view kOptionalWhitespace = " \t";
// A coding's name is echoed in the error up to this length.
constexpr size_t kMaxEchoedCodingBytes = 64;

std::string_view trim(std::string_view text) {
  const size_t first = text.find_first_not_of(kOptionalWhitespace);
  if (first == std::string_view::npos) return {};
  const size_t last = text.find_last_not_of(kOptionalWhitespace);
  return text.substr(first, last - first + 1);
}

// RFC 9110 §5.6.2 tchar: a token is ASCII, so it is safe to echo into a JSON answer.
bool is_token(std::string_view text) {
  constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return !text.empty() && std::ranges::all_of(text, [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           kSymbols.find(c) != std::string_view::npos;
  });
}

// The elements of every Transfer-Encoding field, in order, as one list (RFC 9110 §5.3:
// fields of one name combine into one comma-separated list); empty elements are skipped
// (§5.6.1).
std::vector<std::string_view> transfer_codings(const http::request_header<>& header) {
  std::vector<std::string_view> codings;
  const auto [first, last] = header.equal_range(http::field::transfer_encoding);
  for (auto field = first; field != last; ++field) {
    std::string_view list = field->value();
    while (!list.empty()) {
      const size_t comma = list.find(',');
      const std::string_view element = trim(list.substr(0, comma));
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      if (!element.empty()) codings.push_back(element);
    }
  }
  return codings;
}

FramingError bad_request(std::string message) { return {http::status::bad_request, std::move(message)}; }

// Why one element of the list cannot be read, or nullopt for a plain `chunked`.
std::optional<FramingError> check_coding(std::string_view element) {
  const size_t semicolon = element.find(';');
  const std::string_view name = trim(element.substr(0, semicolon));
  if (!is_token(name)) return bad_request("Transfer-Encoding holds a malformed transfer coding");
  if (!boost::beast::iequals(name, "chunked")) {
    return FramingError{http::status::not_implemented,
                        "transfer coding \"" + std::string(name.substr(0, kMaxEchoedCodingBytes)) +
                            "\" is not implemented: only chunked is"};
  }
  if (semicolon != std::string_view::npos) {
    return FramingError{http::status::not_implemented, "parameters of transfer coding chunked are not implemented"};
  }
  return std::nullopt;
}

}  // namespace

std::optional<FramingError> check_request_framing(const http::request_header<>& header, bool parser_chunked) {
  if (header.count(http::field::transfer_encoding) == 0) return std::nullopt;
  if (header.version() < 11) return bad_request("Transfer-Encoding is not allowed in an HTTP/1.0 request");
  if (header.count(http::field::content_length) > 0) {
    return bad_request("a request may not have both Transfer-Encoding and Content-Length");
  }
  const std::vector<std::string_view> codings = transfer_codings(header);
  if (codings.empty()) return bad_request("Transfer-Encoding names no transfer coding");
  for (std::string_view coding : codings) {
    if (auto error = check_coding(coding)) return error;
  }
  if (codings.size() > 1) return bad_request("transfer coding chunked is applied more than once");
  // Only a lone `chunked` is left; the parser must have read it so too.
  if (!parser_chunked) return bad_request("Transfer-Encoding is malformed");
  return std::nullopt;
}

}  // namespace strata::server
