#!/usr/bin/env bash
# Forwarding throughput on loopback: a direct connection (the load generator's own limit), Debian's socat
# as a plain forwarder, wirelog forward without recording, and wirelog forward -f -l -M.
# Usage: bench/forward.sh [GiB per run, default 2] [runs, default 3]. Results: bench/results/forward.txt
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gib="${1:-2}"
runs="${2:-3}"
work="$(mktemp -d)"
out="$here/bench/results/forward.txt"
mkdir -p "$here/bench/results"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$here/wirelog" forward -v >/dev/null   # builds the jar once, before two launchers race to
sink=27001; socat_port=27002; plain=27003; recording=27004
# The sink: reads and discards, with a large buffer so that it is never the slow one.
socat -u -b 262144 TCP-LISTEN:$sink,reuseaddr,fork OPEN:/dev/null & pids+=($!)
socat TCP-LISTEN:$socat_port,reuseaddr,fork TCP:127.0.0.1:$sink & pids+=($!)
"$here/wirelog" forward -p$plain@127.0.0.1 -P$sink@127.0.0.1 & pids+=($!)
# Recorded into a temporary directory under /tmp (the real disk).
"$here/wirelog" forward -p$recording@127.0.0.1 -P$sink@127.0.0.1 -f "$work/prot" -l -M & pids+=($!)
for port in $sink $socat_port $plain $recording; do
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
done
rm -f "$work"/prot_*

# One transfer of $1 MiB through port $2; prints MiB/s.
transfer() {
  local mib=$1 port=$2 start end
  start=$(date +%s.%N)
  dd if=/dev/zero bs=1M count="$mib" status=none | socat -u -b 262144 - TCP:127.0.0.1:"$port"
  end=$(date +%s.%N)
  echo "$mib / ($end - $start)" | bc -l | xargs printf '%.0f'
}

# Warm up the JITs.
transfer 512 $plain >/dev/null; transfer 512 $recording >/dev/null; rm -f "$work"/prot_*

mib=$((gib * 1024))
{
  echo "forward throughput, $gib GiB per run, best of $runs (MiB/s), $(nproc) cores, $(date -u +%F)"
  for name in direct:$sink socat:$socat_port wirelog:$plain wirelog-f-l-M:$recording; do
    best=0
    for _ in $(seq "$runs"); do
      r=$(transfer "$mib" "${name#*:}")
      [ "$r" -gt "$best" ] && best=$r
      rm -f "$work"/prot_*
    done
    printf '%-16s %6s MiB/s\n' "${name%%:*}" "$best"
  done
} | tee "$out"
