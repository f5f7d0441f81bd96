#!/usr/bin/env bash
# What the container image's set-up asks of the server, checked without Docker (issue 15 item 6, issue 18): the
# server started by bin/llm-service as an unprivileged user (default nobody; run this as root), from a read-only
# working directory with a read-only home, its state file, journal and temporary files in one temporary directory.
# It answers status and a consensus request, is stopped, and then every file that user wrote anywhere on this
# file system since the start is listed: all must be in that temporary directory (the JVM's own hsperfdata_USER
# in /tmp aside, which -XX:-UsePerfData turns off).
#   bench/nonroot-readonly.sh [user=nobody]      (prepares the archive first, as the image's build does)
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
user="${1:-nobody}"
port="${BENCH_PORT:-18377}"
LLM_SERVICE_CDS=prepare "$root/bin/llm-service"
base="$(mktemp -d)"; chmod 755 "$base"
mkdir -p "$base/cwd" "$base/home"; chmod 555 "$base/cwd" "$base/home"   # read-only to everyone but root
data="$(runuser -u "$user" -- mktemp -d)"
touch "$base/marker"; sleep 1
cd "$base/cwd"
runuser -u "$user" -- env -i PATH="$PATH" HOME="$base/home" PORT="$port" TMPDIR="$data" \
  LLM_STATE_FILE="$data/state.json" LLM_JOURNAL_URL="jdbc:sqlite:$data/journal.db" LLM_ENV_FILE=/dev/null \
  LLM_JAVA_OPTS="-Djava.io.tmpdir=$data" "$root/bin/llm-service" >"$base/server.log" 2>&1 &
for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$port/actuator/health" && break; sleep 0.2; done
pid="$(sed -n 's/.* INFO \([0-9][0-9]*\) --- .*/\1/p' "$base/server.log" | head -n 1)"
echo "server pid $pid runs as: $(ps -o user= -p "$pid")"
echo "its JVM options: $(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-160)..."
echo "status: $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/providers")"
echo "consensus (too few candles): $(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  -d '{"pair":"BTC/USDT","timeframe":"5m","candles":[]}' "http://127.0.0.1:$port/api/v1/consensus")"
kill "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
echo "files $user wrote since the start, outside $data:"
find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path "$data" \) -prune -o -user "$user" -newer "$base/marker" \
  -print 2>/dev/null | sed 's/^/  /'
echo "in $data: $(cd "$data" && ls | tr '\n' ' ')"
grep -m1 "llm-service:" "$base/server.log" || true
rm -rf "$base" "$data"
