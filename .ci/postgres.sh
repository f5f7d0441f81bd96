#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the journal's tests and benchmarks. Source this file, then:
#   postgres_start   installs PostgreSQL when missing (Debian package 'postgresql'; as root only), starts a cluster
#                    on a free port of 127.0.0.1 with its data in a temporary directory, and exports
#                    LLM_TEST_POSTGRES_URL, LLM_TEST_POSTGRES_USER, LLM_TEST_POSTGRES_PASSWORD
#   postgres_stop    stops it and removes the directory (set as an EXIT trap by postgres_start)
# PostgreSQL refuses to run as root: as root the cluster belongs to the 'postgres' user (runuser), otherwise to you.

postgres_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

postgres_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_start() {
  if [ -z "$(postgres_bin)" ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "PostgreSQL is not installed: run 'sudo apt-get install postgresql' (Debian/Ubuntu) first" >&2
      return 1
    fi
    echo "Installing PostgreSQL (Debian package postgresql) ..." >&2
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null || return 1
  fi
  local bin; bin="$(postgres_bin)"
  PG_TMP="$(mktemp -d "${TMPDIR:-/tmp}/llm-journal-pg.XXXXXX")"
  trap postgres_stop EXIT
  # The password is only a test fixture of a cluster that lives as long as this run, on 127.0.0.1.
  LLM_TEST_POSTGRES_USER=llm_journal
  LLM_TEST_POSTGRES_PASSWORD="pg-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n' | tr '0-9' 'g-p')"
  printf '%s\n' "$LLM_TEST_POSTGRES_PASSWORD" > "$PG_TMP/pwfile"
  if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$PG_TMP"; fi
  postgres_as "$bin/initdb" -D "$PG_TMP/data" -U "$LLM_TEST_POSTGRES_USER" --pwfile="$PG_TMP/pwfile" \
    -A scram-sha-256 --no-sync -E UTF8 >"$PG_TMP/initdb.log" 2>&1 || { cat "$PG_TMP/initdb.log" >&2; return 1; }
  local port tries=0
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null &&
       postgres_as "$bin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 30 \
         -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null; then
      break
    fi
    tries=$((tries + 1))
    if [ "$tries" -ge 5 ]; then cat "$PG_TMP/server.log" >&2; return 1; fi
  done
  PGPASSWORD="$LLM_TEST_POSTGRES_PASSWORD" postgres_as "$bin/createdb" -h 127.0.0.1 -p "$port" \
    -U "$LLM_TEST_POSTGRES_USER" llm_journal_test || return 1
  export LLM_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$port/llm_journal_test"
  export LLM_TEST_POSTGRES_USER LLM_TEST_POSTGRES_PASSWORD
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for the tests: $LLM_TEST_POSTGRES_URL" >&2
}

postgres_stop() {
  if [ -n "${PG_TMP:-}" ] && [ -d "$PG_TMP" ]; then
    postgres_as "$(postgres_bin)/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_TMP" || true
    PG_TMP=
  fi
}
