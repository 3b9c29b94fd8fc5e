#!/usr/bin/env bash
# Sets the labels ci/labels.sh prints on the merge request, removing the
# rosterform labels it no longer earns.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/api.sh"
earned=$("$(dirname "$0")/../labels.sh" | paste -sd, -)
all=rosterform:deactivations,rosterform:no-changes,rosterform:refused,rosterform:drift
glapi PUT "merge_requests/$(mr_iid)" --data-urlencode "remove_labels=$all" >/dev/null
[[ -z "$earned" ]] || glapi PUT "merge_requests/$(mr_iid)" --data-urlencode "add_labels=$earned" >/dev/null
note "labels: ${earned:-none}"
