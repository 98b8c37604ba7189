#!/usr/bin/env bash
# Reproduces the SecAgg+ section of BENCHMARKS.md: the SecAgg+ node and orchestrator benchmarks, wire sizes, extrapolation.
# Run from the repository root after:  mvn -B -o -q -pl benchmarks -am package -DskipTests
# Every JMH benchmark runs in one fork (forks=1). Results go to benchmarks/results/secagg/.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=benchmarks/results/secagg
mkdir -p "$OUT"
CP="benchmarks/target/classes:benchmarks/target/lib/*"
jmh() { java -cp "$CP" org.openjdk.jmh.Main -foe true -f 1 "$@"; }
load() { echo "$(date -u +%FT%TZ) $1: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"; }

: > "$OUT/load.txt"
{ echo "nproc: $(nproc)"; lscpu | grep 'Model name'; java -version 2>&1; } > "$OUT/machine.txt"
start=$(date +%s)

# 1. Wire bytes (no timing).
load wire
java -cp "$CP" io.fedmq.bench.WireSizes > "$OUT/wire-sizes.md"

# 2. Orchestrator per-unit costs (for the extrapolation and the breakdown).
load server-units
jmh 'SecAggServerBenchmark\.unit' -wi 3 -w 1 -i 5 -r 1 -rf csv -rff "$OUT/server-units.csv" > "$OUT/server-units.txt" 2>&1

# 3. Orchestrator, whole pipeline. Cheap configurations in AverageTime; bigger ones in SingleShotTime with few
#    iterations. For the largest measured ones there is no JMH warmup iteration: the setup already ran the whole
#    pipeline once (to calibrate the balancing upload), which warms the JIT. n=1000, dropout=0.3, d=1M is not run
#    (predicted well above 60 s per iteration): see the extrapolation.
load server-agg-a
jmh 'SecAggServerBenchmark\.aggregate' -p n=10,100 -p d=10000,100000 -p dropout=0.0,0.1,0.3 \
    -bm avgt -wi 2 -w 1 -i 3 -r 1 -rf csv -rff "$OUT/server-agg-a.csv" > "$OUT/server-agg-a.txt" 2>&1
load server-agg-b
jmh 'SecAggServerBenchmark\.aggregate' -p n=10,100 -p d=1000000 -p dropout=0.0,0.1,0.3 \
    -bm ss -wi 1 -i 3 -rf csv -rff "$OUT/server-agg-b.csv" > "$OUT/server-agg-b.txt" 2>&1
load server-agg-c
jmh 'SecAggServerBenchmark\.aggregate' -p n=1000 -p d=10000,100000 -p dropout=0.0,0.1 \
    -bm ss -wi 1 -i 3 -rf csv -rff "$OUT/server-agg-c.csv" > "$OUT/server-agg-c.txt" 2>&1
load server-agg-d
jmh 'SecAggServerBenchmark\.aggregate' -p n=1000 -p d=1000000 -p dropout=0.0,0.1 \
    -bm ss -wi 0 -i 2 -rf csv -rff "$OUT/server-agg-d.csv" > "$OUT/server-agg-d.txt" 2>&1
load server-agg-e
jmh 'SecAggServerBenchmark\.aggregate' -p n=1000 -p d=10000,100000 -p dropout=0.3 \
    -bm ss -wi 0 -i 2 -rf csv -rff "$OUT/server-agg-e.csv" > "$OUT/server-agg-e.txt" 2>&1

# 4. Node.
load node
jmh 'SecAggNodeBenchmark' -wi 3 -w 1 -i 3 -r 1 -rf csv -rff "$OUT/node.csv" > "$OUT/node.txt" 2>&1
load done

# 5. Predicted vs measured orchestrator cost, and the extrapolated configuration.
java -cp "$CP" io.fedmq.bench.SecAggExtrapolation "$OUT/server-units.csv" "$OUT"/server-agg-?.csv > "$OUT/server-extrapolation.md"
echo "total wall time: $(( $(date +%s) - start )) s" | tee -a "$OUT/load.txt"
