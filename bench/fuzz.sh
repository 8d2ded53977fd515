#!/usr/bin/env bash
# A long fuzzing run of every parser at once (or of one target), with Jazzer's own driver: the run behind
# the test suite's short one (testing.EveryParserFuzzRunTest), for as long as asked. Starts from all the
# seeds and keeps what it learns in bench/results/fuzz-corpus; findings (crash-*, and a Crash_*.java that
# replays each) go to bench/results/fuzz-findings. It goes on after a finding (up to 200 distinct ones).
# Usage: bench/fuzz.sh [seconds, default 600] [target, e.g. NegotiationFuzzTest#udpHeader; default: all]
# Results: bench/results/fuzz.txt (Jazzer's report; "wirelog-fuzz: TARGET ran N" lines at its end)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-600}"
target="${2:-}"
results="$here/bench/results"
corpus="$results/fuzz-corpus"
findings="$results/fuzz-findings"
mkdir -p "$corpus" "$findings"
cd "$here"
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$results/fuzz-classpath.txt"
java="$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)"

# The seeds, each behind the byte that picks its target (EveryParser's order); one target takes them as they are.
python3 - "$corpus" "$target" <<'PY'
import glob, os, re, sys
corpus, only = sys.argv[1], sys.argv[2]
order = [a + '#' + b for a, b in re.findall(r'add\(targets, (\w+)\.class, "(\w+)"', open('src/test/java/org/wirelog/testing/EveryParser.java').read())]
for d in glob.glob('target/test-classes/org/wirelog/**/*FuzzTestInputs/*', recursive=True):
    name = os.path.basename(os.path.dirname(d))[:-len('Inputs')] + '#' + os.path.basename(d)
    if only and name != only: continue
    for f in glob.glob(d + '/*'):
        prefix = b'' if only else bytes([order.index(name)])
        open(f'{corpus}/seed-{order.index(name)}-{os.path.basename(f)}', 'wb').write(prefix + open(f, 'rb').read())
PY

"$java" -Xmx1g --enable-native-access=ALL-UNNAMED --add-exports java.base/sun.nio.ch=ALL-UNNAMED -XX:+EnableDynamicAgentLoading \
  ${target:+-Dwirelog.fuzz.target=$target} \
  -cp "target/test-classes:target/classes:$(cat "$results/fuzz-classpath.txt")" com.code_intelligence.jazzer.Jazzer \
  --target_class=org.wirelog.testing.EveryParser --instrumentation_includes='org.wirelog.**' --keep_going=200 \
  --reproducer_path="$findings" -artifact_prefix="$findings/" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=0 \
  "$corpus" 2>&1 | grep -v '^INFO: Instrumented\|^INFO: Loaded' | tee "$results/fuzz.txt"
