#!/usr/bin/env bash
# Issue 17 target: the OpenAI-compatible endpoint adds <= 1 ms (median) over calling the vendor directly, at 200
# requests/s. Open-loop load at a fixed rate, alternating per round between the fake OpenAI itself and the packaged
# server's POST /v1/chat/completions (model openai, the same fake behind it), each after a warm-up whose rate rises to
# the full rate; prints each run's median, p90, p99, max, errors, CPU per request and load average, then a summary.
# About 3 min per round with the defaults.
#
#   bench/openai-overhead.sh [rounds=3] [rate=200] [measure-s=30] [warmup-s=60]
#   REBUILD=1 ...                     rebuild both jars first
#   SERVER_JAVA_OPTS='...' ...        JAVA_OPTS for the server;  SERVER_ARGS='--a=b ...' arguments for it
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/server-jars.sh
exec java -cp "$jar" dev.llmservice.benchmarks.OpenAiOverheadBenchmark "$@"
