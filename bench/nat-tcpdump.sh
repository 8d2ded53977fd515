#!/usr/bin/env bash
# tcpdump mode on large generated captures: wirelog nat against Debian's natlog on the same files.
# For each capture size, RUNS runs of each tool, interleaved (natlog, wirelog, natlog, ...) so that a
# shared machine's load falls on both alike. Per run: wall seconds, CPU seconds (user + system, every
# thread), peak resident memory; then per tool the best and the median, packets per second (both files
# together) and wirelog's factor over natlog. Memory must follow the open flows (a handful), not the size.
# Also checks that both tools logged the same connections (the byte counts aside: natlog's are 0).
# Usage: bench/nat-tcpdump.sh [flows ...]   (default 100000 400000 1000000: 2, 8 and 20 million packets)
#        RUNS=3 by default. Each flow is 20 packets (10 per file). Results: bench/results/nat-tcpdump.txt
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-3}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 400000 1000000)
work="$(mktemp -d)"
out="$here/bench/results/nat-tcpdump.txt"
mkdir -p "$here/bench/results"
trap 'rm -rf "$work"' EXIT
command -v natlog >/dev/null || { echo "natlog is not installed (apt-get install natlog)" >&2; exit 1; }

"$here/wirelog" nat --version >/dev/null   # builds the jar first
: > "$work/empty.conf"

# Runs "$@" with stdout to $work/stdout.TOOL; prints wall seconds, CPU seconds and peak RSS in kB (GNU time).
measure() {
  local tool=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" > "$work/stdout.$tool" 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  read -r wall user sys rss < "$work/time"
  echo "$wall $(echo "$user + $sys" | bc -l) $rss"
}

# best and median of the numbers on stdin
stats() { sort -g | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f %.2f\n", v[1], m }'; }

connections() { grep '^from ' "$work/stdout.$1" | sed 's/ sent: .*//' | sort; }

{
  echo "# bench/nat-tcpdump.sh ${sizes[*]}, RUNS=$runs, $(date -u +%F), $(nproc) cores, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-8s %10s %4s %8s %8s %10s %8s\n' tool packets run wall_s cpu_s peakRSSkB lines
} | tee "$out"
summary=()
for flows in "${sizes[@]}"; do
  python3 "$here/bench/nat-capture.py" "$flows" "$work/in.pcap" "$work/out.pcap"
  cat "$work/in.pcap" "$work/out.pcap" > /dev/null   # both tools read them from the page cache
  packets=$((flows * 20))
  args=(-c "$work/empty.conf" --no-daemon --stdout --log off -P all "$work/in.pcap" 192.168.77.1 255.255.255.0 "$work/out.pcap" 10.77.0.1 255.255.255.0)
  : > "$work/natlog.runs"; : > "$work/wirelog.runs"
  for run in $(seq "$runs"); do
    for tool in natlog wirelog; do
      if [ "$tool" = natlog ]; then read -r wall cpu rss < <(measure natlog natlog "${args[@]}")
      else read -r wall cpu rss < <(measure wirelog "$here/wirelog" nat "${args[@]}"); fi
      lines=$(grep -c '^from ' "$work/stdout.$tool" || true)
      echo "$wall $cpu $rss" >> "$work/$tool.runs"
      printf '%-8s %10d %4d %8.2f %8.2f %10d %8d\n' "$tool" "$packets" "$run" "$wall" "$cpu" "$rss" "$lines" | tee -a "$out"
    done
  done
  same=$(cmp -s <(connections natlog) <(connections wirelog) && echo same || echo DIFFERENT)
  for tool in natlog wirelog; do
    read -r wall_best wall_median < <(cut -d' ' -f1 "$work/$tool.runs" | stats)
    read -r cpu_best cpu_median < <(cut -d' ' -f2 "$work/$tool.runs" | stats)
    rss_max=$(cut -d' ' -f3 "$work/$tool.runs" | sort -g | tail -1)
    if [ "$tool" = natlog ]; then natlog_times=("$wall_best" "$wall_median" "$cpu_best" "$cpu_median")
    else wirelog_times=("$wall_best" "$wall_median" "$cpu_best" "$cpu_median"); fi
    summary+=("$(printf '%-8s %10d %8.2f %8.2f %12.0f %12.0f %8.2f %8.2f %10d' "$tool" "$packets" "$wall_best" "$wall_median" \
      "$(echo "$packets / $wall_best" | bc -l)" "$(echo "$packets / $wall_median" | bc -l)" "$cpu_best" "$cpu_median" "$rss_max")")
  done
  summary+=("$(printf '%-8s %10d  wirelog/natlog packets/s: %.1fx (best), %.1fx (median); per CPU second: %.1fx (best), %.1fx (median); connections: %s' \
    factor "$packets" $(for i in 0 1 2 3; do echo "${natlog_times[$i]} / ${wirelog_times[$i]}" | bc -l; done) "$same")")
done
{
  echo
  printf '%-8s %10s %8s %8s %12s %12s %8s %8s %10s\n' tool packets wall_best wall_med pps_best pps_median cpu_best cpu_med maxRSSkB
  printf '%s\n' "${summary[@]}"
} | tee -a "$out"
