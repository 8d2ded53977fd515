#!/usr/bin/env bash
# wirelog socks against a direct connection and Debian's danted (same rules, no logging), on loopback.
# Usage: bench/socks.sh [MEGABYTES=2000] [RATE_SECONDS=5] [IDLE_SESSIONS=2000] [REPEAT=3]
# Prints single-stream MB/s and proxy CPU seconds per GB, sessions/s (SOCKS5 handshake + CONNECT + 64-byte echo +
# close, 32 concurrent clients), PSS per idle session, and the same for wirelog with `log: connect disconnect`.
# "direct" is the load generator talking to its own targets without a proxy: its ceiling.
# The connection rate's load generator is bench/floor/socks5-rate.c (one thread, epoll, built here with gcc -O2):
# it shares the two cores with the proxy, so it must cost as little as it can; it prints its own CPU per session.
# Before each round of the rate, bench/floor/cpu-speed.c times a fixed loop on each core: on a shared virtual machine
# the CPU's own speed moves from second to second, and every server's rate with it.
# RATE_GEN=java uses bench/SocksLoad.java's virtual-thread clients instead (about as costly as the proxy itself).
# PIN=1 runs each proxy on core 0 only and the generator on core 1 only (taskset), so they do not compete for cores.
# SECTIONS="throughput rate idle" picks what to run. Before each rate measurement the number of TIME_WAIT sockets is
# printed; DRAIN=1 first waits (at most 65 s) until fewer than 1000 are left, so that no server pays for the one
# measured before it (the client closes first, so the proxy's client-side TIME_WAIT lands on the load generator,
# but the proxy closes towards the echo target first and keeps that side's TIME_WAIT).
# DRAIN=dante waits only before danted's measurements: danted binds port 0 before connecting, and that search for a
# port slows down with every TIME_WAIT socket, while wirelog (IP_BIND_ADDRESS_NO_PORT) and the floor do not bind.
# WARMUP=seconds of connection rate each server gets before anything is measured (default 15).
# SERVERS picks the servers (default "wirelog wirelog-log dante"); two more show the floor of the connection rate:
# "floor" is bench/floor/socks5-epoll.c (a minimal single-threaded epoll SOCKS5 CONNECT server, built here with
# gcc -O2) and "microsocks" Debian's microsocks (a thread per connection; it cannot take the greeting and the request
# in one write, so its clients wait for the method reply first: one round trip more per session).
# B_JAR=path/to/other/wirelog.jar adds the server "wirelog-b": that jar with wirelog's config, for A/B runs; B_OPTS
# are JVM options for it (an A/B of a JVM setting: B_JAR=target/wirelog.jar B_OPTS=-Dsome.setting=1).
# SECTIONS=logcost measures what `log: connect disconnect` costs inside one wirelog process ("wirelog-split"): its
# rules log the sessions from 127.0.0.2 and not those from 127.0.0.1, and the rounds alternate the generator's
# source address ($SOURCE of socks5-rate.c), in ABBA order. The same JVM serves both arms, so what differs is the
# logging alone, not two JVMs' compilations and heaps; REPEAT rounds give a confidence interval for the cost.
# With MEGABYTES > 0 it also compares single-stream throughput, logged against plain (3 ABBA rounds).
# LOCK=file: flock it around each warm-up and each measurement (not while draining), on a machine shared with
# other benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-2000}; RATE_SECONDS=${2:-5}; IDLE=${3:-2000}; REPEAT=${4:-3}
SECTIONS=${SECTIONS:-throughput rate idle}; DRAIN=${DRAIN:-0}; WARMUP=${WARMUP:-15}
SERVERS=${SERVERS:-wirelog wirelog-log dante}; LOCK=${LOCK:-}; RATE_GEN=${RATE_GEN:-c}; PIN=${PIN:-0}
wants() { [[ " $SECTIONS " == *" $1 "* ]]; }
serves() { [[ " $SERVERS " == *" $1 "* ]]; }
locked() { # command...: runs it holding LOCK, if one is given
  [ -n "$LOCK" ] || { "$@"; return; }
  local status=0
  exec {fd}>>"$LOCK"; flock "$fd"; "$@" || status=$?; flock -u "$fd"; exec {fd}>&-
  return "$status"
}
time_wait() { ss -tan state time-wait | tail -n +2 | wc -l; }
drain() { # [server]
  [ "$DRAIN" = 1 ] || { [ "$DRAIN" = dante ] && [ "${1:-}" = dante ]; } || return 0
  for _ in $(seq 65); do [ "$(time_wait)" -lt 1000 ] && return; sleep 1; done
}
ulimit -n "$(ulimit -Hn)"
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)}
command -v danted >/dev/null || { echo "needs danted (apt-get install dante-server)"; exit 1; }
./wirelog -V >/dev/null    # builds target/wirelog.jar if needed
work=$(mktemp -d); trap 'stop_all; rm -rf "$work"' EXIT
declare -A PG   # server name -> process group id (each server runs in a session of its own)

conf() { # name port logkeywords [rules: replace the two that pass all of 127.0.0.0/8]
  local rules=${4:-"client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 ${3:+log: $3} }
socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 ${3:+log: $3} }"}
  cat > "$work/$1.conf" <<CONF
logoutput: $work/$1.log
internal: 127.0.0.1 port = $2
external: 127.0.0.1
socksmethod: none
clientmethod: none
user.privileged: root
user.unprivileged: nobody
$rules
CONF
}
start() { # name port command...   (not in a subshell: it records the server in PG)
  local name=$1 port=$2; shift 2
  if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then echo "port $port is already in use" >&2; exit 1; fi
  setsid "$@" >"$work/$name.out" 2>&1 &
  PG[$name]=$!
  for _ in $(seq 100); do
    (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && return
    kill -0 "${PG[$name]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "$name did not start: $(cat "$work/$name.out")" >&2; exit 1
}
stop_all() { for g in "${PG[@]}"; do kill -TERM -- "-$g" 2>/dev/null || true; done; sleep 1; }
ticks() { # CPU clock ticks used by a process group, exited children included
  local total=0 f
  for f in /proc/[0-9]*/stat; do
    { read -r -a s < "$f"; } 2>/dev/null || continue
    # fields after "(comm)": state=3 ppid pgrp ... utime=14 stime=15 cutime=16 cstime=17 (comm has no spaces here)
    [ "${s[4]}" = "$1" ] && total=$((total + s[13] + s[14] + s[15] + s[16]))
  done
  echo "$total"
}
pss_kb() {
  local total=0 f pid
  for f in /proc/[0-9]*/stat; do
    { read -r -a s < "$f"; } 2>/dev/null || continue
    [ "${s[4]}" = "$1" ] || continue
    pid=${s[0]}
    total=$((total + $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
HZ=$(getconf CLK_TCK)
steal() { awk '/^cpu / {print $9}' /proc/stat; }   # CPU time the hypervisor gave to others (a VM's noise)
load() { "$JAVA" bench/SocksLoad.java "$@"; }
gcc -O2 -o "$work/socks5-rate" bench/floor/socks5-rate.c
gcc -O2 -o "$work/cpu-speed" bench/floor/cpu-speed.c
PROXY_CORE=(); GEN_CORE=()   # command prefixes: taskset where PIN=1
[ "$PIN" = 1 ] && { PROXY_CORE=(taskset -c 0); GEN_CORE=(taskset -c 1); }
cpu_speed() { echo "cpu speed, ns per step (less is faster): core 0 $(taskset -c 0 "$work/cpu-speed"), core 1 $(taskset -c 1 "$work/cpu-speed")"; }
rate_load() { # HOST:PORT|direct CLIENTS SECONDS [lockstep]
  if [ "$RATE_GEN" = java ]; then "${GEN_CORE[@]}" "$JAVA" bench/SocksLoad.java rate "$@"
  else "${GEN_CORE[@]}" "$work/socks5-rate" "${1##*:}" "${@:2}"; fi
}

conf wirelog 11080 ""; conf wirelog-log 11081 "connect disconnect"; conf dante 11082 ""; conf wirelog-b 11085 ""
# wirelog-split: the first rules, without logging, take 127.0.0.1; the rules after them log 127.0.0.2.
conf wirelog-split 11086 "" "client pass { from: 127.0.0.1/32 to: 0.0.0.0/0 }
client pass { from: 127.0.0.2/32 to: 0.0.0.0/0 log: connect disconnect }
socks pass { from: 127.0.0.1/32 to: 0.0.0.0/0 }
socks pass { from: 127.0.0.2/32 to: 0.0.0.0/0 log: connect disconnect }"
declare -A PORT=([wirelog]=11080 [wirelog-log]=11081 [dante]=11082 [floor]=11083 [microsocks]=11084 [wirelog-b]=11085
  [wirelog-split]=11086)
declare -A HANDSHAKE=([microsocks]=lockstep)
serves wirelog && start wirelog 11080 "${PROXY_CORE[@]}" "$JAVA" --enable-native-access=ALL-UNNAMED -jar target/wirelog.jar socks -f "$work/wirelog.conf"
serves wirelog-log && start wirelog-log 11081 "${PROXY_CORE[@]}" "$JAVA" --enable-native-access=ALL-UNNAMED -jar target/wirelog.jar socks -f "$work/wirelog-log.conf"
wants logcost && start wirelog-split 11086 "${PROXY_CORE[@]}" "$JAVA" --enable-native-access=ALL-UNNAMED -jar target/wirelog.jar socks -f "$work/wirelog-split.conf"
serves wirelog-b && start wirelog-b 11085 "${PROXY_CORE[@]}" "$JAVA" --enable-native-access=ALL-UNNAMED ${B_OPTS:-} -jar "${B_JAR:?B_JAR names the jar of wirelog-b}" socks -f "$work/wirelog-b.conf"
serves dante && start dante 11082 "${PROXY_CORE[@]}" danted -f "$work/dante.conf"
if serves floor; then
  gcc -O2 -o "$work/socks5-epoll" bench/floor/socks5-epoll.c
  start floor 11083 "${PROXY_CORE[@]}" "$work/socks5-epoll" 11083
fi
serves microsocks && start microsocks 11084 "${PROXY_CORE[@]}" microsocks -i 127.0.0.1 -p 11084
echo "machine: $(nproc) cores, $(uname -r); load average $(cut -d' ' -f1-3 /proc/loadavg)"
# Warm-up: the JVM compiles the session path only after thousands of sessions (2 s left wirelog's first round
# at half its later rate); every server, danted too, gets the same WARMUP seconds of connection rate.
echo "warm-up (${WARMUP}s of connection rate per server)"
warm_up() {
  wants throughput && [ -z "${HANDSHAKE[$1]:-}" ] && load throughput "127.0.0.1:${PORT[$1]}" 500 >/dev/null
  rate_load "127.0.0.1:${PORT[$1]}" 32 "$WARMUP" ${HANDSHAKE[$1]:-} >/dev/null
}
for p in $SERVERS; do locked warm_up "$p"; done

if wants throughput; then
echo; echo "== single-stream throughput, $MB MB, best of $REPEAT (proxy CPU s/GB of that run)"
for r in $(seq "$REPEAT"); do
  echo "direct: $(load throughput direct "$MB")"
  for p in $SERVERS; do
    [ -z "${HANDSHAKE[$p]:-}" ] || continue
    before=$(ticks "${PG[$p]}"); out=$(load throughput "127.0.0.1:${PORT[$p]}" "$MB"); after=$(ticks "${PG[$p]}")
    echo "$p: $out, $(awk -v t=$((after - before)) -v hz="$HZ" -v mb="$MB" 'BEGIN {printf "%.2f CPU s/GB", t / hz / (mb / 1024)}')"
  done
done
fi

if wants rate; then
echo; echo "== connection rate, 32 clients, ${RATE_SECONDS}s each, $REPEAT rounds"
measure_rate() { # server
  local before out after done_count
  local steal_before steal_after
  steal_before=$(steal); before=$(ticks "${PG[$1]}")
  out=$(rate_load "127.0.0.1:${PORT[$1]}" 32 "$RATE_SECONDS" ${HANDSHAKE[$1]:-})
  after=$(ticks "${PG[$1]}"); steal_after=$(steal)
  done_count=$(echo "$out" | sed -n 's/.*(\([0-9]*\) done.*/\1/p')
  echo "$1 $r $(echo "$out" | sed -n 's/^\([0-9.]*\) sessions\/s.*/\1/p')" >> "$work/rates"
  echo "$1: $out, $(awk -v t=$((after - before)) -v hz="$HZ" -v n="$done_count" 'BEGIN {printf "%.0f proxy CPU us/session", t / hz * 1e6 / n}'),\
 steal $(awk -v s=$((steal_after - steal_before)) -v hz="$HZ" -v cores="$(nproc)" -v secs="$RATE_SECONDS" 'BEGIN {printf "%.1f%%", s * 100 / (hz * cores * secs)}')"
}
for r in $(seq "$REPEAT"); do
  drain; locked cpu_speed; echo "direct: $(locked rate_load direct 32 "$RATE_SECONDS")"
  # Every other round in the opposite order: a server measured later meets the TIME_WAIT sockets of those before it
  # (its connect(2) searches longer for a free port), and wirelog-log must not always be the one after wirelog.
  order=$SERVERS
  [ $((r % 2)) = 0 ] && order=$(echo "$SERVERS" | tr ' ' '\n' | tac | tr '\n' ' ')
  for p in $order; do
    drain "$p"; tw=$(time_wait); echo -n "[load $(cut -d' ' -f1 /proc/loadavg), $tw TIME_WAIT] "
    locked measure_rate "$p"
  done
done
# The machine's speed itself varies (an L2-bound loop ran at 1.4 to 2.6 ns per step from one second to the next,
# docs/perf.md), so one round's ratio says little: each server against danted, and wirelog with logging against
# wirelog, over all rounds (mean against mean) and round by round (the median, the range and how many reach 3x).
summarize_rates() { # base server
  awk -v base="$1" -v other="$2" '
    $1 == base { b[$2] = $3; bsum += $3 } $1 == other { o[$2] = $3; osum += $3 }
    END {
      n = 0; for (r in b) if (r in o && b[r] > 0) { q[++n] = o[r] / b[r]; if (q[n] >= 3) three++ }
      if (n == 0) exit
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (q[j] < q[i]) { t = q[i]; q[i] = q[j]; q[j] = t }
      median = n % 2 ? q[(n + 1) / 2] : (q[n / 2] + q[n / 2 + 1]) / 2
      printf "%s / %s: %.3f over all %d rounds (mean rates), per round median %.3f, range %.3f-%.3f",
        other, base, osum / bsum, n, median, q[1], q[n]
      if (base == "dante") printf ", %d of %d at 3x or more", three, n
      printf "\n"
    }' "$work/rates"
}
echo
for p in $SERVERS; do [ "$p" = dante ] || summarize_rates dante "$p"; done
serves wirelog && serves wirelog-log && summarize_rates wirelog wirelog-log
fi

if wants logcost; then
echo; echo "== what \`log: connect disconnect\` costs, inside one wirelog: $REPEAT rounds of ${RATE_SECONDS}s per arm"
echo "rules: $(grep -c pass "$work/wirelog-split.conf") in $work/wirelog-split.conf; plain = from 127.0.0.1, logged = from 127.0.0.2"
writer_ticks() { # pid: CPU clock ticks of its log writer thread
  local t total=0
  for t in /proc/"$1"/task/*; do
    [ "$(cat "$t/comm" 2>/dev/null)" = wirelog-log ] || continue
    { read -r -a s < "$t/stat"; } 2>/dev/null && total=$((s[13] + s[14]))
  done
  echo "$total"
}
measure_arm() { # arm source-address
  local pid=${PG[wirelog-split]} before wbefore out after wafter n
  before=$(ticks "$pid"); wbefore=$(writer_ticks "$pid")
  out=$(SOURCE=$2 "${GEN_CORE[@]}" "$work/socks5-rate" "${PORT[wirelog-split]}" 32 "$RATE_SECONDS")
  after=$(ticks "$pid"); wafter=$(writer_ticks "$pid")
  n=$(echo "$out" | sed -n 's/.*(\([0-9]*\) done.*/\1/p')
  echo "$1 $r $(echo "$out" | sed -n 's/^\([0-9.]*\) sessions\/s.*/\1/p') $n" >> "$work/arms"
  echo "$1: $out, $(awk -v t=$((after - before)) -v w=$((wafter - wbefore)) -v hz="$HZ" -v n="$n" \
    'BEGIN {printf "%.0f proxy CPU us/session (log writer %.1f)", t / hz * 1e6 / n, w / hz * 1e6 / n}')"
}
echo "warm-up (${WARMUP}s of connection rate per arm)"
for source in 127.0.0.1 127.0.0.2; do
  locked env SOURCE=$source "${GEN_CORE[@]}" "$work/socks5-rate" "${PORT[wirelog-split]}" 32 "$WARMUP" >/dev/null
done
lines_before=$(wc -l < "$work/wirelog-split.log")
for r in $(seq "$REPEAT"); do
  arms="plain:127.0.0.1 logged:127.0.0.2 logged:127.0.0.2 plain:127.0.0.1"   # ABBA: drifts cancel out in pairs
  [ $((r % 2)) = 0 ] && arms="logged:127.0.0.2 plain:127.0.0.1 plain:127.0.0.1 logged:127.0.0.2"
  locked cpu_speed
  for arm in $arms; do locked measure_arm "${arm%%:*}" "${arm#*:}"; done
done
# Per round, logged against plain (each arm's two runs summed); the 95 % interval is mean +- t * sd / sqrt(n), with
# t from a close approximation (1.96 + 2.4 / degrees of freedom).
awk '$1 == "plain" { p[$2] += $3; ps += $4 } $1 == "logged" { l[$2] += $3; ls += $4 }
  END {
    for (r in p) { q[++n] = l[r] / p[r]; sum += q[n]; pr += p[r]; lr += l[r] }
    mean = sum / n; for (i = 1; i <= n; i++) v += (q[i] - mean) ^ 2
    half = n > 1 ? (1.96 + 2.4 / (n - 1)) * sqrt(v / (n - 1)) / sqrt(n) : 0
    printf "logged / plain: %.3f over all %d rounds (mean rates); per round mean %.3f, 95%% interval %.3f-%.3f\n",
      lr / pr, n, mean, mean - half, mean + half
    printf "sessions done: %d plain, %d logged\n", ps, ls
  }' "$work/arms"
sleep 1   # the writer lingers 10 ms before it writes
echo "log lines written in these rounds: $(($(wc -l < "$work/wirelog-split.log") - lines_before)) (4 per logged session done,\
 and 4 for each of the at most 32 open when a run ends)"
# Single-stream throughput, logged against plain, when MEGABYTES is not 0: 3 rounds, ABBA as above.
if [ "$MB" -gt 0 ]; then
  echo "single stream, $MB MB per run:"
  for r in 1 2 3; do
    for arm in plain:127.0.0.1 logged:127.0.0.2 logged:127.0.0.2 plain:127.0.0.1; do
      before=$(ticks "${PG[wirelog-split]}")
      out=$(SOURCE=${arm#*:} locked load throughput "127.0.0.1:${PORT[wirelog-split]}" "$MB")
      after=$(ticks "${PG[wirelog-split]}")
      echo "${arm%%:*} $(echo "$out" | sed -n 's/^\([0-9.]*\) MB\/s.*/\1/p')" >> "$work/streams"
      echo "${arm%%:*}: $out, $(awk -v t=$((after - before)) -v hz="$HZ" -v mb="$MB" 'BEGIN {printf "%.2f CPU s/GB", t / hz / (mb / 1024)}')"
    done
  done
  awk '$1 == "plain" { p += $2 } $1 == "logged" { l += $2 }
    END { printf "single stream logged / plain: %.3f (mean MB/s of 6 runs each)\n", l / p }' "$work/streams"
fi
fi

wants idle || exit 0
echo; echo "== memory per idle session ($IDLE sessions held open)"
for p in $SERVERS; do
  [ "$p" != wirelog-log ] && [ -z "${HANDSHAKE[$p]:-}" ] || continue
  base=$(pss_kb "${PG[$p]}")
  load idle "127.0.0.1:${PORT[$p]}" "$IDLE" 8 > "$work/idle.out" &
  loader=$!
  for _ in $(seq 200); do grep -q open "$work/idle.out" 2>/dev/null && break; sleep 0.1; done
  sleep 2
  held=$(pss_kb "${PG[$p]}")
  wait "$loader"
  echo "$p: PSS $base kB idle -> $held kB with $IDLE sessions: $(( (held - base) / IDLE )) kB per session"
done
if serves wirelog-log; then echo; echo "wirelog-log wrote $(wc -l < "$work/wirelog-log.log") lines"; fi
