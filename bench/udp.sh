#!/usr/bin/env bash
# UDP through a SOCKS5 UDP association: round trips per second (one datagram out, one back, both through the
# relay) with 64-byte and 1400-byte payloads, real Dante (Debian dante-server) and wirelog in the same run, both
# with "log: connect disconnect" (no per-datagram lines). The load generator is bench/UdpLoad.java.
# Usage: bench/udp.sh [seconds per run, default 10] [runs, default 3]. Results: bench/results/udp.txt
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
runs="${2:-3}"
work="$(mktemp -d)"
out="$here/bench/results/udp.txt"
mkdir -p "$here/bench/results"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dante_port=27101; wirelog_port=27102
conf() {
  cat <<CONF
logoutput: $work/$1.log
internal: 127.0.0.1 port = $2
external: 127.0.0.1
socksmethod: none
clientmethod: none
user.privileged: root
user.unprivileged: nobody
client pass { from: 127.0.0.1/32 to: 0.0.0.0/0 log: connect disconnect }
socks pass { from: 127.0.0.1/32 to: 0.0.0.0/0 log: connect disconnect }
CONF
}
conf dante $dante_port > "$work/dante.conf"
conf wirelog $wirelog_port > "$work/wirelog.conf"
danted -N 1 -f "$work/dante.conf" -p "$work/dante.pid" & pids+=($!)
"$here/wirelog" socks -f "$work/wirelog.conf" & pids+=($!)
for port in $dante_port $wirelog_port; do
  for _ in $(seq 300); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
done

java -XX:+UseSerialGC -cp "$here/bench" "$here/bench/UdpLoad.java" $wirelog_port 64 3 >/dev/null   # warm up the JIT
{
  echo "UDP round trips/s through one association, best of $runs x ${seconds}s, window 32, $(nproc) cores, $(date -u +%F)"
  for size in 64 1400; do
    for name in dante:$dante_port wirelog:$wirelog_port; do
      best=0
      for _ in $(seq "$runs"); do
        r=$(java -XX:+UseSerialGC "$here/bench/UdpLoad.java" "${name#*:}" "$size" "$seconds")
        [ "$r" -gt "$best" ] && best=$r
      done
      printf '%-8s %5s bytes %8s round trips/s\n' "${name%%:*}" "$size" "$best"
    done
  done
} | tee "$out"
