#!/usr/bin/env bash
# Confirmation run for the three targets of the issue, with longer warmup and more iterations than the full sweep
# (run-secagg-bench.sh), so that JIT warm-up (AES-CTR intrinsic, C2 on a contended 2-core box) is not in the score.
# Run from the repository root after:  mvn -B -o -q -pl benchmarks -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=benchmarks/results/secagg
mkdir -p "$OUT"
CP="benchmarks/target/classes:benchmarks/target/lib/*"
jmh() { java -cp "$CP" org.openjdk.jmh.Main -foe true -f 1 "$@"; }
load() { echo "$(date -u +%FT%TZ) $1: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/targets-load.txt"; }
: > "$OUT/targets-load.txt"
start=$(date +%s)

# Target 1: orchestrator unmask + aggregate, 100 nodes x 100k parameters, 10% dropout, under 1 s.
load target-server
jmh 'SecAggServerBenchmark\.aggregate' -p n=100 -p d=100000 -p dropout=0.1 -bm avgt -wi 8 -w 1 -i 8 -r 1 \
    -rf csv -rff "$OUT/targets-server.csv" > "$OUT/targets-server.txt" 2>&1

# Target 2: node masking of 100k parameters under 100 ms, for every k; and its parts at d = 100k.
load target-node
jmh 'SecAggNodeBenchmark\.(masking|unitEncodeSecureRandom|unitEncodeSplittableRandom|unitPack)$' -p d=100000 \
    -wi 5 -w 1 -i 5 -r 1 -rf csv -rff "$OUT/targets-node.csv" > "$OUT/targets-node.txt" 2>&1
load target-node-units
jmh 'SecAggServerBenchmark\.(unitMaskStream|unitCorrectionAgreement)$' -p unitD=100000 \
    -wi 5 -w 1 -i 5 -r 1 -rf csv -rff "$OUT/targets-units.csv" > "$OUT/targets-units.txt" 2>&1
load done
echo "total wall time: $(( $(date +%s) - start )) s" | tee -a "$OUT/targets-load.txt"
# Target 3 (bytes) needs no timing: see wire-sizes.md from run-secagg-bench.sh.
