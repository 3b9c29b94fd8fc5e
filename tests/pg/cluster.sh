# A throw-away PostgreSQL server for tests: `initdb` into a temporary folder,
# listening on a Unix socket in that folder only (no TCP), trust auth for
# the one local user. Sourced by tests/pg/with_cluster.sh, the integration
# suites and the benchmark.
#
#   pg_cluster_start   exports PGHOST (the socket folder), PGPORT, PGUSER,
#                      PGDATABASE and PG_CLUSTER_DIR; fails with a clear
#                      message when PostgreSQL is not installed
#   pg_cluster_stop    stops the server and removes the folder
#
# PostgreSQL refuses to run as root, so when the tests run as root (CI
# containers) the server runs as the unprivileged user `nobody`, in a
# folder it owns; the tests themselves still connect as root through the
# socket. PG_CLUSTER_FSYNC=on keeps fsync (the benchmark measures it);
# tests turn it off for speed.

pg_cluster_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x $d/initdb && -x $d/pg_ctl ]]; then echo "$d"; return 0; fi
  done
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v initdb)"; return 0
  fi
  return 1
}

# Runs "$@" as the server's user.
pg_cluster_as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    (cd / && runuser -u nobody -- "$@")
  else
    "$@"
  fi
}

pg_cluster_start() {
  local bin
  if ! bin=$(pg_cluster_bindir); then
    echo "pg_cluster: PostgreSQL server not found; install it with scripts/bootstrap (apt-get install postgresql)" >&2
    return 1
  fi
  PG_CLUSTER_BIN=$bin
  PG_CLUSTER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rosterform-pg.XXXXXX")
  chmod 0755 "$PG_CLUSTER_DIR"
  if [[ $(id -u) -eq 0 ]]; then chown nobody "$PG_CLUSTER_DIR"; fi
  if ! pg_cluster_as_owner "$bin/initdb" -D "$PG_CLUSTER_DIR/data" -U rosterform -A trust \
      -E UTF8 --locale=C --no-sync >"$PG_CLUSTER_DIR/initdb.log" 2>&1; then
    echo "pg_cluster: initdb failed:" >&2; cat "$PG_CLUSTER_DIR/initdb.log" >&2
    return 1
  fi
  local fsync=${PG_CLUSTER_FSYNC:-off}
  if ! pg_cluster_as_owner "$bin/pg_ctl" -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/server.log" \
      -w -t 60 -o "-c listen_addresses='' -c unix_socket_directories='$PG_CLUSTER_DIR' -c fsync=$fsync -c max_connections=40" \
      start >/dev/null; then
    echo "pg_cluster: the server did not start:" >&2; cat "$PG_CLUSTER_DIR/server.log" >&2
    return 1
  fi
  export PGHOST=$PG_CLUSTER_DIR PGPORT=5432 PGUSER=rosterform PGDATABASE=postgres
  export PG_CLUSTER_DIR PG_CLUSTER_BIN
  unset PGSERVICE PGSSLMODE PGPASSWORD PGPASSFILE
}

pg_cluster_stop() {
  if [[ -n ${PG_CLUSTER_DIR:-} && -d $PG_CLUSTER_DIR/data ]]; then
    pg_cluster_as_owner "$PG_CLUSTER_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [[ -n ${PG_CLUSTER_DIR:-} ]]; then rm -rf "$PG_CLUSTER_DIR"; fi
  PG_CLUSTER_DIR=
}

# psql against the cluster, quiet, stopping at the first error.
pg_cluster_psql() {
  "$PG_CLUSTER_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"
}
