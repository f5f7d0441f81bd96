#!/usr/bin/env bash
# Start-up time to ready and idle resident memory of the packaged server, as bin/llm-service starts it.
#   bench/server-startup.sh [runs]      (default 5; needs llm-service-server/target/llm-service.jar)
# "Ready" is the first answer of /actuator/health (any status: with no provider it is 503 by design),
# measured from the launch of bin/llm-service. Also shown: CPU seconds the JVM used until ready (steadier than
# wall time on a shared machine) and the load average at that moment; RSS is read after 5 s idle.
# LLM_SERVICE_CDS=0 measures the plain jar. Targets (issue 4): ready <= 4 s, idle RSS <= 300 MB on 2 cores.
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
port="${BENCH_PORT:-18089}"
tmp="$(mktemp -d)"
export LLM_STATE_FILE="$tmp/state.json" LLM_ENV_FILE=/dev/null

# The class-data archive is prepared once per build, outside the measured runs.
[ "${LLM_SERVICE_CDS:-1}" = 0 ] || LLM_SERVICE_CDS=prepare "$root/bin/llm-service"

# The polling below starts no process until the port is open: a curl every 20 ms took ~8 ms of CPU each, ~0.4 s of
# the 2 cores during a 2 s start-up, and a sleep process ~1.4 ms. It waits by reading with a timeout from a pipe
# that never has data (fd 7), and probes the port from bash itself.
exec 7<> <(:)
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  PORT="$port" "$root/bin/llm-service" ${SERVER_ARGS:-} >"$tmp/server.log" 2>&1 7<&- &
  pid=$!
  ready=""
  for _ in $(seq 1 1500); do
    # Health is asked once the port accepts a connection.
    if { : <>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null \
        && curl -s -o /dev/null "http://127.0.0.1:$port/actuator/health"; then
      ready=$(( ($(date +%s%N) - start) / 1000000 ))
      break
    fi
    read -rt 0.02 -u 7 || true
  done
  cpu=$(awk '{printf "%.1f", ($14 + $15) / 100}' "/proc/$pid/stat")
  load=$(cut -d' ' -f1 /proc/loadavg)
  sleep 5
  rss_mb=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "run $i: ready ${ready:-never} ms, cpu ${cpu} s, idle RSS ${rss_mb} MB, load ${load}"
done
rm -rf "$tmp"
