#!/usr/bin/env bash
# Keeps one issue open while drift lasts (label rosterform:drift): opened,
# updated on later runs, closed once the drift is gone.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/api.sh"
rc=$(cat "$ROSTERFORM_OUT/drift.rc")
report="$ROSTERFORM_OUT/drift.md"
iid=$(glapi GET "issues?state=opened&labels=rosterform:drift&per_page=100" |
  json items "(i['description'] or '').startswith('$(marker)')" iid | head -n 1)
if [[ "$rc" == 2 && -n "$iid" ]]; then
  glapi PUT "issues/$iid" --data-urlencode "description@$report" >/dev/null
  note "drift continues: updated issue #$iid"
elif [[ "$rc" == 2 ]]; then
  glapi POST issues --data-urlencode "title=rosterform: Healthie changed outside rosterform ($ROSTERFORM_WORKSPACE)" \
    --data-urlencode "description@$report" --data-urlencode "labels=rosterform:drift" >/dev/null
  note "drift: opened an issue"
elif [[ -n "$iid" ]]; then
  glapi POST "issues/$iid/notes" --data-urlencode "body=The drift is gone: Healthie and the roster agree again." >/dev/null
  glapi PUT "issues/$iid" --data-urlencode "state_event=close" >/dev/null
  note "no drift: closed issue #$iid"
else
  note "no drift, no open drift issue"
fi
