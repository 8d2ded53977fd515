#!/usr/bin/env bash
# The soak of issue #8: mixed CONNECT and UDP traffic (8 clients, seeded) through wirelog as a real process on
# loopback, with `log: connect disconnect ioop`; afterwards the log is held against what the clients recorded:
# every line whole, one [: and one ]: per session, every counter (and the -: lines' sum) equal to the bytes the peers
# exchanged, and wirelog's RSS (sampled up to 100 times) no higher late in the run than early after the warm-up.
# It is SoakTest (src/test/java/org/wirelog/socks), which the suite runs for 20 seconds.
# Usage: bench/soak.sh [SECONDS=600]      prints the figures (also in target/soak-figures.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
LENGTH=${1:-600}
./mvnw -q -B test -Dtest=SoakTest -Dsoak.seconds="$LENGTH"
cat target/soak-figures.txt
