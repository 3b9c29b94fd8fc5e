#!/usr/bin/env bash
# On merge: applies exactly the reviewed plan. Refuses unless the saved plan
# in $ROSTERFORM_OUT/plan.bin (from the PR's artefact) has the hash the PR
# comment showed (reviewed-comment.md, left by ci/*/find-plan.sh; or
# EXPECTED_PLAN_HASH); then `rosterform apply PLANFILE`,
# which itself refuses a plan made against another state serial or a
# Healthie record that moved (stale). Leaves apply.rc and apply.err.
source "$(dirname "$0")/lib.sh"
out=$(cd "$ROSTERFORM_OUT" && pwd)
EXPECTED_PLAN_HASH=${EXPECTED_PLAN_HASH:-$(hash_in "$out/reviewed-comment.md" 2>/dev/null || true)}
[[ -n "$EXPECTED_PLAN_HASH" ]] || die "no reviewed plan hash (run ci/github/find-plan.sh or ci/gitlab/find-plan.sh first)"
plan="$out/plan.bin"
fail_with() { echo 1 >"$out/apply.rc"; echo "rosterform: error: $1" >"$out/apply.err"; die "$1"; }
[[ -f "$plan" ]] || fail_with "the plan artefact holds no saved plan; nothing was applied"
actual=$(rf show -json "$plan" | json get "d['binding']['plan_hash']")
[[ "$actual" == "$EXPECTED_PLAN_HASH" ]] ||
  fail_with "the saved plan's hash ($actual) is not the one the pull request comment showed ($EXPECTED_PLAN_HASH), so it is not the plan that was reviewed; nothing was applied"
rc=0
rf apply "$plan" -lock-timeout=10m 2> >(tee "$out/apply.err" >&2) || rc=$?
wait  # for tee
echo "$rc" >"$out/apply.rc"
exit "$rc"
