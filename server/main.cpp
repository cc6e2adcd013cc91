// stratad: the Strata server. With no arguments it runs the embedded default (docs/architecture.md "Binaries"):
// data in ./strata-data, listening on 127.0.0.1:8765, tenant `default`, auth off. Every
// setting is a flag and a STRATA_* environment variable (`stratad --help`).
#include <CLI/CLI.hpp>
#include <malloc.h>

#include <iostream>

#include "engine/base/log.h"
#include "engine/engine.h"
#include "server/server.h"

namespace {

struct Config {
  strata::EngineOptions engine;
  strata::server::ServerOptions server;
  std::string listen = "127.0.0.1:8765";
  std::string durability = "batch";
  std::string io_backend = "auto";
  std::string log_level = "info";
};

// Durations in milliseconds, given as "10s", "500ms", "2m".
const CLI::AsNumberWithUnit kDuration(std::map<std::string, int64_t>{{"ms", 1}, {"s", 1000}, {"m", 60'000}},
                                      CLI::AsNumberWithUnit::Options(CLI::AsNumberWithUnit::CASE_SENSITIVE | CLI::AsNumberWithUnit::UNIT_REQUIRED));

// A duration flag in milliseconds, written with a unit ("10s", "500ms"); the default shown
// is the option's own.
void add_duration_flag(CLI::App& app, const std::string& name, std::chrono::milliseconds& value,
                       const std::string& help, const std::string& env) {
  app.add_option_function<int64_t>(
         name, [&value](int64_t milliseconds) { value = std::chrono::milliseconds(milliseconds); }, help)
      ->envname(env)
      ->transform(kDuration)
      ->default_str(std::to_string(value.count()) + "ms");
}

template <typename T>
CLI::Option* add_flag(CLI::App& app, const std::string& name, T& value, const std::string& help,
                      const std::string& env) {
  return app.add_option(name, value, help)->envname(env)->capture_default_str();
}

void add_query_flags(CLI::App& app, strata::server::QueryOptions& query) {
  add_flag(app, "--query-threads", query.threads, "Threads running queries (0: one per core)", "STRATA_QUERY_THREADS");
  add_duration_flag(app, "--query-timeout", query.timeout, "Time a query may run before it fails (0s: no limit)",
                    "STRATA_QUERY_TIMEOUT");
  add_flag(app, "--query-max-points-scanned", query.max_points_scanned,
           "Points one statement may read before it fails (0: no limit)", "STRATA_QUERY_MAX_POINTS_SCANNED");
  add_flag(app, "--query-max-series", query.max_series, "Series one statement may select (0: no limit)",
           "STRATA_QUERY_MAX_SERIES");
  add_flag(app, "--query-max-rows", query.max_rows, "Rows one statement may return (0: no limit)",
           "STRATA_QUERY_MAX_ROWS");
  add_flag(app, "--query-inline-points", query.inline_max_points,
           "Queries reading up to this many points run on the I/O thread, larger ones on the query threads (0: "
           "always the query threads)",
           "STRATA_QUERY_INLINE_POINTS");
  add_duration_flag(app, "--query-inline-time", query.inline_max_time,
                    "Time a query may run on the I/O thread before it moves to the query threads",
                    "STRATA_QUERY_INLINE_TIME");
  // Test-only, hidden from --help: lets integration tests disconnect from a running query.
  add_duration_flag(app, "--query-test-delay", query.test_delay, "", "STRATA_QUERY_TEST_DELAY");
  app.get_option("--query-test-delay")->group("");
}

void add_flags(CLI::App& app, Config& config) {
  auto& server = config.server;
  auto& ingest = server.ingest;
  add_flag(app, "--data-dir", config.engine.data_directory, "Data directory", "STRATA_DATA_DIR");
  add_flag(app, "--listen", config.listen, "Address to listen on, HOST:PORT (port 0: any free port)",
           "STRATA_LISTEN");
  add_flag(app, "--fsync", config.durability, "When writes are acknowledged: batch, interval:<n>ms|s, none",
           "STRATA_FSYNC");
  add_flag(app, "--io-backend", config.io_backend, "WAL I/O: auto (io_uring when the kernel allows), uring, posix",
           "STRATA_IO_BACKEND");
  add_flag(app, "--io-threads", server.io_threads, "HTTP threads (0: one per core)", "STRATA_IO_THREADS");
  add_flag(app, "--max-body-bytes", server.max_body_bytes, "Largest request body, also after gzip decoding",
           "STRATA_MAX_BODY_BYTES");
  add_flag(app, "--max-header-bytes", server.max_header_bytes, "Largest request header", "STRATA_MAX_HEADER_BYTES");
  add_flag(app, "--max-connections", server.max_connections, "Open connections past which new ones get 503",
           "STRATA_MAX_CONNECTIONS");
  add_duration_flag(app, "--header-timeout", server.header_timeout, "Time to receive a request header (e.g. 10s)",
                    "STRATA_HEADER_TIMEOUT");
  add_duration_flag(app, "--body-timeout", server.body_timeout, "Time to receive a request body, and to send a response",
                    "STRATA_BODY_TIMEOUT");
  add_duration_flag(app, "--idle-timeout", server.idle_timeout, "Keep-alive connection idle time before closing",
                    "STRATA_IDLE_TIMEOUT");
  add_duration_flag(app, "--shutdown-timeout", server.shutdown_timeout, "Time requests in flight get at shutdown",
                    "STRATA_SHUTDOWN_TIMEOUT");
  add_flag(app, "--max-line-bytes", ingest.max_line_bytes, "Longest line-protocol line", "STRATA_MAX_LINE_BYTES");
  add_flag(app, "--max-tags", ingest.max_tags_per_point, "Most tags in one point", "STRATA_MAX_TAGS");
  add_flag(app, "--max-fields", ingest.max_fields_per_point, "Most fields in one point", "STRATA_MAX_FIELDS");
  add_flag(app, "--max-key-bytes", ingest.max_key_bytes, "Longest measurement, tag key or field key",
           "STRATA_MAX_KEY_BYTES");
  add_flag(app, "--max-value-bytes", ingest.max_value_bytes, "Longest tag value or string field",
           "STRATA_MAX_VALUE_BYTES");
  add_flag(app, "--max-series", config.engine.tenant_defaults.max_series,
           "Series per tenant past which new series are refused (0: no limit)", "STRATA_MAX_SERIES");
  add_flag(app, "--memtable-bytes", config.engine.tenant_defaults.memtable_flush_bytes,
           "A tenant's memtable is flushed to segments at this size", "STRATA_MEMTABLE_BYTES");
  auto& tenant = config.engine.tenant_defaults;
  add_flag(app, "--compaction-min-segments", tenant.compaction_min_segments,
           "Merge a partition's newest segments once this many of similar size exist (0: no background compaction)",
           "STRATA_COMPACTION_MIN_SEGMENTS");
  add_duration_flag(app, "--compaction-idle", tenant.compaction_idle,
                    "Merge a partition whole once it has had no new segment for this long", "STRATA_COMPACTION_IDLE");
  add_flag(app, "--compaction-zstd-level", tenant.compaction_zstd_level, "zstd level of compacted segments (1-19)",
           "STRATA_COMPACTION_ZSTD_LEVEL");
  add_query_flags(app, server.query);
  add_flag(app, "--log-level", config.log_level, "debug, info, warning or error", "STRATA_LOG_LEVEL");
}

// Applies what the flags gave in a form the options do not take directly.
strata::Status finish_config(Config& config) {
  auto& server = config.server;
  const size_t colon = config.listen.rfind(':');
  if (colon == std::string::npos) return strata::Status::invalid_argument("--listen wants HOST:PORT");
  server.listen_host = config.listen.substr(0, colon);
  try {
    const int port = std::stoi(config.listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::out_of_range("port");
    server.listen_port = static_cast<uint16_t>(port);
  } catch (const std::exception&) {
    return strata::Status::invalid_argument("--listen: bad port in " + config.listen);
  }
  STRATA_ASSIGN_OR_RETURN(config.engine.durability, strata::parse_durability(config.durability));
  const std::map<std::string, strata::IoBackend> backends{
      {"auto", strata::IoBackend::kAuto}, {"uring", strata::IoBackend::kUring}, {"posix", strata::IoBackend::kPosix}};
  auto backend = backends.find(config.io_backend);
  if (backend == backends.end()) return strata::Status::invalid_argument("--io-backend: want auto, uring or posix");
  config.engine.io_backend = backend->second;
  const std::map<std::string, strata::LogLevel> levels{{"debug", strata::LogLevel::kDebug},
                                                       {"info", strata::LogLevel::kInfo},
                                                       {"warning", strata::LogLevel::kWarning},
                                                       {"error", strata::LogLevel::kError}};
  auto level = levels.find(config.log_level);
  if (level == levels.end()) return strata::Status::invalid_argument("--log-level: want debug, info, warning or error");
  strata::set_log_level(level->second);
  return strata::Status::ok();
}

int serve(Config& config) {
  auto engine = strata::Engine::open(config.engine);
  if (!engine) {
    std::cerr << "stratad: " << engine.status().to_string() << "\n";
    return 1;
  }
  if ((*engine)->list_tenants().empty()) {
    if (auto created = (*engine)->create_tenant("default"); !created.is_ok()) {
      std::cerr << "stratad: " << created.to_string() << "\n";
      return 1;
    }
  }
  auto server = strata::server::Server::start(**engine, config.server, /*handle_signals=*/true);
  if (!server) {
    std::cerr << "stratad: " << server.status().to_string() << "\n";
    return 1;
  }
  if (!config.server.auth_enabled) {
    strata::log_warning("AUTHENTICATION IS OFF: anyone who can reach this address can read and write every tenant",
                        {{"listen", config.server.listen_host}});
  }
  strata::log_info("listening", {{"address", config.server.listen_host + ":" + std::to_string((*server)->port())},
                                 {"data_dir", config.engine.data_directory},
                                 {"fsync", strata::durability_name(config.engine.durability)},
                                 {"io_uring", (*engine)->uring_active() ? "on" : "off"},
                                 {"io_threads", std::to_string((*server)->io_threads())}});
  (*server)->wait();
  // Closing the engine completes writes still in flight and flushes and syncs everything.
  const strata::Status closed = (*engine)->close();
  server->reset();
  if (!closed.is_ok()) {
    strata::log_error("close failed", {{"error", closed.to_string()}});
    return 1;
  }
  strata::log_info("stopped cleanly");
  return 0;
}

// A query allocates and frees tens of MiB of decoded blocks; by default glibc hands the
// top of each heap back to the kernel after it and faults it in again for the next one
// (a tenth of a query's time). Keep up to 128 MiB of freed heap instead. Setting these
// turns off glibc's sliding mmap threshold, so fix it where that would end (32 MiB): large
// buffers (memtable columns, request bodies) keep coming from the heap and are reused.
void tune_allocator() {
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

}  // namespace

int main(int argc, char** argv) {
  tune_allocator();
  CLI::App app{"stratad: the Strata time-series database server"};
  Config config;
  add_flags(app, config);
  CLI11_PARSE(app, argc, argv);
  if (auto status = finish_config(config); !status.is_ok()) {
    std::cerr << "stratad: " << status.message() << "\n";
    return 2;
  }
  return serve(config);
}
