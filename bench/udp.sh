#!/usr/bin/env bash
# UDP through a SOCKS5 UDP association: round trips per second (one datagram out, one back, both through the
# relay) with 64-byte and 1400-byte payloads, real Dante (Debian dante-server) and wirelog in the same run, both
# with "log: connect disconnect" (no per-datagram lines). The load generator is bench/UdpLoad.java.
# Beside each rate: the relay's CPU seconds (utime+stime from /proc/<pid>/stat, over the server's whole process
# tree: Dante's children included, live and ended) per 100k round trips, over the best run.
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
# utime+stime, in clock ticks, of a process and all its descendants, with their children that ended and were waited
# for (cutime+cstime: Dante's processes come and go)
cpu_ticks() {
  local total=0 p
  for p in $1 $(pgrep -P "$1"); do
    [ "$p" = "$1" ] || { total=$((total + $(cpu_ticks "$p"))); continue; }
    total=$((total + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
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
danted -N 1 -f "$work/dante.conf" -p "$work/dante.pid" & pids+=($!); dante_pid=$!
"$here/wirelog" socks -f "$work/wirelog.conf" & pids+=($!); wirelog_pid=$!
for port in $dante_port $wirelog_port; do
  for _ in $(seq 300); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
done

java -XX:+UseSerialGC -cp "$here/bench" "$here/bench/UdpLoad.java" $wirelog_port 64 3 >/dev/null   # warm up the JIT
{
  echo "UDP round trips/s through one association, best of $runs x ${seconds}s, window 32, $(nproc) cores, $(date -u +%F)"
  for size in 64 1400; do
    for name in dante:$dante_port wirelog:$wirelog_port; do
      best=0; best_cpu=0
      server_pid=$dante_pid; [ "${name%%:*}" = wirelog ] && server_pid=$wirelog_pid
      for _ in $(seq "$runs"); do
        before=$(cpu_ticks "$server_pid")
        read -r r total < <(java -XX:+UseSerialGC "$here/bench/UdpLoad.java" "${name#*:}" "$size" "$seconds")
        after=$(cpu_ticks "$server_pid")
        cpu=$(awk -v t=$((after - before)) -v n="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz / n * 100000 }')
        printf '  %-8s %5s bytes run: %8s round trips/s, %s CPU s per 100k round trips\n' "${name%%:*}" "$size" "$r" "$cpu" >&2
        [ "$r" -gt "$best" ] && { best=$r; best_cpu=$cpu; }
      done
      printf '%-8s %5s bytes %8s round trips/s %6s CPU s/100k round trips\n' "${name%%:*}" "$size" "$best" "$best_cpu"
    done
  done
  echo "uptime: $(uptime)"
} | tee "$out"
