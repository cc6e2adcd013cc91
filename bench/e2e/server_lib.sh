# Shared by the end-to-end comparison scripts (sourced, not run): logging, free loopback
# ports, starting a server, waiting for it, counting the points it stores, stopping it. The
# sourcing script sets SCRIPT_NAME, WORK_DIR, the binaries of the servers it starts
# (STRATAD, VICTORIA_METRICS, INFLUXD) and, for the counts, DATA_START_S, INTERVAL_S and
# HOSTS of the data `strata bench write` sent; the current server's pid is in server_pid,
# its address in server_url.
# shellcheck shell=bash

readonly HOST_ADDRESS=127.0.0.1  # loopback only, never anything else
server_pid=""
server_url=""

log() { echo "$SCRIPT_NAME: $*" >&2; }
die() { log "$*"; exit 1; }

# A port nothing on loopback answers on (a connect attempt is refused).
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/$HOST_ADDRESS/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free loopback port found"
}

# Waits until `url` answers 2xx, failing early if the server process died.
wait_ready() {
  local url=$1 code
  for _ in $(seq 1 300); do
    kill -0 "$server_pid" 2>/dev/null || die "server exited during start-up (log: $WORK_DIR/*.log)"
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
    [[ $code == 2* ]] && return
    sleep 0.1
  done
  die "server at $url not ready after 30 s"
}

# InfluxDB 1.x reads everything from a config file: only the HTTP API and the RPC port it
# always opens, both on loopback; every directory under `dir`; no usage reporting.
write_influx_config() {
  local dir=$1 http_port=$2 rpc_port=$3
  cat >"$dir/influxdb.conf" <<EOF
reporting-disabled = true
bind-address = "$HOST_ADDRESS:$rpc_port"
[meta]
  dir = "$dir/meta"
[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  query-log-enabled = false
[coordinator]
  log-queries-after = "0s"
[monitor]
  store-enabled = false
[http]
  enabled = true
  bind-address = "$HOST_ADDRESS:$http_port"
  log-enabled = false
[logging]
  level = "warn"
[continuous_queries]
  enabled = false
[subscriber]
  enabled = false
EOF
}

# Starts `server` (strata, influx or vm) on loopback with its files under `dir` (data in
# dir/data), output to `log_file`, stratad with --fsync=`fsync`; sets server_pid and
# server_url once it answers. Not to be called in a $(...) subshell: the server must be a
# child of the calling shell to be measured and stopped.
start_server() {
  local server=$1 dir=$2 log_file=$3 fsync=$4 port
  port=$(free_port)
  mkdir -p "$dir"
  case $server in
    strata)
      "$STRATAD" --data-dir="$dir/data" --listen="$HOST_ADDRESS:$port" --fsync="$fsync" >"$log_file" 2>&1 &
      server_pid=$!
      wait_ready "http://$HOST_ADDRESS:$port/ping" ;;
    influx)
      write_influx_config "$dir" "$port" "$(free_port)"
      "$INFLUXD" -config "$dir/influxdb.conf" >"$log_file" 2>&1 &
      server_pid=$!
      wait_ready "http://$HOST_ADDRESS:$port/ping" ;;
    vm)
      # The data is dated from 2026-01-01; the default 1-month retention would drop it.
      "$VICTORIA_METRICS" -storageDataPath="$dir/data" -httpListenAddr="$HOST_ADDRESS:$port" \
        -retentionPeriod=100y -loggerLevel=WARN >"$log_file" 2>&1 &
      server_pid=$!
      wait_ready "http://$HOST_ADDRESS:$port/health" ;;
    *) die "unknown server '$server'" ;;
  esac
  server_url="http://$HOST_ADDRESS:$port"
}

# Just past the last sample time of the first `points` points of bench write's data: HOSTS
# points per timestamp, INTERVAL_S apart from DATA_START_S.
data_end_s() { echo $((DATA_START_S + ($1 + HOSTS - 1) / HOSTS * INTERVAL_S)); }

# The number of points (usage_user values: every point of `strata bench write` has one) the
# current server answers for; 0 while it answers nothing. Strata and InfluxDB by InfluxQL
# count() on database `db`; VictoriaMetrics by PromQL over the span of `points` points (a
# window (T - span, T] at the last sample time T).
stored_points() {
  local server=$1 db=$2 points=$3 end_s
  end_s=$(data_end_s "$points")
  if [[ $server == vm ]]; then
    curl -s -G "$server_url/api/v1/query" --data-urlencode nocache=1 --data-urlencode "time=$((end_s - INTERVAL_S))" \
      --data-urlencode "query=sum(count_over_time(cpu_usage_user[$((end_s - DATA_START_S))s]))" |
      jq -r '.data.result[0].value[1] // 0'
  else
    curl -s -G "$server_url/query" --data-urlencode "db=$db" --data-urlencode 'q=SELECT count(usage_user) FROM cpu' |
      jq -r '.results[0].series[0].values[0][1] // 0'
  fi
}

# Waits up to `limit_s` seconds until the current server answers for `expected` points,
# flushing VictoriaMetrics' in-memory buffer (about a second of data) first. Prints the last
# count; fails when it never matched or the server died.
wait_stored_points() {
  local server=$1 db=$2 expected=$3 limit_s=$4 got=0
  [[ $server == vm ]] && curl -s "$server_url/internal/force_flush" >/dev/null
  for _ in $(seq 1 $((limit_s * 2))); do
    kill -0 "$server_pid" 2>/dev/null || break
    got=$(stored_points "$server" "$db" "$expected")
    [[ $got == "$expected" ]] && break
    sleep 0.5
  done
  echo "$got"
  [[ $got == "$expected" ]]
}

# CPU ticks (utime + stime, 1/CLK_TCK s) the server process has used so far.
server_cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }

# Waits until the server has been idle (under 3 % of a core) for two seconds in a row, at
# most `limit` seconds (120): background work after a load (stratad's compaction,
# VictoriaMetrics' part merges, InfluxDB's cache snapshots) must not share the CPU with
# the timed requests. Every server gets the same wait.
wait_idle() {
  local limit=${1:-120} quiet=0 before after hz
  hz=$(getconf CLK_TCK)
  for _ in $(seq 1 "$limit"); do
    before=$(server_cpu_ticks)
    sleep 1
    after=$(server_cpu_ticks)
    if (( (after - before) * 100 <= 3 * hz )); then quiet=$((quiet + 1)); else quiet=0; fi
    (( quiet >= 2 )) && return
  done
  log "server still busy after ${limit} s; measuring anyway"
}

# SIGTERM, up to 30 s to exit, then SIGKILL; clears server_pid and server_url.
stop_server() {
  [[ -n $server_pid ]] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  for _ in $(seq 1 300); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  server_url=""
}
