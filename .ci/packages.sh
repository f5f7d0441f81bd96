#!/usr/bin/env bash
# The Debian packages the tests need, installed together: one 'apt-get update', one 'apt-get install' of whatever is
# missing (postgresql for the journal, redis-server for the shared state, chromium and chromium-driver for the
# dashboard's browser tests). Source this file, then run install_missing_packages. Not root and something missing:
# says what to run and leaves it to postgres_start, redis_start and chromium_install, which each say so again.

install_missing_packages() {
  local missing=()
  ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "Missing Debian packages: run 'sudo apt-get install ${missing[*]}' first" >&2
    return 0
  fi
  echo "Installing ${missing[*]} (Debian packages) ..." >&2
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
}
