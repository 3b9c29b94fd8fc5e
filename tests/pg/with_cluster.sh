#!/usr/bin/env bash
# Runs one command with a throw-away PostgreSQL server (tests/pg/cluster.sh)
# started before and stopped after, whatever the command's outcome:
#   tests/pg/with_cluster.sh build/test/tests/rosterform_pgtest
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"
trap pg_cluster_stop EXIT
pg_cluster_start || exit 1
"$@"
