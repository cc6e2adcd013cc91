// Bytes as a POST /api/v1/query body, through handle_api_query against a small real engine
// (a temp directory, segments and memtable): exactly one answer, 200 or 400, and its body
// well-formed; a body that is not an object with a string "sql" that parses must be a 400.
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <string_view>

#include "query/parser/parser.h"
#include "server/handlers/api_query_handler.h"
#include "server/router.h"

namespace strata::server {
namespace {

// Small blocks and one-hour partitions so that queries cross blocks and partitions.
constexpr std::string_view kSegmentPoints =
    "cpu,host=a,region=eu usage=1.5,count=3i,ok=true,note=\"x\" 0\n"
    "cpu,host=a,region=eu usage=-2.25,count=-7i,ok=false,note=\"y z\" 1800\n"
    "cpu,host=b,region=us usage=1e300,count=9223372036854775807i 3600\n"
    "cpu,host=b,region=us usage=0,count=-9223372036854775808i 3601\n"
    "cpu,host=c\\ d,region=\"q\" usage=7 7200\n"
    "mem,host=a free=10u,used=2.5 0\n"
    "mem,host=\xc3\xa9t\xc3\xa9 free=18446744073709551615u,used=-0.0 5400\n"
    "mem,host=a free=0u,used=1 9000\n";
constexpr std::string_view kMemtablePoints =
    "cpu,host=a,region=eu usage=3.5,count=4i 10800\n"
    "cpu,host=e usage=4,note=\"tab\\there\" 10801\n"
    "mem,host=a free=11u 10802\n";

// The engine's directory; a plain array, so that it outlives every exit handler.
char directory[] = "/tmp/strata_api_query_fuzz_XXXXXX";

void remove_directory() {
  std::error_code ignored;
  std::filesystem::remove_all(directory, ignored);
}

// One engine, context and data set for every input: queries only read. Never destroyed:
// closing the engine at exit would flush through the codecs' thread_local scratch
// buffers, which the main thread has freed by then; only the directory is removed.
class Fixture {
 public:
  Fixture() {
    if (mkdtemp(directory) == nullptr) std::abort();
    std::atexit(remove_directory);
    EngineOptions engine_options;
    engine_options.data_directory = directory;
    engine_options.tenant_defaults.partition_duration_ns = 3'600LL * 1'000'000'000LL;
    engine_options.tenant_defaults.max_points_per_block = 2;
    engine_ = Engine::open(engine_options).value();
    if (!engine_->create_tenant("db").is_ok()) std::abort();
    options_.default_database = "db";
    options_.query.threads = 1;
    options_.query.timeout = std::chrono::milliseconds(2'000);
    options_.query.max_points_scanned = 100'000;
    options_.query.max_series = 100;
    options_.query.max_rows = 10'000;
    metrics_ = std::make_unique<ServerMetrics>(*engine_);
    context_ = std::make_unique<ServerContext>(*engine_, options_, *metrics_);
    write(kSegmentPoints);
    if (!engine_->flush_all().is_ok()) std::abort();
    write(kMemtablePoints);
  }

  // Calls `handler` on `request` and waits for its answer; traps on a second answer.
  Response call(const Request& request, Handler handler) {
    auto answered = std::make_shared<std::promise<Response>>();
    auto answers = std::make_shared<std::atomic<int>>(0);
    Responder respond([answered, answers](Response&& response) {
      if (answers->fetch_add(1) != 0) __builtin_trap();
      answered->set_value(std::move(response));
    });
    const auto target = RequestTarget::parse(request.target());
    if (!target) std::abort();
    handler(request, *target, *context_, respond);
    return answered->get_future().get();
  }

 private:
  void write(std::string_view points) {
    Request request{http::verb::post, "/write?db=db&precision=s", 11};
    request.body() = std::string(points);
    request.prepare_payload();
    if (call(request, find_route("/write")->handler).result() != http::status::no_content) std::abort();
  }

  ServerOptions options_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<ServerMetrics> metrics_;
  std::unique_ptr<ServerContext> context_;
};

// The sql a correct handler may run: a JSON object whose "sql" is a string that parses
// (computed here with Boost.JSON and the parser, apart from the handler).
bool is_runnable(std::string_view body) {
  boost::system::error_code error;
  const boost::json::value parsed = boost::json::parse(body, error);
  if (error || !parsed.is_object()) return false;
  const boost::json::value* sql = parsed.get_object().if_contains("sql");
  if (sql == nullptr || !sql->is_string() || sql->get_string().empty()) return false;
  return query::parse_query(std::string_view(sql->get_string())).has_value();
}

bool is_error_object(std::string_view body) {
  boost::system::error_code error;
  const boost::json::value parsed = boost::json::parse(body, error);
  if (error || !parsed.is_object()) return false;
  const boost::json::value* message = parsed.get_object().if_contains("error");
  return message != nullptr && message->is_string() && !message->get_string().empty();
}

bool is_results_object(std::string_view body) {
  boost::system::error_code error;
  const boost::json::value parsed = boost::json::parse(body, error);
  if (error || !parsed.is_object()) return false;
  const boost::json::value* results = parsed.get_object().if_contains("results");
  return results != nullptr && results->is_array();
}

}  // namespace
}  // namespace strata::server

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace strata::server;
  static Fixture& fixture = *new Fixture;
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  Request request{http::verb::post, "/api/v1/query", 11};
  request.set(http::field::content_type, "application/json");
  request.body() = std::string(body);
  request.prepare_payload();
  const Response response = fixture.call(request, handle_api_query);
  if (response.result() == http::status::bad_request) {
    if (!is_error_object(response.body())) __builtin_trap();
    return 0;
  }
  if (response.result() != http::status::ok || !is_runnable(body)) __builtin_trap();
  if (response[http::field::content_type] == "application/json" && !is_results_object(response.body())) {
    __builtin_trap();
  }
  return 0;
}
