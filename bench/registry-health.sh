#!/usr/bin/env bash
# Issue 2 targets, in-process: registry initialisation (<= 50 ms) and health check of four providers whose
# local fakes take 300 ms each (<= 400 ms in total). Prints the figures recorded in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=llm-service-benchmarks/target/benchmarks.jar
if [[ ! -f $jar || ${REBUILD:-0} == 1 ]]; then
  mvn -B -q -Pbenchmarks -DskipTests -pl llm-service-benchmarks -am package
fi
exec java -cp "$jar" dev.llmservice.benchmarks.RegistryAndHealthBenchmark "$@"
