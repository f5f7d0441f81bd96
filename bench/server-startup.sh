#!/usr/bin/env bash
# Start-up time to ready and idle resident memory of the packaged server.
#   bench/server-startup.sh [runs]      (default 5 runs; needs llm-service-server/target/llm-service.jar)
# "Ready" is the first answer from /actuator/health (any status: with no provider it is 503 by design),
# measured from the moment the JVM is launched. RSS is read from /proc after 5 s idle.
# Targets (issue 4): ready <= 4 s, idle RSS <= 300 MB, on a 2-core machine.
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
port="${BENCH_PORT:-18089}"
state="$(mktemp -d)/state.json"

for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  PORT="$port" LLM_STATE_FILE="$state" LLM_ENV_FILE=/dev/null "$root/bin/llm-service" >/tmp/llm-service-bench.log 2>&1 &
  pid=$!
  ready=""
  for _ in $(seq 1 300); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/actuator/health"; then
      ready=$(( ($(date +%s%N) - start) / 1000000 ))
      break
    fi
    sleep 0.02
  done
  sleep 5
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  started=$(grep -o 'Started LlmServiceApplication in [0-9.]* seconds' /tmp/llm-service-bench.log || true)
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "run $i: ready ${ready:-never} ms, idle RSS $((rss_kb / 1024)) MB (${started:-no start line})"
done
