#!/usr/bin/env bash
# Reading speed and indexed who-query latency of wirelog's log reader.
# Usage: bench/query.sh [DANTE_SESSIONS=1000000] [INDEX_SESSIONS=10000000] [WORK_DIR=a temporary directory]
# 1. Writes DANTE_SESSIONS sessions of Dante's traffic log (2 lines each) with wirelog's writer and reads them
#    with wirelog's reader on one core (taskset -c 0): lines per second, second pass (warm JIT).
# 2. Writes INDEX_SESSIONS natlog lines (4 outside addresses, 30 days), indexes them with `wirelog index`
#    (time, file size, peak RSS), asks `wirelog who --db` one question with a known answer (whole command,
#    JVM start included), then 1000 random IP:PORT and 1000 IP-alone questions in one JVM: median, p99, max.
set -euo pipefail
cd "$(dirname "$0")/.."
DANTE=${1:-1000000}; SESSIONS=${2:-10000000}
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)}
./wirelog --version >/dev/null    # builds target/wirelog.jar if needed
work=${3:-$(mktemp -d)}; mkdir -p "$work"
run() { "$JAVA" --enable-native-access=ALL-UNNAMED -cp target/wirelog.jar "$@"; }

echo "== reading Dante's traffic log: $DANTE sessions"
run bench/QueryData.java dante "$DANTE" "$work/sockd.log"
ls -l "$work/sockd.log" | awk '{printf "%d bytes\n", $5}'
taskset -c 0 "$JAVA" --enable-native-access=ALL-UNNAMED -cp target/wirelog.jar bench/ReadSpeed.java "$work/sockd.log"

echo "== the index: $SESSIONS natlog translations"
question=$(run bench/QueryData.java natlog "$SESSIONS" "$work/nat.log" | tail -1)
ls -l "$work/nat.log" | awk '{printf "%d bytes\n", $5}'
rm -f "$work/index.db"*
/usr/bin/time -f "index: %e s wall, %M kB peak RSS" ./wirelog index --no-progress --db "$work/index.db" "$work/nat.log"
ls -l "$work/index.db" | awk '{printf "index.db: %d bytes\n", $5}'
read -r endpoint at client <<<"$question"
echo "who $endpoint --at $at (expected inside: $client):"
/usr/bin/time -f "whole command: %e s wall" ./wirelog who "$endpoint" --at "$at" --window 1s --db "$work/index.db" | grep -F "client $client"
run bench/WhoLatency.java "$work/index.db" 1000
[ -n "${3:-}" ] || rm -rf "$work"
