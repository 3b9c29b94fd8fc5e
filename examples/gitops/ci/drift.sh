#!/usr/bin/env bash
# The scheduled drift check: `plan -refresh-only -detailed-exitcode`, read
# only (no lock, no plan saved). Leaves drift.md (the report, masked) and
# drift.rc: 0 no drift, 2 drift. Exits 1 when the check itself failed.
source "$(dirname "$0")/lib.sh"
rc=0
rf plan -refresh-only -detailed-exitcode -markdown >"$ROSTERFORM_OUT/drift.md" || rc=$?
echo "$rc" >"$ROSTERFORM_OUT/drift.rc"
case $rc in
  0) note "no drift" ;;
  2) note "drift: Healthie changed outside rosterform" ;;
  *) die "the drift check failed (exit $rc)" ;;
esac
