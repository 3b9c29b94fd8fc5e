#!/usr/bin/env bash
# after_script of the apply job: when it failed, tells the merge request
# what happened and how to recover.
source "$(dirname "$0")/../lib.sh"
[[ "${CI_JOB_STATUS:-failed}" == failed && -n "$(cat "$ROSTERFORM_OUT/mr" 2>/dev/null)" ]] || exit 0
"$(dirname "$0")/../apply-failed-comment.sh"
"$(dirname "$0")/note.sh" "$ROSTERFORM_OUT/apply-failed.md"
