#!/usr/bin/env bash
# Prints the labels the plan earns, one a line, from plan.json and plan.rc:
#   rosterform:deactivations  the plan deactivates someone (branch protection
#                             can ask for another reviewer)
#   rosterform:no-changes     nothing to apply
#   rosterform:refused        a guard rail refused the plan
#   rosterform:drift          Healthie changed outside rosterform
# ci/github/labels.sh and ci/gitlab/labels.sh set them.
source "$(dirname "$0")/lib.sh"
plan="$ROSTERFORM_OUT/plan.json"
rc=$(cat "$ROSTERFORM_OUT/plan.rc" 2>/dev/null || echo 1)
[[ "$rc" == 3 ]] && echo "rosterform:refused"
[[ -f "$plan" ]] || exit 0
python3 - "$plan" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
if s["deactivate"] > 0:
    print("rosterform:deactivations")
if sum(s[a] for a in ("create", "update", "deactivate", "reactivate", "adopt", "forget")) == 0:
    print("rosterform:no-changes")
if s["drifted"] > 0:
    print("rosterform:drift")
PY
