#!/usr/bin/env bash
# Installs the PostgreSQL server binaries that the importer's JDBC tests start a throwaway cluster
# with (initdb + pg_ctl on a free loopback port, run as the `postgres` user when CI runs as root).
# Idempotent: does nothing when /usr/lib/postgresql/*/bin/initdb exists. Call it from .ci/run
# before `mvn verify`; under CI=true the tests fail, rather than skip, without PostgreSQL.
set -euo pipefail
if compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql > /dev/null
# The Debian package starts a default cluster; the tests do not use it.
if command -v pg_ctlcluster > /dev/null; then
  for cluster in /etc/postgresql/*/main; do
    [ -d "$cluster" ] && pg_ctlcluster "$(basename "$(dirname "$cluster")")" main stop || true
  done
fi
id postgres > /dev/null
