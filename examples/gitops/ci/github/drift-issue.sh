#!/usr/bin/env bash
# Keeps one issue open while drift lasts: opened (labelled rosterform:drift)
# when the check finds drift, its body updated on later runs, and closed with
# a comment once the drift is gone.
source "$(dirname "$0")/../lib.sh"
: "${GITHUB_REPOSITORY:?}"
repo="repos/$GITHUB_REPOSITORY"
rc=$(cat "$ROSTERFORM_OUT/drift.rc")
report="$ROSTERFORM_OUT/drift.md"
number=$(gh api --paginate "$repo/issues?state=open&labels=rosterform:drift" |
  json items "'pull_request' not in i and i['body'].startswith('$(marker)')" number | head -n 1)
if [[ "$rc" == 2 && -n "$number" ]]; then
  gh api -X PATCH "$repo/issues/$number" -F "body=@$report" >/dev/null
  note "drift continues: updated issue #$number"
elif [[ "$rc" == 2 ]]; then
  gh api -X POST "$repo/issues" -f "title=rosterform: Healthie changed outside rosterform ($ROSTERFORM_WORKSPACE)" \
    -F "body=@$report" -f "labels[]=rosterform:drift" >/dev/null
  note "drift: opened an issue"
elif [[ -n "$number" ]]; then
  gh api -X POST "$repo/issues/$number/comments" -f "body=The drift is gone: Healthie and the roster agree again." >/dev/null
  gh api -X PATCH "$repo/issues/$number" -f state=closed >/dev/null
  note "no drift: closed issue #$number"
else
  note "no drift, no open drift issue"
fi
