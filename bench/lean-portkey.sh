#!/usr/bin/env bash
# Issue 18 item 5: the packaged server beside the Portkey gateway on the same fake OpenAI vendor (50 ms), 1 client
# then 32, alternating per round: added latency (median / p90 / p99) over the direct call, CPU per request, RSS.
#   bench/lean-portkey.sh [rounds=3] [phase-s=15]
# The gateway (npm @portkey-ai/gateway, PORTKEY_VERSION, default 1.15.2) is installed into a temporary directory at
# each run and removed after it; nothing is committed. Needs node and npm; PORTKEY_DIR=DIR reuses an installation.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/server-jars.sh
if [ -z "${PORTKEY_DIR:-}" ]; then
  PORTKEY_DIR="$(mktemp -d)"
  trap 'rm -rf "$PORTKEY_DIR"' EXIT
  (cd "$PORTKEY_DIR" && npm install --silent --no-audit --no-fund "@portkey-ai/gateway@${PORTKEY_VERSION:-1.15.2}" >/dev/null)
fi
export PORTKEY_DIR
java -cp "$jar" dev.llmservice.benchmarks.LeanServerBenchmark portkey "$@"
