// How a request's body is framed (RFC 9112 §6): the checks Beast's parser leaves to us on
// Transfer-Encoding, so that a body is never read as empty or mis-delimited
// (docs/http-api.md "Message framing").
#pragma once

#include <optional>
#include <string>

#include "server/http/http_types.h"

namespace strata::server {

// Why a request's framing is refused, and the status to answer with. The connection must
// be closed after the answer: where the body ends (and the next request starts) is unknown.
struct FramingError {
  http::status status;
  std::string message;
};

// Checks the Transfer-Encoding of a parsed request header; nullopt when the body can be
// read. Only `chunked`, once, without parameters and as the final coding, is understood.
// `parser_chunked` is whether the parser will read the body as chunked: where the two views
// differ, the request is refused rather than its body read as empty. In order:
//   400 Transfer-Encoding in an HTTP/1.0 request (RFC 9112 §6.1: faulty framing);
//   400 Transfer-Encoding together with Content-Length (§6.3 allows refusing it; Beast
//       already refuses most orders of the two);
//   400 a Transfer-Encoding with no coding, or an element that is not a token;
//   501 any coding other than chunked, or chunked with parameters (§6.1), also when
//       chunked comes last;
//   400 chunked more than once (§7.1: a sender applies it once).
std::optional<FramingError> check_request_framing(const http::request_header<>& header, bool parser_chunked);

}  // namespace strata::server
