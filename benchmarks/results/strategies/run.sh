#!/usr/bin/env bash
# Runs the non-IID demo once per strategy configuration, one at a time, same seed; one log per run here.
#   benchmarks/results/strategies/run.sh "fedavg --strategy fedavg" "fedadam-0.03 --strategy fedadam --server-lr 0.03"
cd "$(dirname "$0")/../../.."
run() {
  local tag="$1"; shift
  rm -rf "/tmp/strat-$tag"
  echo "=== $tag: $* ($(date +%T), load $(cut -d' ' -f1-3 /proc/loadavg))" > "benchmarks/results/strategies/$tag.txt"
  local t0=$(date +%s)
  ./fedmq demo --no-baseline --work-dir "/tmp/strat-$tag" "$@" >> "benchmarks/results/strategies/$tag.txt" 2>&1
  echo "=== exit $? after $(( $(date +%s) - t0 )) s, load $(cut -d' ' -f1-3 /proc/loadavg)" >> "benchmarks/results/strategies/$tag.txt"
}
for spec in "$@"; do
  read -r tag args <<< "$spec"
  run "$tag" $args
done
