#!/usr/bin/env bash
# Issue 18, the lean server, measured on the packaged server as bin/llm-service starts it (fake vendors at 50 ms):
#   bench/lean-server.sh memory [clients=32] [load-s=300] [idle-s=60]  RSS under load, then idle (target <= 250 MB
#                                                                      under load, < 200 MB within 60 s idle)
#   bench/lean-server.sh fresh [rounds=3]       first 200 requests after start against 200 warm ones (<= 1.5x)
#   bench/lean-server.sh tie [rounds=5] [n=300] 2 BUY + 2 SELL, no early decision: server / direct parallel (<= 1.05x)
#   bench/lean-server.sh floor [rounds=3] [n=300] no server: that direct floor with HttpURLConnection, with the JDK
#                                               HttpClient as the providers use it, and the consensus in-process
# JAVA_HOME picks the server's JDK too (bin/llm-service honours it: JDK 25 records an AOT cache); SERVER_JAVA_OPTS
# becomes its JAVA_OPTS; REBUILD=1 rebuilds both jars first. Start-up to ready: bench/server-startup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/server-jars.sh
exec java -cp "$jar" dev.llmservice.benchmarks.LeanServerBenchmark "${@:-memory}"
