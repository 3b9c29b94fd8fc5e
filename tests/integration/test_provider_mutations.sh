#!/usr/bin/env bash
# Mutations against the simulator, and the unknown-outcome rule: a create
# whose answer is lost is looked up (after the settle delay, and once more
# later if need be), never repeated in the same run.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/provider_lib.sh"

make_seed "$WORK/seed.json" --clients 20 --staff 4
start_sim "$WORK/seed.json"
count_email() { sim_get state | jq --arg e "$1" '[.clients[] | select(.email == $e)] | length'; }

for version in 2024-06-01 2026-01-01; do
  v=${version//-/}
  probe --api-version "$version" create-client "a$v" "alice$v@example.com" Alice Apple staff1@bench.example.com
  expect_rc 0 "create $version: $ERR"
  id=$(value user_id)
  expect_eq "$(sim_get state | jq -r --arg id "$id" '.clients[] | select(.id == $id) | .dietitian_id')" 1001
  expect_eq "$(sim_get emails | jq '[.emails[] | select(.kind == "welcome")] | length')" 0

  probe --api-version "$version" archive-client "a$v" "$id"
  expect_rc 0
  expect_eq "$(value active)" false

  # Validation messages name the key and the field, never the value.
  probe --api-version "$version" create-client "bad$v" "not-an-email" Bad Address
  expect_rc 1
  expect_eq "$(grep '^error:' <<<"$ERR")" "error: client.bad$v: Healthie rejected createClient: field 'email': Email is invalid"

  # The answer to a create is lost after the create happened.
  searches=$(sim_get requests | jq '[.requests[] | select(.operation_name == "RosterClientSearch")] | length')
  sim_post faults '{"faults":["lost_response:nth=1:op=createClient"]}'
  probe --api-version "$version" create-client "l$v" "lost$v@example.com" Lost Answer
  expect_rc 0 "lost create $version: $ERR"
  expect_eq "$(count_email "lost$v@example.com")" 1
  searches=$((searches + 1))
  # ... or the request is reset before it ran: two looks do not find it,
  # nothing is sent again, and the error says to run plan again; the next
  # run creates it, once.
  sim_post faults '{"faults":["reset:nth=1:op=createClient"]}'
  probe --api-version "$version" create-client "r$v" "reset$v@example.com" Reset Before
  expect_rc 1
  expect_contains "$ERR" "error: client.r$v: the outcome of createClient is unknown (connection lost: "
  expect_contains "$ERR" ") and Healthie does not show the change, even on a second look; it was not sent again, so it cannot have been made twice; run plan again to see whether Healthie applied it"
  expect_eq "$(count_email "reset$v@example.com")" 0
  expect_eq "$(sim_get requests | jq '[.requests[] | select(.operation_name == "RosterClientSearch")] | length')" "$((searches + 2))"
  probe --api-version "$version" create-client "r$v" "reset$v@example.com" Reset Before
  expect_rc 0 "reset create, run again $version: $ERR"
  expect_eq "$(count_email "reset$v@example.com")" 1
  # ... or the body is cut in half.
  sim_post faults '{"faults":["truncate:nth=1:op=createClient"]}'
  probe --api-version "$version" create-client "t$v" "trunc$v@example.com" Cut Body
  expect_rc 0 "truncated create $version: $ERR"
  expect_eq "$(count_email "trunc$v@example.com")" 1
  sim_post faults '{"faults":[]}'

  probe --api-version "$version" find-client "lost$v@example.com" Lost Answer
  expect_rc 0
  [[ "$(value found)" != none ]] || fail "find-client did not find the client"
done

# A create Healthie commits late: the request is reset, and while the first
# run waits to look, the client appears (here: made by a second run). The
# first run's look-up finds it; nothing is made twice.
curl -sf -X DELETE "$SIM_BASE/_sim/requests" >/dev/null
sim_post faults '{"faults":["reset:nth=1:op=createClient"]}'
"$PROBE" --url "$SIM_URL" create-client late1 late@example.com Late Commit >late1.out 2>late1.err &
late_pid=$!
for _ in $(seq 1 200); do
  sim_get requests | jq -e '[.requests[] | select(.outcome == "fault:reset")] | length > 0' >/dev/null && break
  sleep 0.05
done
probe create-client late2 late@example.com Late Commit
expect_rc 0 "second run: $ERR"
wait "$late_pid" || fail "the run whose create was reset failed: $(cat late1.err)"
expect_eq "$(sed -n 's/^user_id=//p' late1.out)" "$(value user_id)"
expect_eq "$(count_email late@example.com)" 1
sim_post faults '{"faults":[]}'

# Staff: create (lost answer included), then deactivate with a receiver.
sim_post faults '{"faults":["lost_response:nth=1:op=createOrganizationMembership"]}'
probe create-member s1 new.member@bench.example.com New Member Support
expect_rc 0 "create member: $ERR"
expect_eq "$(sim_get state | jq '[.members[] | select(.email == "new.member@bench.example.com")] | length')" 1
sim_post faults '{"faults":[]}'

membership=$(sim_get state | jq -r '.members[] | select(.id == "1002") | .membership.id')
probe deactivate-member s2 "$membership"
expect_rc 1
expect_contains "$ERR" "error: staff.s2: Healthie rejected updateOrganizationMembership: field 'provider_to_receive_clients'"
probe deactivate-member s2 "$membership" staff1@bench.example.com
expect_rc 0 "deactivate: $ERR"
expect_eq "$(value active)" false
expect_eq "$(sim_get state | jq '[.clients[] | select(.dietitian_id == "1002")] | length')" 0

# The deactivated member is still read (so a comeback reactivates it).
probe read
expect_rc 0
expect_eq "$(value staff)" 5
expect_eq "$(value staff_active)" 4
