#!/usr/bin/env bash
# GetRecord load over REST and gRPC at 1 and 50 concurrent clients, next to Redis GET of the same
# value size on loopback, all in one run on the same machine.
#
# Installs nothing. Prerequisites:
#   mvn -B -DskipTests package                      # builds server/target/quiver.jar and benchmarks/target/benchmarks.jar
#   apt-get install -y redis-server redis-tools     # Debian: redis-server and redis-benchmark
#
# Usage: benchmarks/run-get-load.sh [duration-seconds] [value-bytes]
# Environment: QUIVER_PORT, QUIVER_GRPC_PORT, REDIS_PORT, RATE (fixed-rate run, calls/s; default 5000).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-15}
VALUE_BYTES=${2:-100}
QUIVER_PORT=${QUIVER_PORT:-18080}
QUIVER_GRPC_PORT=${QUIVER_GRPC_PORT:-19090}
REDIS_PORT=${REDIS_PORT:-16379}
RATE=${RATE:-5000}
REQUESTS=${REQUESTS:-200000}

for tool in java redis-server redis-benchmark curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (see the prerequisites at the top of $0)" >&2; exit 1; }
done
[[ -f server/target/quiver.jar && -f benchmarks/target/benchmarks.jar ]] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }

WORK=$(mktemp -d)
cleanup() {
  [[ -n "${QUIVER_PID:-}" ]] && kill "$QUIVER_PID" 2>/dev/null && wait "$QUIVER_PID" 2>/dev/null || true
  [[ -n "${REDIS_PID:-}" ]] && kill "$REDIS_PID" 2>/dev/null && wait "$REDIS_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "# machine: $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1), $(redis-server --version | cut -d' ' -f1-3)"
echo "# value size: $VALUE_BYTES bytes, measured ${DURATION}s per run after warm-up"

# The default 10,000/s GetRecord quota would cap the 50-client runs: lift it to measure the server.
java -jar server/target/quiver.jar serve --data-dir "$WORK/quiver-data" --port "$QUIVER_PORT" --grpc-port "$QUIVER_GRPC_PORT" \
  --tps-limit GetRecord=10000000 \
  > "$WORK/quiver.log" 2>&1 &
QUIVER_PID=$!
until curl -sf "http://127.0.0.1:$QUIVER_PORT/health" >/dev/null; do
  kill -0 "$QUIVER_PID" 2>/dev/null || { cat "$WORK/quiver.log" >&2; exit 1; }
  sleep 0.2
done

LOAD=(java -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.server.GetRecordLoadGenerator
      --port "$QUIVER_PORT" --grpc-port "$QUIVER_GRPC_PORT" --value-bytes "$VALUE_BYTES")
"${LOAD[@]}" --setup --protocol grpc --clients 1 --duration 1 --warmup 1 >/dev/null

for protocol in rest grpc; do
  for clients in 1 50; do
    "${LOAD[@]}" --duration "$DURATION" --protocol "$protocol" --clients "$clients"
  done
  "${LOAD[@]}" --duration "$DURATION" --protocol "$protocol" --clients 50 --rate "$RATE"
done

kill "$QUIVER_PID"; wait "$QUIVER_PID" 2>/dev/null || true; QUIVER_PID=

redis-server --port "$REDIS_PORT" --save '' --appendonly no --daemonize no > "$WORK/redis.log" 2>&1 &
REDIS_PID=$!
until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done
for clients in 1 50; do
  echo "# redis-benchmark -t set,get -d $VALUE_BYTES -c $clients -n $REQUESTS (GET row is the baseline)"
  redis-benchmark -p "$REDIS_PORT" -t set,get -d "$VALUE_BYTES" -c "$clients" -n "$REQUESTS" -r 10000 --csv
done
