#!/usr/bin/env bash
# The Spark connector's benchmarks (module benchmarks/spark), each next to its baseline in one JVM on
# Spark local[2]; never run by `mvn verify`. Builds the module and its class path on first use
# (delete benchmarks/spark/target to rebuild), then runs the class with Spark's JVM options:
#
#   benchmarks/run-spark.sh io.quiver.benchmarks.spark.IngestBenchmark [rows] [rounds] [warm-up] [partitions]
#   benchmarks/run-spark.sh io.quiver.benchmarks.spark.PointInTimeBenchmark [entities] [features] [ids] [rounds] [warm-up] [folder]
#
# Environment: HEAP (the JVM's -Xmx, default 8g).
set -euo pipefail
cd "$(dirname "$0")/.."
CP_FILE=benchmarks/spark/target/classpath.txt
if [[ ! -f $CP_FILE ]]; then
  mvn -B -q -pl benchmarks/spark -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$CP_FILE"
fi
# Spark's own options on Java 17 (the spark module's surefire argLine)
SPARK_OPTS=(-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false)
CLASS=$1
shift
exec java -Xmx"${HEAP:-8g}" "${SPARK_OPTS[@]}" \
  -cp "benchmarks/spark/target/classes:$(cat "$CP_FILE")" "$CLASS" "$@"
