#!/usr/bin/env bash
# Coverage-guided fuzzing of fedmq's decoders with Jazzer, one target after another (Jazzer fuzzes one target
# per JVM). `mvn test` only replays each target's seeds and past findings; this script does the real fuzzing.
#
#   benchmarks/run-fuzz.sh [DURATION] [REGEX]
#     DURATION  per target, in Jazzer's syntax: 30s, 5m, 1h (default 2m)
#     REGEX     an extended regex over Class#method selecting the targets (default: all of them)
#   e.g. benchmarks/run-fuzz.sh 10m 'WireFuzzTest#(anyMessage|globalModel)'
#
# A finding fails its target and lands in protocol/src/test/resources/io/fedmq/protocol/fuzz/<Class>Inputs/<method>/
# as crash-<sha1>, where every later `mvn test` replays it: fix the code, keep the file, commit both. The corpus
# each target grows is kept in protocol/.cifuzz-corpus/ (not committed) and picked up by the next run.
# Logs and a summary table (executions and coverage per target) go to benchmarks/results/fuzz/.
set -uo pipefail
cd "$(dirname "$0")/.."

duration="${1:-2m}"
filter="${2:-.}"
out=benchmarks/results/fuzz
mkdir -p "$out"
summary="$out/summary.md"

targets() {
  for f in protocol/src/test/java/io/fedmq/protocol/fuzz/*FuzzTest.java; do
    cls="$(basename "$f" .java)"
    grep -A1 '@FuzzTest' "$f" | grep -o 'void [A-Za-z0-9_]*' | cut -d' ' -f2 | sed "s/^/$cls#/"
  done
}

mvn -B -o -q -pl protocol -am test-compile -Dstyle.color=never || { echo "run-fuzz: build failed" >&2; exit 2; }

{
  echo "Fuzzing run of $(date -u +%F), $duration per target, $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo
  echo "| target | executions | seconds | exec/s | coverage (edges) | features | corpus | result |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|"
} > "$summary"

failed=0
for t in $(targets | grep -E "$filter"); do
  log="$out/${t/\#/.}.log"
  echo "run-fuzz: $t for $duration (log: $log)" >&2
  # Sanitizer hooks on (they also guide the fuzzer through regular expressions); coverage for fedmq and the
  # MessagePack library it decodes with, but not for the oracle (its allocation measurement varies).
  JAZZER_FUZZ=1 mvn -B -o -pl protocol surefire:test -Dstyle.color=never -Dtest="$t" \
      -Djazzer.max_duration="$duration" -Djazzer.hooks=true '-Djazzer.instrument=io.fedmq.**,org.msgpack.**' \
      '-Djazzer.instrumentation_excludes=io.fedmq.protocol.fuzz.**:io.fedmq.protocol.testing.**' \
      > "$log" 2>&1
  status=$?
  runs="$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1)"
  execs="$(echo "$runs" | awk '{print $2}')"; secs="$(echo "$runs" | awk '{print $5}')"
  last="$(grep -E '#[0-9]+.*cov: ' "$log" | tail -1)"
  cov="$(echo "$last" | grep -o 'cov: [0-9]*' | cut -d' ' -f2)"
  ft="$(echo "$last" | grep -o 'ft: [0-9]*' | cut -d' ' -f2)"
  corp="$(echo "$last" | grep -o 'corp: [0-9]*/[0-9a-zA-Z]*' | cut -d' ' -f2)"
  rate="$([ -n "$execs" ] && [ "${secs:-0}" -gt 0 ] && echo $(( execs / secs )) || echo '')"
  if [ "$status" -eq 0 ]; then result=clean; else result="**FINDING** (see log)"; failed=$((failed + 1)); fi
  echo "| \`$t\` | ${execs:-?} | ${secs:-?} | ${rate:-?} | ${cov:-?} | ${ft:-?} | ${corp:-?} | $result |" >> "$summary"
done

cat "$summary"
[ "$failed" -eq 0 ] || { echo "run-fuzz: $failed target(s) found something; crash files are under protocol/src/test/resources/io/fedmq/protocol/fuzz/" >&2; exit 1; }
