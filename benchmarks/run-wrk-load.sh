#!/usr/bin/env bash
# REST GetRecord and PutRecord under wrk (one thread, 50 connections, closed loop) next to Redis GET
# and SET (redis-benchmark, 50 clients) of the same value size, with Redis persisting as a durable
# store would: an append-only file fsynced every second. Quiver runs `quiver serve` as shipped
# (WAL on every write). Quiver and Redis alternate for ROUNDS rounds; the summary gives medians of
# throughput and p99 latency and the ratios to Redis, and of each server's CPU microseconds per
# request (user + system of the server process over the run: on a shared machine the steadier
# figure).
#
# GetRecord is measured twice, since what a read costs depends on what was written before it: on a
# second Quiver server holding the same records and never written to after loading them
# (quiver-get), and on the server that takes the PutRecord runs, right after each of them
# (quiver-get-after-put: RocksDB's memtable then holds whatever those puts left in it). Both
# servers run throughout; the second one idles while the first is measured. Each Quiver run also reports its event loops' own CPU per request (the threads that
# decode, write and answer: the process figure also holds the JIT compiler, the collector and
# RocksDB's flushes), the garbage collector's pauses inside it (count, longest), the load client's
# CPU per request (wrk's, and redis-benchmark's for Redis: both share the server's cores) and the
# load average at its end. Each round ends with PutRecord and Redis SET measured by one client,
# Quiver's own load generator (--put), since wrk and redis-benchmark do not measure latency alike.
#
# Installs nothing. Prerequisites:
#   mvn -B -DskipTests package                      # server/target/quiver.jar, benchmarks/target/benchmarks.jar
#   apt-get install -y redis-server redis-tools wrk
#
# Usage: benchmarks/run-wrk-load.sh [duration-seconds] [value-bytes]
# Environment: ROUNDS (default 3), QUIVER_PORT, QUIVER_GRPC_PORT (the read-only server takes the
#   next port of each), REDIS_PORT, SERVE_OPTIONS (extra
#   options for quiver serve), WARMUP (seconds of load before each measured Quiver run; default 15:
#   on 2 cores the JIT's optimizing compiler is still busy for 10 s or more of load, and a shorter
#   warm-up measures it with the server), #   QUIVER_JAR (default server/target/quiver.jar), JAVA_OPTIONS (for the server's JVM).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-10}
VALUE_BYTES=${2:-100}
ROUNDS=${ROUNDS:-3}
QUIVER_PORT=${QUIVER_PORT:-18180}
QUIVER_GRPC_PORT=${QUIVER_GRPC_PORT:-19190}
READS_PORT=$((QUIVER_PORT + 1))
READS_GRPC_PORT=$((QUIVER_GRPC_PORT + 1))
REDIS_PORT=${REDIS_PORT:-16479}
WARMUP=${WARMUP:-15}
KEYS=10000
JAR=${QUIVER_JAR:-server/target/quiver.jar}

for tool in java redis-server redis-benchmark redis-cli wrk curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (see the prerequisites at the top of $0)" >&2; exit 1; }
done
[[ -f $JAR && -f benchmarks/target/benchmarks.jar ]] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }

WORK=$(mktemp -d)
cleanup() {
  [[ -n "${QUIVER_PID:-}" ]] && kill "$QUIVER_PID" 2>/dev/null && wait "$QUIVER_PID" 2>/dev/null || true
  [[ -n "${READS_PID:-}" ]] && kill "$READS_PID" 2>/dev/null && wait "$READS_PID" 2>/dev/null || true
  [[ -n "${REDIS_PID:-}" ]] && kill "$REDIS_PID" 2>/dev/null && wait "$REDIS_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "# machine: $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1), $(redis-server --version | cut -d' ' -f1-3), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "# value: $VALUE_BYTES bytes, $KEYS keys, ${DURATION}s per run, $ROUNDS rounds; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# start_quiver <name> <port> <grpc-port>: starts a server, its pid in <name>_PID, its GC log in
# $WORK/<name>.gc.log. The default quotas (10,000/s) would cap the runs: lift them to measure it.
start_quiver() {
  local name=$1 port=$2 grpc_port=$3
  # shellcheck disable=SC2086
  java -Xlog:gc:file="$WORK/$name.gc.log" ${JAVA_OPTIONS:-} -jar "$JAR" serve --data-dir "$WORK/$name-data" --port "$port" --grpc-port "$grpc_port" \
    --flight-sql-port -1 --tps-limit GetRecord=10000000 --tps-limit PutRecord=10000000 ${SERVE_OPTIONS:-} > "$WORK/$name.log" 2>&1 &
  printf -v "${name}_PID" '%s' "$!"
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do
    kill -0 "$!" 2>/dev/null || { cat "$WORK/$name.log" >&2; exit 1; }
    sleep 0.2
  done
}
start_quiver QUIVER "$QUIVER_PORT" "$QUIVER_GRPC_PORT"
start_quiver READS "$READS_PORT" "$READS_GRPC_PORT"
redis-server --port "$REDIS_PORT" --dir "$WORK" --save '' --appendonly yes --appendfsync everysec \
  --daemonize no > "$WORK/redis.log" 2>&1 &
REDIS_PID=$!
until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done

# The same data on both sides: KEYS records (Quiver: id k<n>, ts, payload) and KEYS Redis keys.
for ports in "$QUIVER_PORT $QUIVER_GRPC_PORT" "$READS_PORT $READS_GRPC_PORT"; do
  read -r port grpc_port <<<"$ports"
  java -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.server.GetRecordLoadGenerator \
    --port "$port" --grpc-port "$grpc_port" --value-bytes "$VALUE_BYTES" \
    --setup --protocol grpc --clients 1 --duration 1 >/dev/null
done
redis-benchmark -p "$REDIS_PORT" -t set -d "$VALUE_BYTES" -c 50 -n 100000 -r "$KEYS" -q >/dev/null

PAYLOAD=$(head -c "$VALUE_BYTES" /dev/zero | tr '\0' 'v')
cat > "$WORK/get.lua" <<EOF
request = function()
  return wrk.format("GET", "/FeatureGroup/bench?RecordIdentifierValueAsString=k" .. math.random(0, $((KEYS - 1))))
end
EOF
# Event times grow with every request (one wrk thread), so every put replaces the stored record.
cat > "$WORK/put.lua" <<EOF
local n = 0
local start = os.time()
request = function()
  n = n + 1
  local body = '{"Record":[{"FeatureName":"id","ValueAsString":"k' .. math.random(0, $((KEYS - 1))) .. '"},'
    .. '{"FeatureName":"ts","ValueAsString":"' .. string.format("%d.%06d", start + math.floor(n / 1000000), n % 1000000) .. '"},'
    .. '{"FeatureName":"payload","ValueAsString":"$PAYLOAD"}]}'
  return wrk.format("PUT", "/FeatureGroup/bench", {["Content-Type"] = "application/json"}, body)
end
response = function(status, headers, body)
  if status ~= 200 then error("PutRecord answered " .. status .. ": " .. body) end
end
EOF

# CPU ticks (user + system) so far of process $1.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# CPU ticks so far of the event loops of Quiver process $1 (Netty's threads, multiThreadIoEventLoopGroup-*).
loop_ticks() {
  local task sum=0
  for task in /proc/"$1"/task/*; do
    if [[ $(cat "$task/comm" 2>/dev/null) == multiThreadIoEv* ]]; then
      sum=$((sum + $(awk '{print $14 + $15}' "$task/stat")))
    fi
  done
  echo "$sum"
}
# client_micros <children's line of `times`> <requests>: the load client's CPU per request.
client_micros() {
  awk -v n="$2" 'END {split($1, u, "m"); split($2, s, "m"); sub(/s$/, "", u[2]); sub(/s$/, "", s[2]);
      printf "%.1f", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1e6 / n}' <<<"$1"
}
# micros_per_request <ticks-before> <ticks-after> <requests>
micros_per_request() { awk -v a="$1" -v b="$2" -v n="$3" -v t="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", (b - a) * 1e6 / t / n}'; }

# wrk_run <QUIVER|READS> <label> <script> <seconds>: a run against that server; appends
# "throughput p99-ms cpu-us event-loops-us" to $WORK/<label> unless label starts with -
wrk_run() {
  local server=$1 label=$2 script=$3 seconds=$4 out rps p99 before loops_before gc_lines cpu loops pauses
  local requests client pid port gc_log
  pid=${server}_PID; pid=${!pid}
  port=$([[ $server == READS ]] && echo "$READS_PORT" || echo "$QUIVER_PORT")
  gc_log="$WORK/$server.gc.log"
  before=$(ticks "$pid")
  loops_before=$(loop_ticks "$pid")
  gc_lines=$(wc -l < "$gc_log")
  # `times` last: its second line is the CPU of the children of this substitution (wrk).
  out=$(wrk -t1 -c50 -d"${seconds}s" --latency -s "$WORK/$script" "http://127.0.0.1:$port"; times)
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  cpu=$(micros_per_request "$before" "$(ticks "$pid")" "$requests")
  loops=$(micros_per_request "$loops_before" "$(loop_ticks "$pid")" "$requests")
  client=$(client_micros "$(tail -1 <<<"$out")" "$requests")
  pauses=$(tail -n +"$((gc_lines + 1))" "$gc_log" | awk '/Pause/ {v = $NF; sub(/ms$/, "", v); n++; if (v > m) m = v}
          END {printf "%d GC pauses, longest %.1fms", n, m}')
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
        print (u == "us" ? v / 1000 : u == "s" ? v * 1000 : v)}' <<<"$out")
  if grep -q "Non-2xx\|error" <<<"$out"; then echo "$out" >&2; fi
  [[ $label == -* ]] && return
  echo "$label: throughput=$rps/s p99=${p99}ms cpu=${cpu}us/request event-loops=${loops}us ($pauses)" \
    "wrk=${client}us/request load=$(cut -d' ' -f1 /proc/loadavg)"
  echo "$rps $p99 $cpu $loops" >> "$WORK/$label"
}

# redis_run <label> <get|set>: appends "throughput p99-ms cpu-us" to $WORK/<label>
redis_run() {
  local label=$1 test=$2 out line before requests=$((DURATION * 100000)) cpu
  before=$(ticks "$REDIS_PID")
  out=$(redis-benchmark -p "$REDIS_PORT" -t "$test" -d "$VALUE_BYTES" -c 50 -n "$requests" -r "$KEYS" --csv; times)
  line=$(grep -i "^\"$test\"" <<<"$out")
  cpu=$(micros_per_request "$before" "$(ticks "$REDIS_PID")" "$requests")
  echo "$label: $line cpu=${cpu}us/request  (rps, avg, min, p50, p95, p99, max ms)" \
    "redis-benchmark=$(client_micros "$(tail -1 <<<"$out")" "$requests")us/request load=$(cut -d' ' -f1 /proc/loadavg)"
  awk -F'"' -v cpu="$cpu" '{print $4, $14, cpu}' <<<"$line" >> "$WORK/$label"
}

# client_run <label> <load options>: 50 clients of Quiver's own load client (GetRecordLoadGenerator,
# closed loop, 5 s of warm-up) against Quiver or Redis; appends "throughput p99-ms" to
# $WORK/<label>. The same client for both: wrk and redis-benchmark do not measure latency alike
# (redis-benchmark's mean covers about half of each call's cycle, wrk's nearly all of it).
client_run() {
  local label=$1 line
  shift
  line=$(java -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.server.GetRecordLoadGenerator \
    --value-bytes "$VALUE_BYTES" --records "$KEYS" --clients 50 --duration "$DURATION" --warmup 5 "$@")
  echo "$label: $line load=$(cut -d' ' -f1 /proc/loadavg)"
  sed -E 's/.*throughput=([0-9.]+)\/s .*p99=([0-9.]+)ms.*/\1 \2/' <<<"$line" >> "$WORK/$label"
}

# The written server's reads are measured right after its puts, with no warm-up between: warm
# its read path once here.
wrk_run QUIVER -warmup get.lua "$WARMUP"
for round in $(seq 1 "$ROUNDS"); do
  echo "# round $round of $ROUNDS"
  wrk_run READS -warmup get.lua "$WARMUP"
  wrk_run READS quiver-get get.lua "$DURATION"
  redis_run redis-get get
  wrk_run QUIVER -warmup put.lua "$WARMUP"
  wrk_run QUIVER quiver-put put.lua "$DURATION"
  redis_run redis-set set
  wrk_run QUIVER quiver-get-after-put get.lua "$DURATION"
  client_run quiver-put-client --port "$QUIVER_PORT" --grpc-port "$QUIVER_GRPC_PORT" --protocol rest --put
  client_run redis-set-client --port "$REDIS_PORT" --protocol redis --put
done

median() { cut -d' ' -f"$2" "$1" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

echo "# summary: medians over $ROUNDS rounds"
for pair in "quiver-get redis-get" "quiver-put redis-set" "quiver-get-after-put redis-get"; do
  read -r q r <<<"$pair"
  awk -v q="$q" -v r="$r" -v qr="$(median "$WORK/$q" 1)" -v qp="$(median "$WORK/$q" 2)" \
      -v rr="$(median "$WORK/$r" 1)" -v rp="$(median "$WORK/$r" 2)" \
      -v qc="$(median "$WORK/$q" 3)" -v rc="$(median "$WORK/$r" 3)" -v ql="$(median "$WORK/$q" 4)" \
      'BEGIN {printf "%-20s throughput=%.0f/s p99=%.2fms cpu=%.1fus (event loops %.1fus) | %-9s throughput=%.0f/s p99=%.2fms cpu=%.1fus | throughput ratio %.2f, p99 ratio %.2f, cpu ratio %.2f\n", q, qr, qp, qc, ql, r, rr, rp, rc, qr / rr, qp / rp, qc / rc}'
done
echo "# the same client against both (PutRecord over REST / Redis SET + AOF): medians of each round's ratios"
paste -d' ' "$WORK/quiver-put-client" "$WORK/redis-set-client" | awk '{print $1 / $3, $2 / $4}' > "$WORK/client-ratios"
echo "quiver-put-client throughput=$(median "$WORK/quiver-put-client" 1)/s p99=$(median "$WORK/quiver-put-client" 2)ms" \
  "| redis-set-client throughput=$(median "$WORK/redis-set-client" 1)/s p99=$(median "$WORK/redis-set-client" 2)ms" \
  "| throughput ratio $(median "$WORK/client-ratios" 1), p99 ratio $(median "$WORK/client-ratios" 2)"
