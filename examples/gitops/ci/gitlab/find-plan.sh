#!/usr/bin/env bash
# On the default branch: the merged merge request of this commit, its note's
# plan hash (reviewed-comment.md) and the artefact of its last successful
# rosterform-plan job, unpacked into $ROSTERFORM_OUT. Fails loudly when the
# commit did not come from a reviewed merge request.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/api.sh"
: "${CI_COMMIT_SHA:?}"
mr=$(glapi GET "repository/commits/$CI_COMMIT_SHA/merge_requests" |
  json items "i['state'] == 'merged'" iid | head -n 1)
[[ -n "$mr" ]] || die "commit $CI_COMMIT_SHA was not merged from a merge request, so no reviewed plan exists for it; nothing was applied"
echo "$mr" >"$ROSTERFORM_OUT/mr"
glapi GET "merge_requests/$mr/notes?per_page=100" |
  json items "i['body'].startswith('$(marker)')" body >"$ROSTERFORM_OUT/reviewed-comment.md"
[[ -n "$(hash_in "$ROSTERFORM_OUT/reviewed-comment.md")" ]] || die "!$mr has no rosterform plan note with a plan hash; nothing was applied"
pipeline=$(glapi GET "merge_requests/$mr/pipelines" | json get "d[0]['id'] if d else ''")
job=$(glapi GET "pipelines/$pipeline/jobs?scope%5B%5D=success" |
  json items "i['name'] == '${PLAN_JOB:-rosterform-plan}'" id | head -n 1)
[[ -n "$job" ]] || die "!$mr's last pipeline ($pipeline) has no successful rosterform-plan job; nothing was applied. Re-plan in a new merge request."
glapi GET "jobs/$job/artifacts" -o "$ROSTERFORM_OUT/artefact.zip"
python3 -m zipfile -e "$ROSTERFORM_OUT/artefact.zip" .
note "!$mr, plan job $job"
