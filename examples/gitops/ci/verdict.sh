#!/usr/bin/env bash
# Fails the plan check when the plan failed or a guard rail refused it, after
# the comment and labels are posted.
source "$(dirname "$0")/lib.sh"
rc=$(cat "$ROSTERFORM_OUT/plan.rc" 2>/dev/null || echo 1)
case $rc in
  0) note "plan ok"; exit 0 ;;
  3) die "a guard rail refused the plan (see the PR comment); merging would apply nothing" ;;
  *) die "the plan failed (see the log above)" ;;
esac
