#!/usr/bin/env bash
# End-to-end query comparison: the same TSBS cpu-only data loaded into stratad, InfluxDB 1.x
# and VictoriaMetrics (loaded one after another, then all kept running, loopback only), the
# same `strata bench query` instances against each (InfluxQL, InfluxQL, PromQL) in
# interleaved rounds, answers checked to agree, and a markdown table of warm median
# latencies. How to run and read it: bench/README.md ("End-to-end queries").
set -euo pipefail

SAMPLES=${SAMPLES:-10000000}
HOSTS=${HOSTS:-1000}
QUERIES=${QUERIES:-10}        # random instances per query type
RUNS=${RUNS:-5}               # timed warm repetitions of each instance, per round
ROUNDS=${ROUNDS:-3}           # rounds: each server in turn, so that drift hits them alike
SEED=${SEED:-1}
QUERY_TYPES=${QUERY_TYPES:-all}
SERVERS=${SERVERS:-"strata influx vm"}
BATCH_LINES=${BATCH_LINES:-5000}
readonly DATA_START=2026-01-01T00:00:00Z DATA_START_S=1767225600 INTERVAL_S=10 DB=benchmark
REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD_DIR=${BUILD_DIR:-$REPO_DIR/build-bench}
STRATA=${STRATA:-$BUILD_DIR/strata}
STRATAD=${STRATAD:-$BUILD_DIR/stratad}
VICTORIA_METRICS=${VICTORIA_METRICS:-/usr/bin/victoria-metrics}
INFLUXD=${INFLUXD:-$(command -v influxd || echo /usr/bin/influxd)}
WORK_DIR=${WORK_DIR:-$(mktemp -d /tmp/query_compare.XXXXXX)}
KEEP_DATA=${KEEP_DATA:-0}

SCRIPT_NAME=query_compare
# shellcheck source=server_lib.sh
source "$REPO_DIR/bench/e2e/server_lib.sh"

declare -A server_pids server_urls  # of the servers loaded so far

# Makes `server` the current one for server_lib.sh's functions.
select_server() { server_pid=${server_pids[$1]}; server_url=${server_urls[$1]}; }

stop_all_servers() {
  local server
  for server in "${!server_pids[@]}"; do
    select_server "$server"
    stop_server || true
    unset "server_pids[$server]" "server_urls[$server]"
  done
}

cleanup() {
  local status=$?
  stop_all_servers
  if [[ $KEEP_DATA == 1 || $status != 0 ]]; then log "data, logs and answers kept in $WORK_DIR"; else rm -rf "$WORK_DIR"; fi
}
trap cleanup EXIT

# Points (whole points of 10 fields), as bench write makes them.
point_count() { echo $(((SAMPLES + 9) / 10)); }

# Starts `server` on a fresh directory, loads the data and waits until all of it answers;
# the server keeps running for the query rounds.
load_server() {
  local server=$1 got
  start_server "$server" "$WORK_DIR/$server" "$WORK_DIR/$server.log" none
  server_pids[$server]=$server_pid
  server_urls[$server]=$server_url
  if [[ $server != vm ]]; then
    curl -s -XPOST "$server_url/query" --data-urlencode "q=CREATE DATABASE $DB" >/dev/null
  fi
  log "$server: loading $SAMPLES samples, $HOSTS hosts"
  "$STRATA" bench write --url="$server_url" --db=$DB --hosts="$HOSTS" --samples="$SAMPLES" --start=$DATA_START \
    --batch-lines="$BATCH_LINES" --connections=2 --json >"$WORK_DIR/$server.load.json" ||
    die "$server: load failed: $(cat "$WORK_DIR/$server.load.json")"
  got=$(wait_stored_points "$server" $DB "$(point_count)" 300) ||
    die "$server: $got of $(point_count) points queryable after 300 s"
}

# One round of every query type against `server`; the first round also saves the answers.
query_server() {
  local server=$1 round=$2 dialect=influxql rc=0 answers=()
  [[ $server == vm ]] && dialect=promql
  select_server "$server"
  [[ $round == 1 ]] && answers=(--answers="$WORK_DIR/$server.answers")
  log "$server: round $round of $ROUNDS, $QUERIES instances x $RUNS warm runs per query type ($dialect)"
  "$STRATA" bench query --url="$server_url" --dialect=$dialect --db=$DB --query-type="$QUERY_TYPES" \
    --hosts="$HOSTS" --start=$DATA_START --end="$(date -u -d "@$(data_end_s "$(point_count)")" +%Y-%m-%dT%H:%M:%SZ)" \
    --interval=$INTERVAL_S --queries="$QUERIES" --runs="$RUNS" --seed="$SEED" --timeout=600 \
    "${answers[@]}" --json >"$WORK_DIR/$server.$round.jsonl" || rc=$?
  jq -c --arg server "$server" --argjson round "$round" '. + {server: $server, round: $round}' \
    "$WORK_DIR/$server.$round.jsonl" >>"$WORK_DIR/results.jsonl"
  [[ $rc == 0 ]] || log "$server: some queries failed: $(jq -r 'select(.errors > 0) | .first_error' "$WORK_DIR/$server.$round.jsonl" | head -3)"
}

# One row per query type: each server's median ms (the median of its rounds' medians), and
# strata's over the faster peer's.
print_table() {
  echo "| query type | strata ms | InfluxDB 1.x ms | VictoriaMetrics ms | strata / best peer |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  jq -rs '
    def median: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor]
      else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    def server_median(rows; s): rows | map(select(.server == s)) as $r
      | if ($r | length) == 0 or any($r[]; .errors > 0) then null else ($r | map(.median_ms) | median) end;
    def cell(rows; s): (rows | map(select(.server == s))) as $r | server_median(rows; s) as $m
      | if ($r | length) == 0 then "-" elif $m == null then "error" else (($m * 1000 | round) / 1000 | tostring) end;
    . as $all
    | (reduce (map(.query_type))[] as $t ([]; if any(.[]; . == $t) then . else . + [$t] end))[] as $type
    | ($all | map(select(.query_type == $type))) as $rows
    | ([server_median($rows; "influx"), server_median($rows; "vm")] | map(select(. != null)) | min) as $best
    | server_median($rows; "strata") as $strata
    | "| \($type) | \(cell($rows; "strata")) | \(cell($rows; "influx")) | \(cell($rows; "vm")) | "
      + (if $best == null or $strata == null or $best == 0 then "-" else ((($strata / $best) * 100 | round) / 100 | tostring) end)
      + " |"' "$WORK_DIR/results.jsonl"
}

# Every server's answers against the first one's (InfluxDB's when it ran: the reference
# implementation of InfluxQL). Prints per query type whether they agree.
compare_answers() {
  local files=() server
  for server in influx strata vm; do
    [[ " $SERVERS " == *" $server "* ]] && files+=("$WORK_DIR/$server.answers")
  done
  (( ${#files[@]} >= 2 )) || { log "one server only: no answers to compare"; return 0; }
  "$STRATA" bench compare "${files[@]}"
}

main() {
  command -v jq >/dev/null || die "jq is required (apt-get install jq)"
  command -v curl >/dev/null || die "curl is required"
  [[ -x $STRATA ]] || die "no $STRATA (make bench, or BUILD_DIR=build)"
  for server in $SERVERS; do
    case $server in
      strata) [[ -x $STRATAD ]] || die "no $STRATAD (make bench, or BUILD_DIR=build)" ;;
      influx) [[ -x $INFLUXD ]] || die "no $INFLUXD (apt-get install influxdb)" ;;
      vm) [[ -x $VICTORIA_METRICS ]] || die "no $VICTORIA_METRICS (apt-get install victoria-metrics)" ;;
      *) die "unknown server '$server' in SERVERS (strata, influx, vm)" ;;
    esac
  done
  (( $(point_count) % HOSTS == 0 )) ||
    log "warning: $(point_count) points do not fill the last timestamp for $HOSTS hosts; lastpoint may disagree"
  log "samples=$SAMPLES hosts=$HOSTS queries=$QUERIES runs=$RUNS rounds=$ROUNDS end=$(date -u -d "@$(data_end_s "$(point_count)")" +%FT%TZ) work_dir=$WORK_DIR"
  mkdir -p "$WORK_DIR"
  : >"$WORK_DIR/results.jsonl"
  for server in $SERVERS; do load_server "$server"; done
  for round in $(seq 1 "$ROUNDS"); do
    for server in $SERVERS; do
      # Nobody's background work (a flush by age, InfluxDB's snapshot of a cold cache)
      # may run beside the server being timed.
      for other in $SERVERS; do
        select_server "$other"
        wait_idle
      done
      query_server "$server" "$round"
    done
  done
  stop_all_servers
  local agree=0
  echo
  echo "Answers:"
  compare_answers || agree=$?
  echo
  echo "Queries: $SAMPLES samples, $HOSTS hosts, $QUERIES instances x $RUNS warm runs per type and round," \
    "$ROUNDS rounds, median of the rounds' medians in ms, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
  echo
  print_table
  [[ $agree == 0 ]] || die "answers disagree (see above); figures are not comparable"
  if jq -e -s 'any(.[]; .errors > 0)' "$WORK_DIR/results.jsonl" >/dev/null; then die "some queries failed"; fi
}

main "$@"
