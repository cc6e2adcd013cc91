#!/usr/bin/env bash
# End-to-end ingest comparison: the same `strata bench write` load (TSBS cpu-only-like data)
# against stratad and against VictoriaMetrics single-node, on loopback only; prints a
# markdown table. How to run and read it: bench/README.md ("End-to-end ingest").
set -euo pipefail

SAMPLES=${SAMPLES:-10000000}
HOSTS=${HOSTS:-1000}
BATCH_LINES=${BATCH_LINES:-5000}
FSYNC_MODES=${FSYNC_MODES:-"batch none"}
CONNECTIONS=${CONNECTIONS:-"2 8"}
SERVERS=${SERVERS:-"strata vm"}  # drop one to run only the other half
REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD_DIR=${BUILD_DIR:-$REPO_DIR/build}
STRATA=${STRATA:-$BUILD_DIR/strata}
STRATAD=${STRATAD:-$BUILD_DIR/stratad}
VICTORIA_METRICS=${VICTORIA_METRICS:-/usr/bin/victoria-metrics}
WORK_DIR=${WORK_DIR:-$(mktemp -d /tmp/ingest_compare.XXXXXX)}
KEEP_DATA=${KEEP_DATA:-0}
readonly DATA_START=2026-01-01T00:00:00Z DATA_START_S=1767225600 INTERVAL_S=10 DB=default

SCRIPT_NAME=ingest_compare
# shellcheck source=server_lib.sh
source "$REPO_DIR/bench/e2e/server_lib.sh"

cleanup() {
  local status=$?
  stop_server || true
  # Keep the server logs when something failed, so the failure can be read.
  if [[ $KEEP_DATA == 1 || $status != 0 ]]; then log "data and logs kept in $WORK_DIR"; else rm -rf "$WORK_DIR"; fi
}
trap cleanup EXIT

# Peak resident memory (VmHWM, kB) and CPU seconds (utime + stime) of the running server.
server_peak_rss_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$server_pid/status"; }
server_cpu_s() { awk -v t="$(server_cpu_ticks)" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }'; }

# One run: fresh data directory and server, one bench, then measurements; appends a JSON
# line with the bench report, the points the server then holds and the server figures to
# $WORK_DIR/results.jsonl.
run_one() {
  local server=$1 fsync=$2 connections=$3 name report rc=0 sent stored rss cpu disk_bytes
  if [[ $server == vm ]]; then name="vm-c$connections"; else name="strata-$fsync-c$connections"; fi
  start_server "$server" "$WORK_DIR/$name" "$WORK_DIR/$name.log" "$fsync"
  log "$name: bench write against $server_url"
  report=$("$STRATA" bench write --url="$server_url" --db=$DB --hosts="$HOSTS" --samples="$SAMPLES" \
    --start=$DATA_START --batch-lines="$BATCH_LINES" --connections="$connections" --json) || rc=$?
  [[ -n $report ]] || die "$name: strata bench write printed nothing (exit $rc)"
  kill -0 "$server_pid" 2>/dev/null || log "$name: server died during the run (log: $WORK_DIR/$name.log)"
  # Every point sent must be stored: the server answering is not enough.
  sent=$(jq -r .points <<<"$report")
  stored=$(wait_stored_points "$server" $DB "$sent" 60) || true
  log "$name: $stored of $sent points stored"
  # The work a load leaves behind (stratad's compaction, VictoriaMetrics' merges) counts:
  # CPU, peak RSS and disk are read once the server has gone idle.
  kill -0 "$server_pid" 2>/dev/null && wait_idle
  rss=$(server_peak_rss_kb)
  rss=${rss:-0}  # a dead server has no VmHWM left
  cpu=$(server_cpu_s)
  stop_server
  disk_bytes=$(du -sb "$WORK_DIR/$name/data" | cut -f1)
  jq -c --arg server "$server" --arg fsync "$fsync" --argjson stored "${stored:-0}" --argjson rss "$rss" \
    --argjson cpu "$cpu" --argjson disk "$disk_bytes" \
    '. + {server: $server, fsync: $fsync, points_stored: $stored, peak_rss_kb: $rss, server_cpu_s: $cpu,
          disk_bytes: $disk}' <<<"$report" >>"$WORK_DIR/results.jsonl"
  rm -rf "${WORK_DIR:?}/$name/data"
}

print_table() {
  echo "| server | fsync | connections | samples/s | MB/s | p50 / p99 ms | peak RSS MB | server CPU s | disk MB | errors | strata/VM |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  # VictoriaMetrics has no fsync setting (it buffers ~1 s in memory, no WAL): one VM run per
  # connection count is the baseline for every strata row with that many connections.
  jq -rs '
    (map(select(.server == "vm")) | map({key: (.connections | tostring), value: .samples_per_s}) | from_entries) as $vm
    | .[]
    | [ (if .server == "vm" then "VictoriaMetrics" else "strata" end),
        (if .server == "vm" then "n/a" else .fsync end),
        .connections,
        (.samples_per_s | round),
        ((.mb_per_s * 10 | round) / 10),
        "\((.latency_p50_ms * 10 | round) / 10) / \((.latency_p99_ms * 10 | round) / 10)",
        (.peak_rss_kb / 1024 | round),
        .server_cpu_s,
        (.disk_bytes / 1e6 | round),
        .http_errors,
        (if .server == "strata" and ($vm[.connections | tostring] // 0) > 0
         then ((.samples_per_s / $vm[.connections | tostring] * 100 | round) / 100) else "-" end) ]
    | "| " + (map(tostring) | join(" | ")) + " |"' "$WORK_DIR/results.jsonl"
}

main() {
  command -v jq >/dev/null || die "jq is required (apt-get install jq)"
  command -v curl >/dev/null || die "curl is required"
  [[ -x $STRATA ]] || die "no $STRATA (cmake --build build --target strata)"
  for server in $SERVERS; do
    case $server in
      strata) [[ -x $STRATAD ]] || die "no $STRATAD (cmake --build build --target stratad)" ;;
      vm) [[ -x $VICTORIA_METRICS ]] || die "no $VICTORIA_METRICS (apt-get install victoria-metrics)" ;;
      *) die "unknown server '$server' in SERVERS (strata, vm)" ;;
    esac
  done
  log "samples=$SAMPLES hosts=$HOSTS batch_lines=$BATCH_LINES work_dir=$WORK_DIR"
  : >"$WORK_DIR/results.jsonl"
  for connections in $CONNECTIONS; do
    for server in $SERVERS; do
      if [[ $server == vm ]]; then
        run_one vm n/a "$connections"
      else
        for fsync in $FSYNC_MODES; do run_one strata "$fsync" "$connections"; done
      fi
    done
  done
  echo
  echo "Ingest: $SAMPLES samples, $HOSTS hosts, $BATCH_LINES lines/request, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
  echo
  print_table
  local failed=0
  if jq -e -s 'any(.[]; .http_errors > 0)' "$WORK_DIR/results.jsonl" >/dev/null; then
    log "some requests failed; first errors:"
    jq -r 'select(.http_errors > 0) | "  \(.server) \(.fsync) c\(.connections): \(.first_error)"' \
      "$WORK_DIR/results.jsonl" >&2
    failed=1
  fi
  if jq -e -s 'any(.[]; .points_stored != .points)' "$WORK_DIR/results.jsonl" >/dev/null; then
    log "some servers do not hold every point sent:"
    jq -r 'select(.points_stored != .points) | "  \(.server) \(.fsync) c\(.connections): \(.points_stored) of \(.points)"' \
      "$WORK_DIR/results.jsonl" >&2
    failed=1
  fi
  exit $failed
}

main "$@"
