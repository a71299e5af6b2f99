#!/usr/bin/env bash
# The collector's store suites run on PostgreSQL too, on a private cluster the tests start
# from Debian's server programs (/usr/lib/postgresql/*/bin; no system service is used).
# Installs them when missing and we may (root); otherwise the run says the PostgreSQL suites
# did not run.
set -euo pipefail
if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then exit 0; fi
if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing PostgreSQL for the store suites (apt-get install postgresql)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  # The package starts a system cluster; the tests use their own.
  (command -v pg_ctlcluster >/dev/null && pg_lsclusters -h 2>/dev/null | while read -r version name _; do pg_ctlcluster "$version" "$name" stop || true; done) || true
  exit 0
fi
echo "PostgreSQL's server programs are not installed: the PostgreSQL store suites will not run (apt-get install postgresql)." >&2
