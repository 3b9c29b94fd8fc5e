#!/usr/bin/env bash
# The pull-request plan: validate, `plan -markdown -out`, and the masked JSON
# of the saved plan. Leaves in $ROSTERFORM_OUT:
#   comment.md  the PR comment (always, even when the plan failed)
#   plan.bin    the saved plan, encrypted with the state key (only when applyable)
#   plan.json   the masked plan for policy tools and the artefact
#   plan.rc     rosterform's exit code: 0 planned, 1 error, 3 refused by a guard rail
# Exits 0 so that the comment is still posted; ci/verdict.sh fails the check.
# A guard-rail override a reviewer agreed to is a label on the pull request
# (PR_LABELS, space- or comma-separated): rosterform:allow-mass-deactivation,
# rosterform:allow-protected-deactivation, rosterform:allow-orphaned-clients
# add that one flag; other labels are ignored. FULL_PLAN_URL names where CI
# keeps the artefact.
source "$(dirname "$0")/lib.sh"
out=$(cd "$ROSTERFORM_OUT" && pwd)
rm -f "$out"/{comment.md,plan.bin,plan.json,plan.rc}

failed_comment() {
  { marker; printf '\n### rosterform plan\n\n**❌ %s**; the job log says why. ' "$1"
    printf 'Fix it and push again: this comment is then updated in place.\n'; } >"$out/comment.md"
  echo 1 >"$out/plan.rc"
}

if ! rf validate >&2; then
  failed_comment "The roster is invalid"
  exit 0
fi
flags=()
labels=${PR_LABELS:-}
for label in ${labels//,/ }; do
  case $label in
    rosterform:allow-mass-deactivation | rosterform:allow-protected-deactivation | rosterform:allow-orphaned-clients)
      flags+=("-${label#rosterform:}") ;;
  esac
done
[[ -n "${FULL_PLAN_URL:-}" ]] && flags+=("-full-plan-url=$FULL_PLAN_URL")
rc=0
rf plan -markdown -out="$out/plan.bin" -lock-timeout=5m "${flags[@]}" >"$out/comment.md" || rc=$?
echo "$rc" >"$out/plan.rc"
case $rc in
  0) rf show -json "$out/plan.bin" >"$out/plan.json" ;;
  3) rf plan -json "${flags[@]}" >"$out/plan.json" || true ;;  # refused: not saved, still labelled
  *) failed_comment "The plan failed" ;;
esac
note "plan${flags[*]:+ ${flags[*]}}: exit code $rc; comment in $out/comment.md"
