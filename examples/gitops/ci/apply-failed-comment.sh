#!/usr/bin/env bash
# Writes $ROSTERFORM_OUT/apply-failed.md: what went wrong at merge (rosterform's
# own error lines, which name users by handle, never by PHI) and how to
# recover. Posted on the merged pull request by ci/github/comment.sh.
source "$(dirname "$0")/lib.sh"
errors=$(grep '^rosterform: error:' "$ROSTERFORM_OUT/apply.err" 2>/dev/null | head -n 5 || true)
{
  printf '<!-- rosterform:apply workspace=%s -->\n' "$ROSTERFORM_WORKSPACE"
  printf '### rosterform apply failed\n\n**Merging did not apply the reviewed plan.**\n\n'
  printf '```\n%s\n```\n\n' "${errors:-rosterform: error: see the apply job log}"
  printf 'A stale plan (the state or Healthie moved since it was made, for instance '
  printf 'because another pull request was applied first) is never applied, and nothing '
  printf 'of it was sent. To recover, re-plan the default branch in a new pull request '
  printf '(`git commit --allow-empty -m "rosterform: re-plan"`), review its plan comment, and '
  printf 'merge it. If the log shows changes made before the failure, the new plan lists '
  printf 'only what is left. See docs/gitops.md, "Recovering from a refused or stale plan".\n'
} >"$ROSTERFORM_OUT/apply-failed.md"
