#!/usr/bin/env bash
# Issue 15 targets, on this machine: a real redis-server (Debian package redis-server; installed when missing, as
# .ci/run does), three packaged servers sharing it through LLM_STATE_URL, and fake vendors allowing RPM requests per
# minute (429 beyond, as real ones answer). Reports vendor calls, vendor 429s, the busiest minute per vendor, skipped
# votes and latency percentiles for PAIRS pairs asked at once by two bots; exact vendor calls for duplicated
# requests; how fast an override reaches the other replicas; what Redis adds to a consensus's median latency.
# About 3 minutes with the defaults.
#
#   bench/cluster.sh [pairs=300] [rpm=60] [duplicates=100] [override-rounds=50] [latency-rounds=200]
#   REBUILD=1 ...   rebuild both jars first
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v redis-server >/dev/null; then
  echo "cluster: installing redis-server (Debian package)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
source bench/server-jars.sh
exec java -cp "$jar" dev.llmservice.benchmarks.ClusterBenchmark "$@"
