// `strata bench query` and `strata bench compare` (bench/README.md, "End-to-end queries").
// Each instance is first run once untimed (its answer is read, checked and optionally
// saved), then `--runs` times timed: latencies are of warm repetitions only.
#include "tools/bench/query_command.h"

#include <fstream>
#include <iostream>
#include <memory>

#include "tools/bench/bench_command.h"
#include "tools/bench/query_answers.h"
#include "tools/bench/query_compare.h"
#include "tools/bench/query_http_client.h"
#include "tools/bench/query_report.h"
#include "tools/bench/query_text.h"
#include "tools/bench/request_bodies.h"
#include "tools/bench/timestamp.h"

namespace strata::tools {
namespace {

constexpr size_t kBodyLimitBytes = size_t{1} << 30;  // lastpoint over many hosts is large
constexpr size_t kMaxErrorChars = 300;

struct BenchQueryArguments {
  BenchCommandOptions common{.timeout_s = 120};
  std::string dialect = "influxql";
  std::string query_types = "all";
  std::string end;
  int interval_s = 10;
  int query_count = 10;
  int run_count = 5;
  std::string answers_path;
  bool dry_run = false;
};

struct BenchCompareArguments {
  std::vector<std::string> paths;
  double tolerance = 1e-9;
};

// The request of one instance and how to read its answer.
struct PreparedQuery {
  std::string target;
  int64_t time_shift_ns = 0;  // PromQL only
};

PreparedQuery prepare(const QuerySpec& spec, QueryDialect dialect, const BenchQueryArguments& arguments,
                      const LoadedData& data) {
  if (dialect == QueryDialect::kInfluxql) return {influxql_target(spec, arguments.common.database), 0};
  const PromqlQuery query = promql_query(spec, data);
  return {promql_target(query), query.time_shift_ns};
}

void record_error(QueryTypeReport& report, const QuerySpec& spec, const std::string& message) {
  if (report.error_count++ == 0) report.first_error = "instance " + std::to_string(spec.index) + ": " + message;
}

std::string http_error(const HttpGetResponse& response) {
  return "HTTP " + std::to_string(response.status) + ": " + response.body.substr(0, kMaxErrorChars);
}

// The untimed first run: reads the answer, and saves it when `answers` is open.
void run_untimed(HttpGetClient& client, const QuerySpec& spec, const PreparedQuery& query, QueryDialect dialect,
                 std::ofstream& answers, QueryTypeReport& report) {
  Result<HttpGetResponse> response = client.get(query.target);
  if (!response) return record_error(report, spec, std::string(response.status().message()));
  if (response->status / 100 != 2) return record_error(report, spec, http_error(*response));
  Result<std::vector<AnswerRow>> rows = dialect == QueryDialect::kInfluxql
                                            ? normalize_influx_answer(response->body, spec)
                                            : normalize_prometheus_answer(response->body, spec, query.time_shift_ns);
  if (!rows) return record_error(report, spec, std::string(rows.status().message()));
  report.row_count += static_cast<int64_t>(rows->size());
  if (answers.is_open()) answers << format_answer(QueryAnswer{spec.type, spec.index, std::move(*rows)});
}

QueryTypeReport run_type(HttpGetClient& client, const std::vector<QuerySpec>& specs, QueryDialect dialect,
                         const BenchQueryArguments& arguments, const LoadedData& data, std::ofstream& answers) {
  QueryTypeReport report;
  report.type = specs.empty() ? QueryType::kLastpoint : specs.front().type;
  report.query_count = static_cast<int64_t>(specs.size());
  std::vector<int64_t> latencies_ns;
  for (const QuerySpec& spec : specs) {
    const PreparedQuery query = prepare(spec, dialect, arguments, data);
    run_untimed(client, spec, query, dialect, answers, report);
    for (int run = 0; run < arguments.run_count; ++run) {
      Result<HttpGetResponse> response = client.get(query.target);
      if (!response) {
        record_error(report, spec, std::string(response.status().message()));
      } else if (response->status / 100 != 2) {
        record_error(report, spec, http_error(*response));
      } else {
        latencies_ns.push_back(response->latency_ns);
      }
    }
  }
  report.request_count = static_cast<int64_t>(latencies_ns.size());
  set_latencies(report, std::move(latencies_ns));
  return report;
}

Result<LoadedData> loaded_data(const BenchQueryArguments& arguments) {
  LoadedData data;
  data.host_count = arguments.common.host_count;
  data.interval_ns = int64_t{arguments.interval_s} * 1'000'000'000;
  STRATA_ASSIGN_OR_RETURN(data.start_ns, parse_utc_timestamp_ns(arguments.common.start));
  if (arguments.end.empty()) return Status::invalid_argument("--end is required (just past the last sample)");
  STRATA_ASSIGN_OR_RETURN(data.end_ns, parse_utc_timestamp_ns(arguments.end));
  return data;
}

// The request targets of every instance, one a line, for --dry-run.
std::string dry_run_targets(const std::vector<std::vector<QuerySpec>>& specs_by_type, QueryDialect dialect,
                            const BenchQueryArguments& arguments, const LoadedData& data) {
  std::string targets;
  for (const auto& specs : specs_by_type) {
    for (const QuerySpec& spec : specs) targets += prepare(spec, dialect, arguments, data).target + "\n";
  }
  return targets;
}

Result<BenchOutcome> run_query(const BenchQueryArguments& arguments) {
  STRATA_ASSIGN_OR_RETURN(HttpEndpoint endpoint, parse_http_url(arguments.common.url));
  STRATA_ASSIGN_OR_RETURN(QueryDialect dialect, parse_query_dialect(arguments.dialect));
  STRATA_ASSIGN_OR_RETURN(std::vector<QueryType> types, parse_query_types(arguments.query_types));
  STRATA_ASSIGN_OR_RETURN(LoadedData data, loaded_data(arguments));
  std::vector<std::vector<QuerySpec>> specs_by_type;
  for (QueryType type : types) {
    STRATA_ASSIGN_OR_RETURN(std::vector<QuerySpec> specs,
                            generate_queries(data, type, arguments.query_count, arguments.common.seed));
    specs_by_type.push_back(std::move(specs));
  }
  if (arguments.dry_run) return BenchOutcome{dry_run_targets(specs_by_type, dialect, arguments, data), true};
  STRATA_ASSIGN_OR_RETURN(
      std::unique_ptr<HttpGetClient> client,
      HttpGetClient::create(endpoint, std::chrono::seconds(arguments.common.timeout_s), kBodyLimitBytes));
  std::ofstream answers;
  if (!arguments.answers_path.empty()) {
    answers.open(arguments.answers_path, std::ios::trunc);
    if (!answers) return Status::io_error("open " + arguments.answers_path + " for writing");
  }
  std::vector<QueryTypeReport> reports;
  bool succeeded = true;
  for (const auto& specs : specs_by_type) {
    reports.push_back(run_type(*client, specs, dialect, arguments, data, answers));
    succeeded = succeeded && reports.back().error_count == 0;
  }
  if (answers.is_open() && !answers.flush()) return Status::io_error("write " + arguments.answers_path);
  return BenchOutcome{arguments.common.json ? format_query_report_json(reports) : format_query_report_text(reports),
                      succeeded};
}

int run_compare(const BenchCompareArguments& arguments) {
  std::vector<std::vector<QueryAnswer>> answer_sets;
  for (const std::string& path : arguments.paths) {
    Result<std::string> text = read_text_file(path);
    Result<std::vector<QueryAnswer>> answers =
        text ? parse_answers(*text) : Result<std::vector<QueryAnswer>>(text.status());
    if (!answers) {
      std::cerr << "strata bench compare: " << path << ": " << answers.status().message() << "\n";
      return 1;
    }
    answer_sets.push_back(std::move(*answers));
  }
  bool all_agree = true;
  for (size_t other = 1; other < answer_sets.size(); ++other) {
    std::cout << arguments.paths[other] << " against " << arguments.paths[0] << ":\n";
    for (const TypeComparison& comparison : compare_answers(answer_sets[0], answer_sets[other], arguments.tolerance)) {
      all_agree = all_agree && comparison.agrees();
      std::cout << "  " << query_type_name(comparison.type) << ": " << comparison.instance_count << " instances, "
                << comparison.row_count << " rows: "
                << (comparison.agrees()
                        ? (comparison.row_count == 0 ? "agree (no rows)" : "agree")
                        : std::to_string(comparison.mismatch_count) + " DISAGREE, " + comparison.first_mismatch)
                << "\n";
    }
  }
  return all_agree ? 0 : 1;
}

void add_query_options(CLI::App& query, BenchQueryArguments& arguments) {
  query.add_option("--dialect", arguments.dialect, "influxql (GET /query) or promql (/api/v1/query_range)")
      ->capture_default_str();
  query.add_option("--query-type", arguments.query_types, "TSBS query types, comma-separated, or all")
      ->capture_default_str();
  query.add_option("--end", arguments.end, "Just past the last sample time, RFC 3339 UTC")->required();
  query.add_option("--interval", arguments.interval_s, "Seconds between a host's samples")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  query.add_option("--queries", arguments.query_count, "Random instances per query type")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  query.add_option("--runs", arguments.run_count, "Timed warm repetitions of each instance")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  query.add_option("--answers", arguments.answers_path, "Write normalised answers here (for bench compare)");
  query.add_flag("--dry-run", arguments.dry_run, "Print the request targets and send nothing");
}

}  // namespace

void add_bench_query_command(CLI::App& app, int& exit_code) {
  auto arguments = std::make_shared<BenchQueryArguments>();
  CLI::App& query = add_bench_subcommand(
      app, "query", "Query load: TSBS devops queries, warm latency", arguments->common,
      [arguments] { return run_query(*arguments); }, exit_code);
  add_query_options(query, *arguments);

  auto compare_arguments = std::make_shared<BenchCompareArguments>();
  CLI::App* compare = bench_command(app).add_subcommand("compare", "Check that answer files of bench query agree");
  compare->add_option("answers", compare_arguments->paths, "Reference answers file, then the ones to check")
      ->required()
      ->expected(2, -1);
  compare->add_option("--tolerance", compare_arguments->tolerance, "Relative tolerance for values")
      ->capture_default_str();
  compare->callback([compare_arguments, &exit_code] { exit_code = run_compare(*compare_arguments); });
}

}  // namespace strata::tools
