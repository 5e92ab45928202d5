#!/usr/bin/env bash
# GetRecord load over REST and gRPC at 1 and 50 concurrent clients, next to Redis GET of the same
# value size on loopback, all in one run on the same machine. The 50-client runs alternate
# Quiver and Redis for ROUNDS rounds; the summary gives their medians and the ratios to Redis.
# Redis is measured twice: by redis-benchmark, and by Quiver's own load client (--protocol redis:
# the same threads, clock points and cost per call as its REST client). redis-benchmark's latency
# covers about half of each call's cycle at 50 clients (its mean against 50 / throughput), the
# load client's nearly all of it, so only the second compares tails like for like.
#
# Two Quiver servers run side by side on the same data:
#   matched: --event-loops 1, load client with --busy-poll. This is Redis's shape on this machine:
#            one server thread, and one client thread that never sleeps (redis-benchmark at 50
#            clients is a single thread at 100% of a core). Both get one core each.
#   default: quiver serve with its defaults (one event loop per core but one: one here), load
#            client sleeping between responses. Server and client then share the cores.
#
# Installs nothing. Prerequisites:
#   mvn -B -DskipTests package                      # builds server/target/quiver.jar and benchmarks/target/benchmarks.jar
#   apt-get install -y redis-server redis-tools     # Debian: redis-server and redis-benchmark
#
# Usage: benchmarks/run-get-load.sh [duration-seconds] [value-bytes]
# Environment: ROUNDS (default 3), QUIVER_PORT, QUIVER_GRPC_PORT (the default server takes the
#   next port of each), REDIS_PORT,
#   RATE (fixed-rate runs, calls/s; default 5000), WARMUP (seconds before each Quiver run; default 5),
#   QUIVER_JAR (default server/target/quiver.jar).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-15}
VALUE_BYTES=${2:-100}
ROUNDS=${ROUNDS:-3}
QUIVER_PORT=${QUIVER_PORT:-18080}
QUIVER_GRPC_PORT=${QUIVER_GRPC_PORT:-19090}
DEFAULT_PORT=$((QUIVER_PORT + 1))
DEFAULT_GRPC_PORT=$((QUIVER_GRPC_PORT + 1))
REDIS_PORT=${REDIS_PORT:-16379}
RATE=${RATE:-5000}
WARMUP=${WARMUP:-5}
# redis-benchmark takes a request count, not a duration: enough for about DURATION seconds
# (about 150,000 GET/s at 50 clients and 15,000 at one on a 2-core machine).
REDIS_RATE_50=${REDIS_RATE_50:-150000}
REDIS_RATE_1=${REDIS_RATE_1:-15000}

for tool in java redis-server redis-benchmark redis-cli curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (see the prerequisites at the top of $0)" >&2; exit 1; }
done
JAR=${QUIVER_JAR:-server/target/quiver.jar}
[[ -f $JAR && -f benchmarks/target/benchmarks.jar ]] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }

WORK=$(mktemp -d)
cleanup() {
  [[ -n "${QUIVER_PID:-}" ]] && kill "$QUIVER_PID" 2>/dev/null && wait "$QUIVER_PID" 2>/dev/null || true
  [[ -n "${DEFAULT_PID:-}" ]] && kill "$DEFAULT_PID" 2>/dev/null && wait "$DEFAULT_PID" 2>/dev/null || true
  [[ -n "${REDIS_PID:-}" ]] && kill "$REDIS_PID" 2>/dev/null && wait "$REDIS_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "# machine: $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1), $(redis-server --version | cut -d' ' -f1-3)"
echo "# value size: $VALUE_BYTES bytes, ${DURATION}s measured per run after ${WARMUP}s of warm-up, $ROUNDS rounds"

# start_quiver <name> <port> <grpc-port> [serve options]: starts a server; its pid goes to <name>_PID.
start_quiver() {
  local name=$1 port=$2 grpc_port=$3
  shift 3
  # The default 10,000/s GetRecord quota would cap the 50-client runs: lift it to measure the server.
  java -jar "$JAR" serve --data-dir "$WORK/$name-data" --port "$port" --grpc-port "$grpc_port" --flight-sql-port -1 \
    --tps-limit GetRecord=10000000 "$@" > "$WORK/$name.log" 2>&1 &
  printf -v "${name}_PID" '%s' "$!"
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do
    kill -0 "$!" 2>/dev/null || { cat "$WORK/$name.log" >&2; exit 1; }
    sleep 0.2
  done
}
start_quiver QUIVER "$QUIVER_PORT" "$QUIVER_GRPC_PORT" --event-loops 1
start_quiver DEFAULT "$DEFAULT_PORT" "$DEFAULT_GRPC_PORT"
redis-server --port "$REDIS_PORT" --save '' --appendonly no --daemonize no > "$WORK/redis.log" 2>&1 &
REDIS_PID=$!
until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done

LOAD=(java -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.server.GetRecordLoadGenerator
      --value-bytes "$VALUE_BYTES" --warmup "$WARMUP")
MATCHED=(--port "$QUIVER_PORT" --grpc-port "$QUIVER_GRPC_PORT")
DEFAULT=(--port "$DEFAULT_PORT" --grpc-port "$DEFAULT_GRPC_PORT")
"${LOAD[@]}" "${MATCHED[@]}" --setup --protocol grpc --clients 1 --duration 1 >/dev/null
"${LOAD[@]}" "${DEFAULT[@]}" --setup --protocol grpc --clients 1 --duration 1 >/dev/null
# Redis holds the same number of keys (10,000) with values of the same size: redis-benchmark's
# names, and Quiver's record identifiers for the load client.
redis-benchmark -p "$REDIS_PORT" -t set -d "$VALUE_BYTES" -c 50 -n 100000 -r 10000 -q >/dev/null
PAYLOAD=$(head -c "$VALUE_BYTES" /dev/zero | tr '\0' 'v')
for ((i = 0; i < 10000; i++)); do echo "SET k$i $PAYLOAD"; done | redis-cli -p "$REDIS_PORT" >/dev/null

# quiver <label> <protocol> <clients> [load options]: one run; a labelled run appends
# "throughput p99" to $WORK/<label>-<protocol>-<clients>.
quiver() {
  local label=$1 protocol=$2 clients=$3 line
  shift 3
  line=$("${LOAD[@]}" --duration "$DURATION" --protocol "$protocol" --clients "$clients" "$@")
  echo "$label: $line"
  [[ $label == -* ]] && return
  sed -E 's/.*throughput=([0-9.]+)\/s .*p99=([0-9.]+)ms.*/\1 \2/' <<<"$line" >> "$WORK/$label-$protocol-$clients"
}

# redis <clients>: one redis-benchmark GET run; appends "throughput p99" to $WORK/redis-<clients>
redis() {
  local clients=$1 line requests
  requests=$((DURATION * (clients == 1 ? REDIS_RATE_1 : REDIS_RATE_50)))
  line=$(redis-benchmark -p "$REDIS_PORT" -t get -d "$VALUE_BYTES" -c "$clients" -n "$requests" -r 10000 --csv | grep '^"GET"')
  echo "redis: redis-benchmark -t get -c $clients: $line   (rps, avg, min, p50, p95, p99, max ms)"
  awk -F'"' '{print $4, $14}' <<<"$line" >> "$WORK/redis-$clients"
}

for round in $(seq 1 "$ROUNDS"); do
  echo "# round $round of $ROUNDS, 50 clients, closed loop"
  quiver matched rest 50 "${MATCHED[@]}" --busy-poll
  quiver matched grpc 50 "${MATCHED[@]}" --busy-poll
  quiver default rest 50 "${DEFAULT[@]}"
  quiver default grpc 50 "${DEFAULT[@]}"
  quiver matched redis 50 --port "$REDIS_PORT" --busy-poll
  quiver default redis 50 --port "$REDIS_PORT"
  redis 50
done

# One client: neither side is busy, so no client spins (redis-benchmark sleeps between replies too).
echo "# 1 client, closed loop"
quiver -default rest 1 "${DEFAULT[@]}"
quiver -default grpc 1 "${DEFAULT[@]}"
redis 1
echo "# 50 clients, fixed rate of $RATE calls/s (latency from each call's intended start)"
quiver -default rest 50 "${DEFAULT[@]}" --rate "$RATE"
quiver -default grpc 50 "${DEFAULT[@]}" --rate "$RATE"

# median <file> <column>
median() { cut -d' ' -f"$2" "$1" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

echo "# summary: medians of the 50-client closed-loop runs ($ROUNDS rounds)"
redis_rps=$(median "$WORK/redis-50" 1)
for name in matched-rest-50 matched-grpc-50 default-rest-50 default-grpc-50 matched-redis-50 default-redis-50 redis-50; do
  rps=$(median "$WORK/$name" 1)
  p99=$(median "$WORK/$name" 2)
  awk -v n="$name" -v r="$rps" -v p="$p99" -v b="$redis_rps" 'BEGIN {printf "%-16s throughput=%.0f/s p99=%.3fms ratio_to_redis=%.2f\n", n, r, p, r / b}'
done
echo "# the same client against both: Quiver REST / Redis GET, medians of each round's ratios"
for mode in matched default; do
  paste -d' ' "$WORK/$mode-rest-50" "$WORK/$mode-redis-50" > "$WORK/$mode-pairs"
  awk '{print $1 / $3, $2 / $4}' "$WORK/$mode-pairs" > "$WORK/$mode-ratios"
  echo "$mode rest/redis: throughput ratio $(median "$WORK/$mode-ratios" 1), p99 ratio $(median "$WORK/$mode-ratios" 2)"
done
