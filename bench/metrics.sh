#!/usr/bin/env bash
# What --metrics costs wirelog socks: connection rate and proxy CPU per session with and without it (the metrics
# sink and the status board see every session event), then the time of one scrape and one /status.json.
# Usage: bench/metrics.sh [RATE_SECONDS=5] [REPEAT=3]
set -euo pipefail
cd "$(dirname "$0")/.."
RATE_SECONDS=${1:-5}; REPEAT=${2:-3}
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)}
./wirelog -V >/dev/null    # builds target/wirelog.jar if needed
work=$(mktemp -d)
declare -A PID
stop_all() { for p in "${PID[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; sleep 1; rm -rf "$work"; }
trap stop_all EXIT
conf() { # name port
  cat > "$work/$1.conf" <<CONF
logoutput: $work/$1.log
internal: 127.0.0.1 port = $2
external: 127.0.0.1
socksmethod: none
clientmethod: none
client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }
socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }
CONF
}
start() { # name port args...
  local name=$1 port=$2; shift 2
  "$JAVA" --enable-native-access=ALL-UNNAMED -jar target/wirelog.jar socks -f "$work/$name.conf" "$@" >"$work/$name.out" 2>&1 &
  PID[$name]=$!
  for _ in $(seq 300); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && return; sleep 0.1; done
  echo "$name did not start: $(cat "$work/$name.out")" >&2; exit 1
}
ticks() { read -r -a s < "/proc/$1/stat"; echo $((s[13] + s[14])); }
HZ=$(getconf CLK_TCK)
load() { "$JAVA" bench/SocksLoad.java "$@"; }

conf plain 11090; conf metrics 11091
start plain 11090
start metrics 11091 --metrics 127.0.0.1:11099
declare -A PORT=([plain]=11090 [metrics]=11091)
echo "machine: $(nproc) cores, $(uname -r); load average $(cut -d' ' -f1-3 /proc/loadavg)"
for p in plain metrics; do load rate "127.0.0.1:${PORT[$p]}" 32 2 >/dev/null; done

echo "== connection rate, 32 clients, ${RATE_SECONDS}s each, $REPEAT rounds"
for r in $(seq "$REPEAT"); do
  for p in plain metrics; do
    before=$(ticks "${PID[$p]}"); out=$(load rate "127.0.0.1:${PORT[$p]}" 32 "$RATE_SECONDS"); after=$(ticks "${PID[$p]}")
    done_count=$(echo "$out" | sed -n 's/.*(\([0-9]*\) done.*/\1/p')
    echo "$p: $out, $(awk -v t=$((after - before)) -v hz="$HZ" -v n="$done_count" 'BEGIN {printf "%.0f proxy CPU us/session", t / hz * 1e6 / n}')"
  done
done

echo "== one scrape after that traffic (best of 20)"
for path in metrics status.json; do
  best=$(for _ in $(seq 20); do curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:11099/$path"; done | sort -n | head -1)
  echo "/$path: ${best}s, $(curl -s "http://127.0.0.1:11099/$path" | wc -c) bytes"
done
