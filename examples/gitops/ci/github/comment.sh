#!/usr/bin/env bash
# Creates or updates a marked comment on the pull request: the comment whose
# first line is the body's first line (the plan marker, or the apply
# marker), so each push edits one comment instead of adding another.
#   comment.sh [BODY_FILE]   (default: $ROSTERFORM_OUT/comment.md)
source "$(dirname "$0")/../lib.sh"
: "${GITHUB_REPOSITORY:?}" "${PR_NUMBER:?}"
body=${1:-$ROSTERFORM_OUT/comment.md}
first=$(head -n 1 "$body")
[[ "$first" == "<!-- rosterform:"* ]] || die "$body does not start with a rosterform marker"
repo="repos/$GITHUB_REPOSITORY"
id=$(gh api --paginate "$repo/issues/$PR_NUMBER/comments" |
  json items "(i['body'].splitlines() or [''])[0] == '$first'" id | head -n 1)
if [[ -n "$id" ]]; then
  gh api -X PATCH "$repo/issues/comments/$id" -F "body=@$body" >/dev/null
  note "updated comment $id on #$PR_NUMBER"
else
  gh api -X POST "$repo/issues/$PR_NUMBER/comments" -F "body=@$body" >/dev/null
  note "posted a comment on #$PR_NUMBER"
fi
