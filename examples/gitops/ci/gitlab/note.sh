#!/usr/bin/env bash
# Creates or updates a marked note on the merge request (the note whose
# first line is the body's first line).  note.sh [BODY_FILE]
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/api.sh"
body=${1:-$ROSTERFORM_OUT/comment.md}
first=$(head -n 1 "$body")
mr=$(mr_iid)
[[ -n "$mr" ]] || die "no merge request for this pipeline"
id=$(glapi GET "merge_requests/$mr/notes?per_page=100" |
  json items "(i['body'].splitlines() or [''])[0] == '$first'" id | head -n 1)
if [[ -n "$id" ]]; then
  glapi PUT "merge_requests/$mr/notes/$id" --data-urlencode "body@$body" >/dev/null
  note "updated note $id on !$mr"
else
  glapi POST "merge_requests/$mr/notes" --data-urlencode "body@$body" >/dev/null
  note "posted a note on !$mr"
fi
