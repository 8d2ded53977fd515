#!/usr/bin/env bash
# tcpdump mode on large generated captures: wirelog nat against Debian's natlog on the same files.
# Packets per second (both files together) and peak resident memory, for two capture sizes, so that
# memory can be seen to follow the open flows (a handful) and not the file size.
# Usage: bench/nat-tcpdump.sh [flows of the small capture, default 100000] [factor of the big one, default 4]
# Each flow is 20 packets (10 per file). Results: bench/results/nat-tcpdump.txt
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
small="${1:-100000}"
factor="${2:-4}"
work="$(mktemp -d)"
out="$here/bench/results/nat-tcpdump.txt"
mkdir -p "$here/bench/results"
trap 'rm -rf "$work"' EXIT
command -v natlog >/dev/null || { echo "natlog is not installed (apt-get install natlog)" >&2; exit 1; }

"$here/wirelog" nat --version >/dev/null   # builds the jar first
: > "$work/empty.conf"

# Runs "$@" with stdout to a file; prints seconds and peak RSS in kB (GNU time).
measure() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > "$work/stdout" 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  cat "$work/time"
}

{
  echo "# bench/nat-tcpdump.sh $small $factor, $(date -u +%F), $(nproc) cores, $(uname -r)"
  printf '%-8s %10s %10s %8s %12s %10s %8s\n' tool flows packets seconds packets/s peakRSSkB lines
} | tee "$out"
for flows in "$small" $((small * factor)); do
  python3 "$here/bench/nat-capture.py" "$flows" "$work/in.pcap" "$work/out.pcap"
  packets=$((flows * 20))
  args=(-c "$work/empty.conf" --no-daemon --stdout --log off -P all "$work/in.pcap" 192.168.77.1 255.255.255.0 "$work/out.pcap" 10.77.0.1 255.255.255.0)
  for tool in natlog wirelog; do
    if [ "$tool" = natlog ]; then read -r secs rss < <(measure natlog "${args[@]}")
    else read -r secs rss < <(measure "$here/wirelog" nat "${args[@]}"); fi
    lines=$(grep -c '^from ' "$work/stdout" || true)
    printf '%-8s %10d %10d %8.2f %12.0f %10d %8d\n' "$tool" "$flows" "$packets" "$secs" "$(echo "$packets / $secs" | bc -l)" "$rss" "$lines" | tee -a "$out"
  done
done
