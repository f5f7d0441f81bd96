#!/usr/bin/env bash
# Issue 4 target: at 200 consensus requests/s against fake providers answering in 50 ms, the server adds <= 2 ms
# (median) over calling the orchestrator in-process, with no errors. Open-loop load at a fixed rate, in-process and
# against the packaged server (started by bin/llm-service in its own process, fakes' environment only), alternating
# per round, each after a warm-up whose rate rises to the full rate; prints each run's median, p90, p99, max, errors,
# CPU per request and load average, then a summary. About 3 min per round with the defaults.
# Mode journal (issue 13): journal on adds <= 1 ms to the server's median (4 providers at 50 ms, same run on/off): two
# packaged servers, LLM_JOURNAL=off and an SQLite journal, the same load alternating between them per round.
#
#   bench/server-throughput.sh [rounds=3] [rate=200] [measure-s=30] [warmup-s=60] [both|in-process|server|journal]
#   REBUILD=1 ...                     rebuild both jars first
#   SERVER_JAVA_OPTS='...' ...        JAVA_OPTS for the server;  SERVER_ARGS='--a=b ...' arguments for it
#   LLM_SERVICE_JIT=startup ...       the server with bin/llm-service's start-up JIT thresholds
#   CLIENT=jdk ...                    the JDK HttpClient instead of HttpURLConnection on the sending thread
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/server-jars.sh
exec java -cp "$jar" dev.llmservice.benchmarks.ServerThroughputBenchmark "$@"
