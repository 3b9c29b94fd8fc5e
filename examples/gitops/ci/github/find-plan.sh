#!/usr/bin/env bash
# On a push to the default branch: the pull request that was merged, the
# plan workflow run whose artefact holds its saved plan, and the plan hash
# its comment shows, as step outputs pr, run_id and hash. Fails loudly when
# the commit did not come from a reviewed pull request.
source "$(dirname "$0")/../lib.sh"
: "${GITHUB_REPOSITORY:?}" "${GITHUB_SHA:?}"
repo="repos/$GITHUB_REPOSITORY"
pr=$(gh api "$repo/commits/$GITHUB_SHA/pulls" | json items "i.get('merged_at')" number | head -n 1)
[[ -n "$pr" ]] || die "commit $GITHUB_SHA was not merged from a pull request, so no reviewed plan exists for it; nothing was applied. Open a pull request: its plan is applied when it merges."
head=$(gh api "$repo/pulls/$pr" | json get "d['head']['sha']")
run=$(gh api "$repo/actions/workflows/${PLAN_WORKFLOW:-rosterform-plan.yml}/runs?event=pull_request&status=success&head_sha=$head" |
  json get "d['workflow_runs'][0]['id'] if d['workflow_runs'] else ''")
[[ -n "$run" ]] || die "no successful plan run for #$pr at $head: the pull request was merged without a passing plan check; nothing was applied. Re-plan in a new pull request."
gh api --paginate "$repo/issues/$pr/comments" |
  json items "i['body'].startswith('$(marker)')" body >"$ROSTERFORM_OUT/reviewed-comment.md"
hash=$(hash_in "$ROSTERFORM_OUT/reviewed-comment.md" || true)
[[ -n "$hash" ]] || die "#$pr has no rosterform plan comment with a plan hash; nothing was applied."
output pr "$pr"
output run_id "$run"
output hash "$hash"
note "#$pr, plan run $run, plan hash $hash"
