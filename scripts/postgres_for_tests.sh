#!/usr/bin/env bash
# A real PostgreSQL server on loopback for the share store tests (tests/unit/share/test_store.py).
#
# Installs Debian's postgresql when it is missing, starts the newest installed cluster, creates the role and the
# database the tests use (idempotent: running it again changes nothing), and prints the one line to export:
#   eval "$(sudo scripts/postgres_for_tests.sh)"
#   -> APPLYTICS_TEST_POSTGRES_URL=postgresql+psycopg://applytics:applytics@127.0.0.1:5432/applytics_test
# .ci/run calls it before `make test`; the tests themselves only call it outside CI, as root, when the URL is unset.
# Needs root (apt-get, pg_ctlcluster, su postgres). Everything but the export line goes to stderr.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
ROLE=applytics
PASSWORD=applytics
DATABASE=applytics_test
# Keep stdout for the export line alone: apt-get, pg_ctlcluster and systemd helpers print to stdout on a fresh
# machine ("Removed /etc/...", "Created symlink ..."), which the caller would otherwise eval as commands. The saved
# stdout (fd 3) is closed for everything `start` runs: a server started with it open would hold the caller's pipe
# and `$(...)` would wait for it forever (CI hung that way until its time limit).
exec 3>&1 1>&2

say() { echo "postgres_for_tests: $*" >&2; }

start() {
  if [ "$(id -u)" != 0 ]; then
    say "needs root (it installs and starts a PostgreSQL cluster): run it with sudo"
    exit 1
  fi
  if ! command -v pg_ctlcluster >/dev/null || ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; then
    say "installing Debian's postgresql"
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
  fi

  version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -1)
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
    say "creating cluster $version/main"
    pg_createcluster "$version" main >/dev/null
  fi
  if ! pg_ctlcluster "$version" main status >/dev/null 2>&1; then
    say "starting cluster $version/main"
    pg_ctlcluster "$version" main start
  fi
  port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 1
  done
  pg_isready -q -h 127.0.0.1 -p "$port" || { say "cluster $version/main does not answer on 127.0.0.1:$port"; exit 1; }

  # `su postgres -c psql` runs as the cluster's superuser over the local socket (peer authentication).
  su postgres -c "psql -q -v ON_ERROR_STOP=1 -p $port" >/dev/null <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD';
  END IF;
END
\$\$;
SQL
  if [ "$(su postgres -c "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname = '$DATABASE'\"")" != 1 ]; then
    su postgres -c "createdb -p $port -O $ROLE $DATABASE"
  fi
  say "PostgreSQL $version ready on 127.0.0.1:$port, database $DATABASE"
  url="postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$port/$DATABASE"
}

url=""
start 3>&- </dev/null
echo >&3 "export APPLYTICS_TEST_POSTGRES_URL=$url"
