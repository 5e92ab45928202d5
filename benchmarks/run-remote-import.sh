#!/usr/bin/env bash
# CSV import into a running server (`quiver import --endpoint`: gRPC client-streaming PutRecords)
# next to the same import into a local data directory, whole processes each, as a user runs them:
#   local       `quiver import --create` into a new data directory (a new group takes the bulk path:
#               parallel parse, Parquet written straight from the columns, one ingested SST);
#   local-puts  the same with --no-bulk (PutRecords a batch at a time, then the offline flush at
#               close), which is what a server does with the rows it receives;
#   remote      `quiver import --endpoint grpc://... --create` into a warm `quiver serve` (its
#               PutRecord limit lifted), a new group each round. The command returns once every row
#               is durable on the server (write-ahead log); the server then writes the offline Parquet
#               files in the background, and "remote+offline" is the time until its staging backlog
#               (quiver_offline_staging_backlog_bytes) is empty, with the server's CPU seconds from
#               the start of the import to then: the work comparable with a local import's, which
#               writes its offline files before it exits. That wall time says when, not how much:
#               a backlog under the flush size waits for the flush age (60 s by default).
# They alternate for ROUNDS rounds; the summary gives medians of wall time, rows/s, CPU seconds of
# each process (user + system; the server's for the remote rows), and the ratios to the local import.
#
# Installs nothing. Prerequisite: mvn -B -DskipTests package
#
# Usage: benchmarks/run-remote-import.sh [rows] [work-folder]
# Environment: ROUNDS (default 3), QUIVER_PORT, QUIVER_GRPC_PORT, SERVE_OPTIONS (extra options for
#   quiver serve), QUIVER_JAR (default server/target/quiver.jar).
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${1:-200000}
WORK=${2:-$(mktemp -d)}
ROUNDS=${ROUNDS:-3}
QUIVER_PORT=${QUIVER_PORT:-18380}
QUIVER_GRPC_PORT=${QUIVER_GRPC_PORT:-19380}
JAR=${QUIVER_JAR:-server/target/quiver.jar}
for tool in java curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
[[ -f $JAR && -f benchmarks/target/benchmarks.jar ]] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }
mkdir -p "$WORK"
CSV="$WORK/input-$ROWS.csv"
[[ -f $CSV ]] || java -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.ingest.GenerateCsv "$ROWS" "$CSV"

cleanup() {
  [[ -n "${SERVER_PID:-}" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
}
trap cleanup EXIT

echo "# machine: $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1); $ROWS rows, $(stat -c %s "$CSV") bytes, $ROUNDS rounds; load average $(cut -d' ' -f1-3 /proc/loadavg)"

rm -rf "$WORK/server-data"
# shellcheck disable=SC2086
java -jar "$JAR" serve --data-dir "$WORK/server-data" --port "$QUIVER_PORT" --grpc-port "$QUIVER_GRPC_PORT" \
  --flight-sql-port -1 --tps-limit PutRecord=100000000 ${SERVE_OPTIONS:-} > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
until curl -sf "http://127.0.0.1:$QUIVER_PORT/health" >/dev/null; do
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.2
done

now() { date +%s%N; }
seconds_since() { awk -v s="$1" -v e="$(now)" 'BEGIN {printf "%.3f", (e - s) / 1e9}'; }
# CPU seconds (user + system) so far of process $1.
cpu_of() { awk -v t="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat"; }
# CPU seconds of a command, written to $WORK/cpu.
timed() {
  /usr/bin/time -f "%U %S" -o "$WORK/cpu.raw" "$@"
  awk '{printf "%.2f", $1 + $2}' "$WORK/cpu.raw" > "$WORK/cpu"
}
backlog() {
  curl -sf "http://127.0.0.1:$QUIVER_PORT/metrics" | awk '/^quiver_offline_staging_backlog_bytes/ {print $2 + 0}'
}
check_rows() {
  grep -q "written $ROWS," "$1" || { echo "import did not write $ROWS rows:" >&2; cat "$1" >&2; exit 1; }
}
IMPORT=(--source "$CSV" --create --record-identifier entity_id --event-time event_time)

# Warm the server: a first remote import, not counted.
java -jar "$JAR" import --endpoint "grpc://127.0.0.1:$QUIVER_GRPC_PORT" --feature-group warmup "${IMPORT[@]}" \
  > "$WORK/warmup.out" 2>&1
check_rows "$WORK/warmup.out"
until [[ $(backlog) == 0 ]]; do sleep 0.2; done

for round in $(seq 1 "$ROUNDS"); do
  echo "# round $round of $ROUNDS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  for mode in local local-puts remote; do
    rm -rf "$WORK/local-data"
    start=$(now)
    case $mode in
      local) timed java -jar "$JAR" import --data-dir "$WORK/local-data" --feature-group bench "${IMPORT[@]}" > "$WORK/out" 2>&1 ;;
      local-puts) timed java -jar "$JAR" import --data-dir "$WORK/local-data" --feature-group bench --no-bulk "${IMPORT[@]}" > "$WORK/out" 2>&1 ;;
      remote)
        server_cpu=$(cpu_of "$SERVER_PID")
        timed java -jar "$JAR" import --endpoint "grpc://127.0.0.1:$QUIVER_GRPC_PORT" --feature-group "bench_$round" \
          "${IMPORT[@]}" > "$WORK/out" 2>&1 ;;
    esac
    wall=$(seconds_since "$start")
    check_rows "$WORK/out"
    echo "$wall $(cat "$WORK/cpu")" >> "$WORK/$mode"
    if [[ $mode == remote ]]; then
      until [[ $(backlog) == 0 ]]; do sleep 0.05; done
      drained=$(seconds_since "$start")
      server=$(awk -v a="$server_cpu" -v b="$(cpu_of "$SERVER_PID")" 'BEGIN {printf "%.2f", b - a}')
      echo "$drained $server" >> "$WORK/remote+offline"
      echo "remote: ${wall}s (client CPU $(cat "$WORK/cpu")s); offline files written after ${drained}s (server CPU ${server}s)"
    else
      echo "$mode: ${wall}s (CPU $(cat "$WORK/cpu")s)"
    fi
  done
done

median() { cut -d' ' -f"$2" "$1" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
echo "# summary: medians over $ROUNDS rounds; ratios are throughput relative to local and to local-puts (their wall time / this one's)"
base=$(median "$WORK/local" 1)
puts=$(median "$WORK/local-puts" 1)
for mode in local local-puts remote remote+offline; do
  awk -v m="$mode" -v w="$(median "$WORK/$mode" 1)" -v c="$(median "$WORK/$mode" 2)" -v b="$base" -v p="$puts" -v r="$ROWS" \
    'BEGIN {printf "%-15s %8.2f s  %9.0f rows/s  CPU %7.2f s  ratio to local %.2f, to local-puts %.2f\n", m, w, r / w, c, b / w, p / w}'
done
