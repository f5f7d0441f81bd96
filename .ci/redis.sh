#!/usr/bin/env bash
# A throwaway Redis for the shared-state tests (llm-service-redis). Source this file, then:
#   redis_start   installs redis-server when missing (Debian package 'redis-server'; as root only), starts it on a
#                 free port of 127.0.0.1 without persistence, its files in a temporary directory, and exports
#                 LLM_TEST_REDIS_URL
#   redis_stop    stops it and removes the directory (run at exit by redis_start, after any EXIT trap already set,
#                 e.g. postgres_stop)
# Fault tests start redis-server processes of their own (they stop and restart them); this one serves the rest.

redis_start() {
  if ! command -v redis-server >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ]; then
      echo "redis-server is not installed: run 'sudo apt-get install redis-server' (Debian/Ubuntu) first" >&2
      return 1
    fi
    echo "Installing Redis (Debian package redis-server) ..." >&2
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null || return 1
  fi
  REDIS_TMP="$(mktemp -d "${TMPDIR:-/tmp}/llm-redis.XXXXXX")"
  # Keep whatever EXIT trap is set (postgres_stop) and add ours.
  local previous; previous="$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")"
  trap "${previous:+$previous; }redis_stop" EXIT
  local port tries=0
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null &&
       redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$REDIS_TMP" \
         --daemonize yes --pidfile "$REDIS_TMP/redis.pid" --logfile "$REDIS_TMP/redis.log" >/dev/null 2>&1; then
      local waited=0
      while ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        sleep 0.1; waited=$((waited + 1))
        if [ "$waited" -ge 50 ]; then break; fi
      done
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    fi
    tries=$((tries + 1))
    if [ "$tries" -ge 5 ]; then cat "$REDIS_TMP/redis.log" >&2 2>/dev/null; return 1; fi
  done
  export LLM_TEST_REDIS_URL="redis://127.0.0.1:$port/0"
  echo "Redis $(redis-server --version | sed -E 's/.* v=([^ ]+).*/\1/') for the tests: $LLM_TEST_REDIS_URL" >&2
}

redis_stop() {
  if [ -n "${REDIS_TMP:-}" ] && [ -d "$REDIS_TMP" ]; then
    if [ -f "$REDIS_TMP/redis.pid" ]; then
      local pid i; pid="$(cat "$REDIS_TMP/redis.pid")"
      kill "$pid" 2>/dev/null || true
      # Wait for it to exit: it writes into the directory (log, pid file) as it shuts down, and removing the
      # directory meanwhile fails ("Directory not empty"), which would fail the whole run at its very end.
      for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$REDIS_TMP" || true
    REDIS_TMP=
  fi
}
