#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer on 127.0.0.1: starts them when installed and
# stopped, installs them from Debian's packages when absent. Used by .ci/run and by people
# setting up a fresh machine (`bash infra/services.sh`).
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

wait_for() { # command, what
  for _ in $(seq 1 60); do if eval "$1" >/dev/null 2>&1; then return 0; fi; sleep 0.5; done
  echo "services: $2 did not come up" >&2; return 1
}

ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then echo "services: PostgreSQL is running"; return; fi
  local installed_now=0
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "services: installing PostgreSQL from Debian's packages"
    apt_install postgresql
    installed_now=1
  fi
  local cluster
  cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
  if [ -z "$cluster" ]; then
    local version; version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    as_root pg_createcluster "$version" main >/dev/null
    cluster="$version main"
    installed_now=1
  fi
  if [ "$installed_now" = 1 ]; then
    # A cluster we just made: local connections by user postgres without a password,
    # as the defaults (and the README) expect. We never touch a cluster we did not create.
    local hba; hba="/etc/postgresql/${cluster%% *}/${cluster##* }/pg_hba.conf"
    as_root sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
    as_root sed -i -E 's/^(local\s+all\s+postgres\s+)\S+/\1trust/' "$hba"
  fi
  echo "services: starting PostgreSQL $cluster"
  # shellcheck disable=SC2086
  as_root pg_ctlcluster $cluster start || true
  wait_for "pg_isready -q -h 127.0.0.1 -p 5432" PostgreSQL
}

ensure_redis() {
  if command -v redis-cli >/dev/null 2>&1 && redis-cli -h 127.0.0.1 ping 2>/dev/null | grep -q PONG; then
    echo "services: Redis is running"; return
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "services: installing Redis from Debian's packages"
    apt_install redis-server
  fi
  echo "services: starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  wait_for "redis-cli -h 127.0.0.1 ping | grep -q PONG" Redis
}

ensure_fonts() {
  # sharp draws the text of rendered protocols with the machine's fonts; without one the
  # text comes out blank.
  if command -v fc-list >/dev/null 2>&1 && fc-list | grep -qi dejavu; then echo "services: fonts present"; return; fi
  echo "services: installing fonts-dejavu-core from Debian's packages"
  apt_install fonts-dejavu-core fontconfig
}

ensure_chromium() {
  # The browser tests drive Debian's chromium through playwright-core (no browser download).
  if [ -x /usr/bin/chromium ]; then echo "services: chromium present"; return; fi
  echo "services: installing chromium from Debian's packages"
  apt_install chromium
}

ensure_postgres
ensure_redis
ensure_fonts
ensure_chromium
