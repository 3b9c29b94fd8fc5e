#!/usr/bin/env bash
# A hostile Healthie whose lists lie: `rosterform plan` must end every read
# attack with "incomplete read" (exit 1, nothing planned) in bounded time:
# a usersCount one short at a page boundary, cursors that do not advance
# (stuck, `after` ignored, overlapping pages, null end_cursor with a next
# page) on clients and staff, a memberships list that drops a deactivated
# member, and a permanent throttle cut off by healthie.read_timeout.
source "$(dirname "$0")/lib.sh"
export HEALTHIE_API_KEY=bench_admin_key

# 600 active clients (300 per provider: three pages each), two staff of whom
# one is deactivated.
"$NODE" "$ROSTERFORM_SOURCE_DIR/bench/fetch_seed.mjs" --clients 600 --staff 2 --archived-every 0 \
  --inactive-staff 1 >"$WORK/small.json"
# 250 staff: three pages of memberships.
"$NODE" "$ROSTERFORM_SOURCE_DIR/bench/fetch_seed.mjs" --clients 10 --staff 250 >"$WORK/staff.json"
start_sim "$WORK/small.json" --rate-limit 0
export ROSTERFORM_ENDPOINT="$SIM_URL"

workspace() {  # VERSION READ_TIMEOUT
  cat >rosterform.yaml <<YAML
version: 1
healthie:
  api_version: "$1"
  read_timeout: $2
policy: {require_provider_for_clients: false}
clients:
  - {email: client0@bench.example.com, first_name: First0, last_name: Last0}
YAML
}

limits() { sim_post /_sim/limits "$1"; }
reset_faults() {
  limits '{"countSkew":0,"cursorFault":"none","cursorFaultOn":"all","dropMembership":false}'
  curl -sf -X DELETE "$SIM_BASE/_sim/faults" >/dev/null
}

# refused VERSION LABEL PATTERN: plan must fail within 30 s with a message
# matching the (bash regex) PATTERN and plan nothing.
refused() {
  local started=$SECONDS
  workspace "$1" "${READ_TIMEOUT:-1m}"
  run plan -no-color
  local took=$((SECONDS - started))
  expect_rc 1 "$1 $2"
  [[ "$ERR" =~ $3 ]] || fail "$1 $2: expected [$3]; got: $ERR"
  expect_not_contains "$OUT" "Plan:"
  ((took <= 30)) || fail "$1 $2: took $took s"
}
NP='; nothing was planned; run again'
REPEAT="the server returned a cursor it had returned before$NP"
NULL_CURSOR="has_next_page is true but end_cursor is null$NP"

# cursor_refused LIST FAULT PATTERN: a 2026-01-01 read with that cursor fault.
cursor_refused() {
  limits "{\"cursorFault\":\"$2\",\"cursorFaultOn\":\"$1\"}"
  refused 2026-01-01 "$1 $2" "$3"
}

# The read is fine without faults (so every refusal below is the fault's).
for v in 2024-06-01 2026-01-01; do
  workspace "$v" 1m
  run plan -no-color
  expect_rc 0 "$v clean read: $ERR"
done

# usersCount (total_count) one short, at a page boundary.
limits '{"countSkew":-1}'
refused 2024-06-01 "count -1" "rosterform: error: incomplete read: usersCount says 599 clients but 600 were read$NP"
refused 2026-01-01 "count -1" "incomplete read: reading active clients: 600 items arrived but total_count is 599$NP"
reset_faults

# Client cursors that do not advance (the streams are split per provider).
STREAM='incomplete read: reading active clients of provider id:100[01]: '
cursor_refused users stuck "$STREAM$REPEAT"
cursor_refused users after_ignored "$STREAM$REPEAT"
cursor_refused users overlap "${STREAM}301 items arrived but total_count is 300$NP"
cursor_refused users null_end_cursor "$STREAM$NULL_CURSOR"
reset_faults

# A memberships list that drops the deactivated member.
limits '{"dropMembership":true}'
refused 2024-06-01 "dropped member" "incomplete read: organization_memberships_count is 2 and organizationMembersCount 1 but organizationMemberships returned 1 members \\(1 active\\)$NP"
refused 2026-01-01 "dropped member" "incomplete read: total_count says 2 staff but 1 were read$NP"
reset_faults

# A permanent throttle: cut off by read_timeout, saying so while it waits.
sim_post /_sim/faults '{"faults":["throttle:op=users"]}'
READ_TIMEOUT=12s refused 2024-06-01 "permanent throttle" \
  "incomplete read: the read of staff and clients did not finish within 12s \\(healthie.read_timeout\\): 1 pages and 2 users read, [0-9]+ throttled answers, in 1[0-9] s; nothing was planned; run again later or raise healthie.read_timeout in rosterform.yaml"
[[ "$ERR" =~ throttled\ by\ Healthie\;\ retrying,\ 1[0-9]\ s\ so\ far ]] || fail "no progress line while throttled: $ERR"
READ_TIMEOUT=3s refused 2026-01-01 "permanent throttle" \
  "incomplete read: the read of staff and clients did not finish within 3s \\(healthie.read_timeout\\)"
reset_faults

# Staff cursors that do not advance.
curl -sf -X POST -H 'Content-Type: application/json' -d @"$WORK/staff.json" "$SIM_BASE/_sim/seed" >/dev/null
STAFF='incomplete read: reading staff: '
cursor_refused organizationMemberships stuck "$STAFF$REPEAT"
cursor_refused organizationMemberships after_ignored "$STAFF$REPEAT"
cursor_refused organizationMemberships null_end_cursor "$STAFF$NULL_CURSOR"
cursor_refused organizationMemberships overlap "${STAFF}252 items arrived but total_count is 250$NP"
reset_faults
echo "ok"
