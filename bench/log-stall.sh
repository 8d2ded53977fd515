#!/usr/bin/env bash
# Does a log that cannot be written stall the traffic? wirelog socks with `log: connect disconnect` (4 lines per
# session), its logoutput once a regular file and once a FIFO whose reader never reads (a disk or pipe that blocks:
# the log writer is stuck from the first 64 kB on). Prints sessions/s for each (32 clients, SOCKS5 + CONNECT + 64-byte
# echo + close), the server's RSS after each run (the bounded queue keeps it flat: the relays never wait), and how
# long SIGTERM takes (a stuck log is given up after 5 s, with a line on stderr).
# Usage: bench/log-stall.sh [SECONDS=10]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-10}
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)}
./wirelog -V >/dev/null    # builds target/wirelog.jar if needed
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT

run() { # name logoutput port
  cat > "$work/$1.conf" <<CONF
logoutput: $2
internal: 127.0.0.1 port = $3
external: 127.0.0.1
socksmethod: none
clientmethod: none
client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect }
socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect }
CONF
  ./wirelog socks -f "$work/$1.conf" >"$work/$1.out" 2>&1 &
  local pid=$!; pids+=("$pid")
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$3") 2>/dev/null && break; sleep 0.1; done
  "$JAVA" bench/SocksLoad.java rate "127.0.0.1:$3" 32 2 >/dev/null    # warm-up
  echo "$1: $("$JAVA" bench/SocksLoad.java rate "127.0.0.1:$3" 32 "$SECONDS_EACH")"
  echo "$1: server RSS $(awk '/VmRSS/ {print $2, $3}' "/proc/$pid/status")"
  local start=$(date +%s.%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$1: exited $(echo "$(date +%s.%N) - $start" | bc | cut -c1-4)s after SIGTERM; $(grep -c . "$work/$1.out" || true) lines on stderr: $(head -c 300 "$work/$1.out")"
}

run file "$work/sockd.log" 21080
mkfifo "$work/stuck.fifo"
# The reader opens the FIFO (so that wirelog's open returns) and then never reads.
sleep 100000 < "$work/stuck.fifo" & pids+=($!)
run stuck-fifo "$work/stuck.fifo" 21081
