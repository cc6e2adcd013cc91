// HttpSession against the real stratad over raw sockets: --max-header-bytes holds for the
// whole header however it is split, and bodies with transfer codings it cannot read are
// refused (501, 400) and the connection closed, never read as empty.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tests/server/stratad_fixture.h"

namespace strata::testing {
namespace {

// What a raw client saw: every byte the server sent, and whether it closed the connection.
struct RawExchange {
  std::string received;
  bool closed_by_server = false;
};

// Sends `request` on a new connection, in pieces of `piece_bytes` (0: at once) `gap` apart,
// then reads until the server closes the connection, giving up after a generous 60 s (every
// exchange here ends with the server closing, so only a failing test waits that long).
RawExchange exchange(uint16_t port, const std::string& request, size_t piece_bytes = 0,
                     std::chrono::milliseconds gap = std::chrono::milliseconds(0)) {
  RawExchange result;
  const int fd = testing::connect_loopback(port);
  if (fd < 0) return result;
  const timeval timeout{60, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  const size_t step = piece_bytes == 0 ? request.size() : piece_bytes;
  for (size_t offset = 0; offset < request.size(); offset += step) {
    const size_t length = std::min(step, request.size() - offset);
    if (::send(fd, request.data() + offset, length, MSG_NOSIGNAL) != static_cast<ssize_t>(length)) break;
    if (gap.count() > 0) std::this_thread::sleep_for(gap);
  }
  char buffer[4096];
  for (;;) {
    const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got > 0) {
      result.received.append(buffer, static_cast<size_t>(got));
      continue;
    }
    // 0: the server's FIN; a reset also ends the connection from its side. A timeout does not.
    result.closed_by_server = got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
    break;
  }
  ::close(fd);
  return result;
}

// The status of the first response in `received`, 0 if there is none.
int first_status(const std::string& received) {
  if (received.size() < 12 || !received.starts_with("HTTP/1.")) return 0;
  return std::stoi(received.substr(9, 3));
}

// Counts the responses in `received` with this status line.
size_t count_status(const std::string& received, const std::string& status_line) {
  size_t count = 0;
  for (size_t at = received.find(status_line); at != std::string::npos; at = received.find(status_line, at + 1)) {
    ++count;
  }
  return count;
}

// `count` header fields "F<i>: " padded with 'v' so that they take `total_bytes` in all.
std::string many_fields(size_t count, size_t total_bytes) {
  std::string fields;
  for (size_t i = 0; i < count; ++i) {
    const std::string name = "F" + std::to_string(i) + ": ";
    const size_t remaining_fields = count - i;
    const size_t budget = (total_bytes - fields.size()) / remaining_fields;
    const size_t value_bytes = budget > name.size() + 3 ? budget - name.size() - 2 : 1;
    fields += name + std::string(value_bytes, 'v') + "\r\n";
  }
  return fields;
}

// A GET /ping whose header (request line to the blank line) is exactly `total_bytes` long.
std::string ping_of_header_size(size_t total_bytes, const std::string& connection = "close") {
  const std::string head = "GET /ping HTTP/1.1\r\nHost: x\r\nConnection: " + connection + "\r\n";
  const std::string name = "X-Pad: ";
  const size_t value_bytes = total_bytes - head.size() - name.size() - 2 - 2;
  return head + name + std::string(value_bytes, 'p') + "\r\n\r\n";
}

class HttpSessionTest : public StratadTest {
 protected:
  // The server still answers on a fresh connection.
  void expect_server_fine() { EXPECT_EQ(client().get("/ping").status, 204); }
  // Points of `measurement` in tenant `default`, counted through /query.
  std::string select_all(const std::string& measurement) {
    return client().get("/query?db=default&q=SELECT+*+FROM+" + measurement).body;
  }
};

TEST_F(HttpSessionTest, HeaderBlockOverTheLimitInManySmallFieldsIs431) {
  start();  // --max-header-bytes defaults to 16 KiB
  // The request: 22.9 KB of header over 2,000 fields, none of them large.
  const std::string request = "POST /write?db=default HTTP/1.1\r\nHost: x\r\n" + many_fields(2000, 22'900) +
                              "Content-Length: 10\r\n\r\nhdr v=1 1\n";
  ASSERT_GT(request.size(), 22'900u);
  ASSERT_LT(request.size(), 23'100u);
  const RawExchange answer = exchange(server().port(), request);
  EXPECT_EQ(first_status(answer.received), 431) << answer.received;
  EXPECT_NE(answer.received.find("--max-header-bytes"), std::string::npos) << answer.received;
  EXPECT_TRUE(answer.closed_by_server);
  expect_server_fine();
  EXPECT_EQ(select_all("hdr").find("values"), std::string::npos) << "the refused request was written";
}

TEST_F(HttpSessionTest, HeaderTrickledInSmallPiecesIsCountedWhole) {
  start({"--max-header-bytes=4096"});
  // 512-byte pieces: no single read comes near the limit, only their sum passes it.
  const std::string request = "GET /ping HTTP/1.1\r\nHost: x\r\n" + many_fields(300, 6'000) + "\r\n";
  const RawExchange answer = exchange(server().port(), request, 512, std::chrono::milliseconds(5));
  EXPECT_EQ(first_status(answer.received), 431) << answer.received;
  EXPECT_TRUE(answer.closed_by_server);
  expect_server_fine();
}

TEST_F(HttpSessionTest, HeaderExactlyAtTheLimitIsAcceptedOneByteMoreIsNot) {
  start({"--max-header-bytes=4096"});
  for (const size_t piece : {size_t{0}, size_t{100}}) {
    const std::string at_limit = ping_of_header_size(4096);
    ASSERT_EQ(at_limit.size(), 4096u);
    EXPECT_EQ(first_status(exchange(server().port(), at_limit, piece).received), 204) << "pieces of " << piece;
    const RawExchange over = exchange(server().port(), ping_of_header_size(4097), piece);
    EXPECT_EQ(first_status(over.received), 431) << "pieces of " << piece;
    EXPECT_TRUE(over.closed_by_server);
  }
}

TEST_F(HttpSessionTest, ManySmallFieldsUnderTheLimitStillWorkAndKeepTheConnection) {
  start();
  // 1,000 fields in 14 KB, below 16 KiB; a second request follows on the same connection.
  const std::string body = "small v=1 1\n";
  const std::string first = "POST /write?db=default HTTP/1.1\r\nHost: x\r\n" + many_fields(1000, 14'000) +
                            "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  const std::string second = "GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  const RawExchange answer = exchange(server().port(), first + second);
  EXPECT_EQ(count_status(answer.received, "HTTP/1.1 204"), 2u) << answer.received;
  EXPECT_NE(select_all("small").find("values"), std::string::npos);
}

TEST_F(HttpSessionTest, UnknownTransferCodingIs501AndItsBodyIsNeverWritten) {
  start();
  const std::string request =
      "POST /write?db=default HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: bogus\r\n\r\nbogus_te v=1 1\n";
  const RawExchange answer = exchange(server().port(), request);
  EXPECT_EQ(first_status(answer.received), 501) << answer.received;
  EXPECT_NE(answer.received.find("transfer coding \\\"bogus\\\" is not implemented"), std::string::npos)
      << answer.received;
  EXPECT_TRUE(answer.closed_by_server);
  expect_server_fine();
  EXPECT_EQ(select_all("bogus_te").find("values"), std::string::npos);
}

struct TransferCase {
  std::string what;
  std::string framing;  // header lines (each ending "\r\n") that frame the body
  std::string body;
  int status;
};

TEST_F(HttpSessionTest, OnlyALoneFinalChunkedIsRead) {
  start();
  const std::string chunked_body = "9\r\nte v=1 1\n\r\n0\r\n\r\n";
  const std::vector<TransferCase> cases = {
      {"chunked is read", "Transfer-Encoding: chunked\r\n", chunked_body, 204},
      {"gzip before chunked is not implemented", "Transfer-Encoding: gzip, chunked\r\n", chunked_body, 501},
      {"a coding after chunked is not implemented", "Transfer-Encoding: chunked, gzip\r\n", chunked_body, 501},
      {"codings over two fields are one list", "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
       chunked_body, 501},
      {"chunked twice is bad framing", "Transfer-Encoding: chunked, chunked\r\n", chunked_body, 400},
      {"Transfer-Encoding then Content-Length", "Transfer-Encoding: chunked\r\nContent-Length: 10\r\n", chunked_body,
       400},
      {"Content-Length then Transfer-Encoding", "Content-Length: 10\r\nTransfer-Encoding: chunked\r\n", chunked_body,
       400},
      {"an unknown coding then Content-Length", "Transfer-Encoding: bogus\r\nContent-Length: 10\r\n", "te v=1 1\n\n",
       400},
  };
  for (const TransferCase& row : cases) {
    const std::string request = "POST /write?db=default HTTP/1.1\r\nHost: x\r\n" + row.framing + "\r\n" + row.body;
    const RawExchange answer = exchange(server().port(), request + "GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(first_status(answer.received), row.status) << row.what << "\n" << answer.received;
    if (row.status != 204) {
      // Where the body ends is unknown: the connection is closed, the pipelined ping unread.
      EXPECT_EQ(count_status(answer.received, "HTTP/1.1"), 1u) << row.what << "\n" << answer.received;
      EXPECT_TRUE(answer.closed_by_server) << row.what;
    }
  }
  const RawExchange http10 = exchange(
      server().port(), "POST /write?db=default HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked_body);
  EXPECT_EQ(first_status(http10.received), 400) << "Transfer-Encoding in HTTP/1.0\n" << http10.received;
  expect_server_fine();
}

}  // namespace
}  // namespace strata::testing
