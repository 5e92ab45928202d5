#!/usr/bin/env bash
# CSV import as a user runs it, a whole process each: `quiver import --create` of a 20-column CSV
# file into a new data directory (online and offline stores, durable when the process exits) next
# to DuckDB converting the same file to Parquet in a process of its own (a JVM running DuckDB's
# JDBC driver: the same start-up cost), and DuckDB writing the layout Quiver's offline store has
# (a folder per hour of event time: about 8,760 files for a year of rows), which shows what that
# layout costs by itself. They alternate for ROUNDS rounds; the summary gives the medians of wall
# time and rows/s and the ratios, and of the CPU seconds (user + system) each process used: on a
# shared machine the steadier figure, since a process's share of the cores there depends on how
# many threads it keeps runnable.
#
# Every run writes into a folder no run used before, and the outputs are removed only when the
# script ends: on a file system without a journal (ext4 mounted without one, as on some VMs) the
# inode allocator skips inodes freed in the last minutes, one by one, so a run started right after
# deleting the previous run's ~17,000 files and folders pays seconds for that scan (measured:
# most of the writers' CPU in the kernel's `recently_deleted`), and whichever engine's output was
# deleted last pays the most.
#
# Installs nothing. Prerequisite: mvn -B -DskipTests package
#
# Usage: benchmarks/run-csv-import.sh [rows] [work-folder]
# Environment: ROUNDS (default 3), IMPORT_OPTIONS (extra options for quiver import, e.g. --no-bulk),
#   JAVA_OPTIONS (for both JVMs), QUIVER_JAR (the jar to measure; default server/target/quiver.jar),
#   PREVIOUS_JAR (another build's quiver.jar, e.g. main's: also run in every round, before and
#   after compared in the same rounds).
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${1:-1000000}
WORK=${2:-$(mktemp -d)}
ROUNDS=${ROUNDS:-3}
QUIVER_JAR=${QUIVER_JAR:-server/target/quiver.jar}
PREVIOUS_JAR=${PREVIOUS_JAR:-}
[[ -f $QUIVER_JAR && -f benchmarks/target/benchmarks.jar ]] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }
[[ -z $PREVIOUS_JAR || -f $PREVIOUS_JAR ]] || { echo "PREVIOUS_JAR: no file $PREVIOUS_JAR" >&2; exit 1; }
mkdir -p "$WORK"
OUT=$(mktemp -d "$WORK/outputs.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
# A folder name under $OUT no run has used (called in command substitutions: no counter survives).
fresh() {
  echo "$OUT/$1-$(date +%s%N)"
}
CSV="$WORK/input-$ROWS.csv"
[[ -f $CSV ]] || java -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.ingest.GenerateCsv "$ROWS" "$CSV"

echo "# machine: $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1); $ROWS rows, $(stat -c %s "$CSV") bytes, $ROUNDS rounds; load average $(cut -d' ' -f1-3 /proc/loadavg)"

seconds_since() { awk -v s="$1" -v e="$(date +%s%N)" 'BEGIN {printf "%.3f", (e - s) / 1e9}'; }
# CPU seconds (user + system) of a command, written to $WORK/cpu; 0 where GNU time is missing.
timed() {
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f "%U %S" -o "$WORK/cpu.raw" "$@"
    awk '{printf "%.2f", $1 + $2}' "$WORK/cpu.raw" > "$WORK/cpu"
  else
    "$@"
    echo 0 > "$WORK/cpu"
  fi
}

# Imports the CSV with the jar $1 into a new data directory; sets quiver (seconds) and quiver_cpu.
import_with() {
  local start data
  data=$(fresh quiver-data)
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  timed java ${JAVA_OPTIONS:-} -jar "$1" import --data-dir "$data" --feature-group bench \
    --source "$CSV" --create --record-identifier entity_id --event-time event_time ${IMPORT_OPTIONS:-} \
    > "$WORK/quiver.out" 2> "$WORK/quiver.err"
  quiver=$(seconds_since "$start")
  quiver_cpu=$(cat "$WORK/cpu")
  grep -q "written $ROWS," "$WORK/quiver.out" "$WORK/quiver.err" \
    || { echo "quiver import ($1) did not write $ROWS rows:" >&2; cat "$WORK/quiver.out" "$WORK/quiver.err" >&2; exit 1; }
}

for round in $(seq 1 "$ROUNDS"); do
  previous=""
  if [[ -n $PREVIOUS_JAR ]]; then
    import_with "$PREVIOUS_JAR"
    previous=" previous jar ${quiver}s (CPU ${quiver_cpu}s),"
    echo "$quiver" >> "$WORK/previous.times"
    echo "$quiver_cpu" >> "$WORK/previous.cpu"
  fi
  import_with "$QUIVER_JAR"
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  timed java ${JAVA_OPTIONS:-} -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.ingest.DuckDbCsvToParquet "$CSV" "$(fresh duck.parquet)"
  duck=$(seconds_since "$start")
  duck_cpu=$(cat "$WORK/cpu")
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  java ${JAVA_OPTIONS:-} -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.ingest.DuckDbCsvToParquet --hourly "$CSV" "$(fresh duck-hourly)"
  hourly=$(seconds_since "$start")
  echo "round $round:${previous} quiver import ${quiver}s (CPU ${quiver_cpu}s), duckdb csv->parquet ${duck}s (CPU ${duck_cpu}s), duckdb csv->hourly partitions ${hourly}s; load average $(cut -d' ' -f1 /proc/loadavg)"
  echo "$quiver" >> "$WORK/quiver.times"
  echo "$quiver_cpu" >> "$WORK/quiver.cpu"
  echo "$duck_cpu" >> "$WORK/duck.cpu"
  echo "$duck" >> "$WORK/duck.times"
  echo "$hourly" >> "$WORK/hourly.times"
done

median() { sort -g "$1" | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
q=$(median "$WORK/quiver.times")
d=$(median "$WORK/duck.times")
h=$(median "$WORK/hourly.times")
qc=$(median "$WORK/quiver.cpu")
dc=$(median "$WORK/duck.cpu")
awk -v q="$q" -v d="$d" -v h="$h" -v n="$ROWS" 'BEGIN {printf "# summary (medians): quiver import %.2f s = %.0f rows/s | duckdb %.2f s = %.0f rows/s, ratio %.2f | duckdb hourly partitions %.2f s = %.0f rows/s, ratio %.2f\n", q, n / q, d, n / d, d / q, h, n / h, h / q}'
echo "# CPU seconds (medians): quiver import $qc, duckdb csv->parquet $dc"
if [[ -n $PREVIOUS_JAR ]]; then
  pq=$(median "$WORK/previous.times")
  pc=$(median "$WORK/previous.cpu")
  awk -v q="$pq" -v c="$pc" -v d="$d" -v n="$ROWS" 'BEGIN {printf "# previous jar (medians): %.2f s = %.0f rows/s, ratio to duckdb %.2f, CPU %s s\n", q, n / q, d / q, c}'
fi
rm -f "$WORK/quiver.times" "$WORK/duck.times" "$WORK/hourly.times" "$WORK/quiver.cpu" "$WORK/duck.cpu" "$WORK/cpu" "$WORK/cpu.raw" \
  "$WORK/previous.times" "$WORK/previous.cpu"
