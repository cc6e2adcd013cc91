// What the bench HTTP clients share: running one Asio operation to completion on a private
// io_context. Operations are async only so that beast::tcp_stream's timeouts apply (a sync
// socket call would wait forever on a hung server); the calling thread does all the work.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/system/error_code.hpp>

namespace strata::tools {

// Starts an operation with `start(handler)` and runs `io_context` until it completes;
// returns the operation's error code.
template <typename StartOperation>
boost::system::error_code run_operation(boost::asio::io_context& io_context, StartOperation start) {
  boost::system::error_code result;
  start([&result](boost::system::error_code error, auto&&...) { result = error; });
  io_context.restart();
  io_context.run();
  return result;
}

}  // namespace strata::tools
