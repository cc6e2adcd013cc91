# Shared by the end-to-end comparison scripts (sourced, not run): logging, free loopback
# ports, waiting for a server and stopping it. The sourcing script sets SCRIPT_NAME and
# WORK_DIR and keeps its server's pid in server_pid and address in server_url.
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
