#!/usr/bin/env bash
# Issue 5 target, at the provider layer: requests to four providers at once with one deadline while one of them fails
# every way in turn; prints elapsed time against the deadline (target: <= deadline + 100 ms), whether the other three
# all answered, and what became of the faulty one. Figures are recorded in bench/fault-mix.md.
#
#   bench/fault-mix.sh [requests=1000] [deadline-ms=500] [faulty-vendor=anthropic]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=llm-service-benchmarks/target/benchmarks.jar
if [[ ! -f $jar || ${REBUILD:-0} == 1 ]]; then
  mvn -B -q -Pbenchmarks -DskipTests -pl llm-service-benchmarks -am package
fi
exec java -cp "$jar" dev.llmservice.benchmarks.FaultMixBenchmark "$@"
