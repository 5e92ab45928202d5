#!/usr/bin/env bash
# Whole processes side by side: the 100k x 1M point-in-time query through `quiver sql --endpoint`
# (a warm server), through `quiver sql --data-dir` (cold, here), and DuckDB's JDBC driver in its own
# JVM over the same Parquet files. Rounds alternate the three; the script prints medians and ratios.
# Then the 1M feature rows x 4 columns fetched through the Flight SQL JDBC driver from the same
# server, next to DuckDB's JDBC driver reading the same Parquet files (JdbcFetch, one process per
# driver and round, alternating; each process reports the median of its rounds after a warm-up).
#
#   mvn -B -DskipTests package        # server/target/quiver.jar + quiver.jsa, benchmarks/target/benchmarks.jar
#   benchmarks/run-sql-cli.sh [ROUNDS]
#
# Environment: DATA (the data set's folder, made by PointInTimeBenchmark if missing; default
# /tmp/quiver-pit-data), PORT (the server's Flight SQL port, default 39091), DUCKDB_JAR (default:
# the duckdb_jdbc jar in ~/.m2), FLIGHT_JAR (default: the flight-sql-jdbc-driver jar in ~/.m2),
# FETCH_ROUNDS (processes per driver, default 3), WARMUP (queries that warm the server first, default
# 12), SERVE_ARGS (more `quiver serve` options, e.g. `--offline-read-cache 0` to decode every file for
# every query).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
DATA=${DATA:-/tmp/quiver-pit-data}
PORT=${PORT:-39091}
DUCKDB_JAR=${DUCKDB_JAR:-$(ls ~/.m2/repository/org/duckdb/duckdb_jdbc/*/duckdb_jdbc-*.jar | tail -1)}
FLIGHT_JAR=${FLIGHT_JAR:-$(ls ~/.m2/repository/org/apache/arrow/flight-sql-jdbc-driver/*/flight-sql-jdbc-driver-*.jar | tail -1)}
FETCH_ROUNDS=${FETCH_ROUNDS:-3}
[[ -f server/target/quiver.jar && -f benchmarks/target/benchmarks.jar ]] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }

if [[ ! -d "$DATA/store" ]]; then
  java -Xmx4g -Dquiver.bench.dir="$DATA" -cp benchmarks/target/benchmarks.jar \
    io.quiver.benchmarks.query.PointInTimeBenchmark 1 0
fi
FEATURES=$(find "$DATA/offline" -type d -name data -path '*features-*' | head -1)
QUIVER_SQL="SELECT count(*) AS n, count(f.v) AS matched, sum(f.v) AS total FROM entities AS e LEFT ASOF JOIN features AS f MATCH_CONDITION f.event_timestamp <= e.event_timestamp ON e.id = f.id"
DUCK_SQL="SELECT count(*), count(f.v), sum(f.v) FROM read_parquet('$DATA/entities.parquet') e ASOF LEFT JOIN read_parquet('$FEATURES/**/*.parquet') f ON e.id = f.id AND e.ts >= f.event_time"

LOG=$(mktemp)
QUIVER_JAVA_OPTS=-Xmx4g bin/quiver serve --data-dir "$DATA/store" --port 0 --grpc-port -1 --flight-sql-port "$PORT" ${SERVE_ARGS:-} > "$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -f "$LOG"' EXIT
until grep -q "Flight SQL" "$LOG"; do kill -0 $SERVER 2>/dev/null || { cat "$LOG" >&2; exit 1; }; sleep 0.5; done
# Warm the server as a long-running one is: its per-query CPU keeps falling for the first ten or
# so queries while C2 compiles the scan and join (about 1.1 s, then 0.5 s, on this machine).
for i in $(seq "${WARMUP:-12}"); do bin/quiver sql --endpoint "grpc://127.0.0.1:$PORT" "$QUIVER_SQL" > /dev/null; done

ms() { local t0 t1; t0=$(date +%s%N); "$@" > /dev/null; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
declare -a endpoint datadir duck
for ((r = 0; r < ROUNDS; r++)); do
  endpoint+=("$(ms bin/quiver sql --endpoint "grpc://127.0.0.1:$PORT" "$QUIVER_SQL")")
  datadir+=("$(ms bin/quiver sql --data-dir "$DATA/store" "$QUIVER_SQL")")
  duck+=("$(ms java -cp "benchmarks/target/classes:$DUCKDB_JAR" io.quiver.benchmarks.query.DuckDbQuery "$DUCK_SQL")")
  echo "round $r: quiver sql --endpoint ${endpoint[-1]} ms, quiver sql --data-dir ${datadir[-1]} ms, duckdb ${duck[-1]} ms"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
E=$(median "${endpoint[@]}"); L=$(median "${datadir[@]}"); D=$(median "${duck[@]}")
echo "medians of $ROUNDS: --endpoint $E ms, --data-dir $L ms, duckdb $D ms"
awk -v e="$E" -v l="$L" -v d="$D" 'BEGIN { printf "ratios to duckdb: --endpoint %.2f, --data-dir %.2f\n", e / d, l / d }'

FETCH_QUIVER="SELECT id, event_time, v, note FROM features"
FETCH_DUCK="SELECT id, event_time, v, note FROM read_parquet('$FEATURES/**/*.parquet')"
rate() { tail -1 | awk '{print $4}'; }
declare -a flight duckfetch
for ((r = 0; r < FETCH_ROUNDS; r++)); do
  flight+=("$(java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "benchmarks/target/classes:$FLIGHT_JAR" \
    io.quiver.benchmarks.query.JdbcFetch "jdbc:arrow-flight-sql://127.0.0.1:$PORT/?useEncryption=false" "$FETCH_QUIVER" 3 | rate)")
  duckfetch+=("$(java -cp "benchmarks/target/classes:$DUCKDB_JAR" io.quiver.benchmarks.query.JdbcFetch jdbc:duckdb: "$FETCH_DUCK" 3 | rate)")
  echo "fetch round $r: flight sql jdbc ${flight[-1]} rows/s, duckdb jdbc ${duckfetch[-1]} rows/s"
done
F=$(median "${flight[@]}"); DF=$(median "${duckfetch[@]}")
echo "fetch medians of $FETCH_ROUNDS: flight sql jdbc $F rows/s, duckdb jdbc $DF rows/s"
awk -v f="$F" -v d="$DF" 'BEGIN { printf "fetch ratio to duckdb: %.2f\n", f / d }'
