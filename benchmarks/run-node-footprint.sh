#!/usr/bin/env bash
# The edge node's footprint, per task: peak RSS (VmHWM from /proc/<pid>/status) of a `./fedmq node` process through
# a secure round of training and evaluation, and its cold start (process start to its IDLE status). Each task runs
# as separate processes: an embedded broker, an orchestrator and three nodes (secure aggregation needs three), with
# the launcher's default JVM options. node-1 is the one measured. Run from the repository root:
#   benchmarks/run-node-footprint.sh                  # surnames and occupancy, 2 rounds each: about 4-6 minutes on 2 cores
#   TASKS=occupancy ROUNDS=1 benchmarks/run-node-footprint.sh
#   NODE_JAVA_OPTS="-XX:NativeMemoryTracking=summary" DETAIL=1 ...   # extra JVM options for the nodes; NMT and smaps at the end
set -euo pipefail
cd "$(dirname "$0")/.."
TASKS=${TASKS:-surnames occupancy}
ROUNDS=${ROUNDS:-2}
PORT=${PORT:-18851}
WORK=${WORK:-fedmq-data/footprint-$(date +%Y%m%d-%H%M%S)}
OUT=benchmarks/results/footprint
mkdir -p "$WORK" "$OUT"
BROKER=tcp://127.0.0.1:$PORT
./fedmq --version > /dev/null # builds once, before any clock starts

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done; }
trap cleanup EXIT
kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
wait_for() { # file pattern pid seconds
  local deadline=$(( $(date +%s) + $4 ))
  until grep -q "$2" "$1" 2> /dev/null; do
    kill -0 "$3" 2> /dev/null || { echo "process $3 exited: see $1" >&2; exit 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "timed out waiting for '$2' in $1" >&2; exit 1; }
    sleep 0.05
  done
}

./fedmq broker --port "$PORT" --data-dir "$WORK/broker" > "$WORK/broker.log" 2>&1 &
broker=$!; pids+=("$broker")
wait_for "$WORK/broker.log" "listening on" "$broker" 60

report=$OUT/footprint-$(date +%Y%m%d-%H%M%S).txt
{
  echo "# node footprint, $(date -u +%FT%TZ), $(nproc) cores, $(uname -m), $(java -version 2>&1 | head -1)"
  echo "# launcher JVM options: $(sed -n '/^java_opts=(/,/^)/p' fedmq | grep -v '^ *#' | sed 's/java_opts=(//; s/^)$//' | tr -s ' \n' ' ')" \
       "and for a node $(grep -o 'java_opts+=([^)]*)' fedmq | head -1)"
  echo "# extra node options: ${NODE_JAVA_OPTS:-none}; OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}"
  printf "%-10s %14s %16s %16s %10s\n" task cold-start-ms rss-at-idle-MiB peak-rss-MiB rounds
} | tee "$report"

for task in $TASKS; do
  fleet=fp-$task dir=$WORK/$task
  mkdir -p "$dir"
  ./fedmq orchestrator --task "$task" --broker "$BROKER" --fleet "$fleet" --model-dir "$dir/models" --signing-key "$dir/orchestrator.key" \
      --rounds "$ROUNDS" --min-nodes 3 --node-wait PT5M > "$dir/orchestrator.log" 2>&1 &
  orch=$!; pids+=("$orch")
  wait_for "$dir/orchestrator.log" "waiting for" "$orch" 120
  node() { # i
    FEDMQ_JAVA_OPTS="${NODE_JAVA_OPTS:-}" ./fedmq node --task "$task" --id "node-$1" --shard "$1/3" --broker "$BROKER" --fleet "$fleet" \
        --orchestrator-key "$dir/orchestrator.key.pub" > "$dir/node-$1.log" 2>&1 &
  }
  start=$(now_ms)
  node 1; measured=$!; pids+=("$measured")
  wait_for "$dir/node-1.log" "node-1: IDLE" "$measured" 120
  cold=$(( $(now_ms) - start ))
  idle=$(kb "$measured" VmRSS)
  node 2; pids+=($!)
  node 3; pids+=($!)
  wait "$orch" || { echo "the $task orchestrator failed: see $dir/orchestrator.log" >&2; exit 1; }
  peak=$(kb "$measured" VmHWM)
  if [ -n "${DETAIL:-}" ]; then
    { cat "/proc/$measured/smaps_rollup"; jcmd "$measured" VM.native_memory summary 2> /dev/null || true; } > "$dir/node-1.memory.txt"
  fi
  printf "%-10s %14d %16.0f %16.0f %10s\n" "$task" "$cold" "$(echo "$idle / 1024" | bc -l)" "$(echo "$peak / 1024" | bc -l)" "$ROUNDS" | tee -a "$report"
  grep -E "^ +[0-9]+ " "$dir/orchestrator.log" | sed "s/^/#   $task: /" >> "$report"
  for p in $(jobs -p); do [ "$p" = "$broker" ] || kill "$p" 2> /dev/null || true; done
  sleep 1
done
echo "bundle: $(du -sm app/target/lib | cut -f1) MiB of libraries + $(du -k app/target/fedmq.jar | cut -f1) KiB fedmq.jar" | tee -a "$report"
echo "report: $report; logs: $WORK"
