#!/usr/bin/env bash
# Headless Chromium and its driver for the dashboard's browser tests (llm-service-server's DashboardBrowserTest,
# Selenium). Source this file, then:
#   chromium_install   installs the Debian packages 'chromium' and 'chromium-driver' when /usr/bin/chromium or
#                      /usr/bin/chromedriver is missing (as root only; otherwise says what to run). The tests start
#                      the browser themselves, each class its own, with a fresh profile; nothing runs in between.
# Without them the browser tests are skipped with this hint; nothing else needs them.

chromium_install() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "Chromium is not installed: run 'sudo apt-get install chromium chromium-driver' (Debian/Ubuntu) first" >&2
    return 1
  fi
  echo "Installing Chromium (Debian packages chromium, chromium-driver) ..." >&2
  # One 'apt-get update' per CI run, shared with the other .ci scripts that set or read the flag.
  if [ -z "${CI_APT_UPDATED:-}" ]; then
    apt-get update -q >/dev/null || return 1
    CI_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null
}
