#!/usr/bin/env bash
# Issue 16 target: the dashboard's first render <= 300 ms on the server with 20 providers and 50 decisions. The
# packaged server (bin/llm-service, own process) with 20 openai-compatible providers on fake vendors (5 ms) and its
# SQLite journal filled by 50 consensus requests; times the first GET / after start-up, then GET / and the two
# fragments warm (median, p95, max), a fresh server per round. See DashboardRenderBenchmark.
#
#   bench/dashboard.sh [rounds=3] [runs=200] [warmup=200]
#   REBUILD=1 ...                     rebuild both jars first
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/server-jars.sh
exec java -cp "$jar" dev.llmservice.benchmarks.DashboardRenderBenchmark "$@"
