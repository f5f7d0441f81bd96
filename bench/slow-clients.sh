#!/usr/bin/env bash
# Hardening item 4: 1,000 connections that send the headers and part of a body (Content-Length 100000) and then
# wait must not delay health or a consensus from another client by more than 100 ms. Starts four fake vendors
# (50 ms) and the packaged server (bin/llm-service, its own process, loopback only), measures health and consensus
# latency alone, then with N such connections open, and says what became of them. About 1 min with the defaults.
#
#   bench/slow-clients.sh [connections=1000] [measure-s=10] [sent-bytes=1000] [warmup-s=15]
#   REBUILD=1 ...                       rebuild both jars first
#   SLOW_PATH=/actuator/health ...      where the slow connections send their POST (default /api/v1/consensus)
#   LLM_SERVICE_LAUNCHER=path ...       another build's launcher (e.g. a checkout of the commit before the fix)
#   SERVER_ARGS='--a=b ...' / SERVER_JAVA_OPTS='...'   arguments / JAVA_OPTS for the server
#
# Each connection is a file descriptor in the benchmark and in the server: N connections need N + ~200 in each.
# The JVM raises its soft limit to the hard limit itself, so the hard limit counts (ulimit -Hn; 1,000 connections
# need ~1,200); the benchmark says so and stops when it is too low.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/server-jars.sh
echo "open files: soft $(ulimit -Sn), hard $(ulimit -Hn)"
exec java -cp "$jar" dev.llmservice.benchmarks.SlowClientsBenchmark "$@"
