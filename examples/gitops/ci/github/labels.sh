#!/usr/bin/env bash
# Sets the labels ci/labels.sh prints on the pull request and removes the
# rosterform labels it no longer earns.
source "$(dirname "$0")/../lib.sh"
: "${GITHUB_REPOSITORY:?}" "${PR_NUMBER:?}"
issue="repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER"
earned=$("$(dirname "$0")/../labels.sh")
for label in rosterform:deactivations rosterform:no-changes rosterform:refused rosterform:drift; do
  if grep -qx "$label" <<<"$earned"; then
    gh api -X POST "$issue/labels" -f "labels[]=$label" >/dev/null
  else
    gh api -X DELETE "$issue/labels/${label/:/%3A}" >/dev/null 2>&1 || true  # 404: not set
  fi
done
note "labels: ${earned//$'\n'/ }"
