// `strata bench write`: builds every body first, then times only the sending (bench/README.md).
#include "tools/bench/write_command.h"

#include <sys/resource.h>

#include <memory>

#include "tools/bench/bench_command.h"
#include "tools/bench/http_sender.h"
#include "tools/bench/latency_stats.h"
#include "tools/bench/request_bodies.h"
#include "tools/bench/timestamp.h"
#include "tools/bench/write_report.h"

namespace strata::tools {
namespace {

using Clock = std::chrono::steady_clock;

struct BenchWriteArguments {
  BenchCommandOptions common;
  int64_t sample_count = 10'000'000;
  std::string file;
  int batch_lines = 5000;
  std::string path;  // empty: /write?db=<db>&precision=ns
  int connection_count = 2;
};

int64_t process_cpu_ns() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto to_ns = [](const timeval& time) { return int64_t{time.tv_sec} * 1'000'000'000 + time.tv_usec * 1000; };
  return to_ns(usage.ru_utime) + to_ns(usage.ru_stime);
}

Result<RequestBodies> build_bodies(const BenchWriteArguments& arguments) {
  if (!arguments.file.empty()) {
    STRATA_ASSIGN_OR_RETURN(std::string text, read_text_file(arguments.file));
    return build_file_bodies(text, arguments.batch_lines);
  }
  TsbsCpuOptions options;
  options.host_count = arguments.common.host_count;
  options.seed = arguments.common.seed;
  STRATA_ASSIGN_OR_RETURN(options.start_ns, parse_utc_timestamp_ns(arguments.common.start));
  return build_tsbs_bodies(options, arguments.sample_count, arguments.batch_lines);
}

Result<BenchWriteReport> run_write(const BenchWriteArguments& arguments) {
  HttpSenderOptions sender;
  STRATA_ASSIGN_OR_RETURN(sender.endpoint, parse_http_url(arguments.common.url));
  sender.target = arguments.path.empty() ? "/write?db=" + arguments.common.database + "&precision=ns" : arguments.path;
  sender.connection_count = arguments.connection_count;
  sender.io_timeout = std::chrono::seconds(arguments.common.timeout_s);

  const auto prepare_started = Clock::now();
  STRATA_ASSIGN_OR_RETURN(RequestBodies bodies, build_bodies(arguments));
  BenchWriteReport report;
  report.prepare_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - prepare_started).count();

  const int64_t cpu_before_ns = process_cpu_ns();
  STRATA_ASSIGN_OR_RETURN(SendResult sent, send_bodies(sender, bodies.bodies));
  report.client_cpu_ns = process_cpu_ns() - cpu_before_ns;

  report.connection_count = arguments.connection_count;
  report.point_count = bodies.line_count;
  report.sample_count = bodies.sample_count;
  report.body_bytes = bodies.byte_count;
  report.request_count = sent.request_count;
  report.error_count = sent.error_count;
  report.first_error = std::move(sent.first_error);
  report.wall_ns = sent.wall_ns;
  report.latency = summarize_latencies(std::move(sent.latencies_ns));
  return report;
}

void add_options(CLI::App& write, BenchWriteArguments& arguments) {
  write.add_option("--samples", arguments.sample_count, "Field values to generate")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  write.add_option("--file", arguments.file, "Send this line-protocol file instead of generated data");
  write.add_option("--batch-lines", arguments.batch_lines, "Lines per request")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  write.add_option("--path", arguments.path, "Request target (default /write?db=<db>&precision=ns)");
  write.add_option("--connections", arguments.connection_count, "Keep-alive connections, one thread each")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
}

}  // namespace

void add_bench_write_command(CLI::App& app, int& exit_code) {
  auto arguments = std::make_shared<BenchWriteArguments>();
  const BenchRun run = [arguments]() -> Result<BenchOutcome> {
    STRATA_ASSIGN_OR_RETURN(BenchWriteReport report, run_write(*arguments));
    return BenchOutcome{arguments->common.json ? format_report_json(report) + "\n" : format_report_text(report),
                        report.error_count == 0};
  };
  CLI::App& write = add_bench_subcommand(app, "write", "Ingest load: POST line protocol to /write and time it",
                                         arguments->common, run, exit_code);
  add_options(write, *arguments);
}

}  // namespace strata::tools
