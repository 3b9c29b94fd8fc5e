#!/usr/bin/env bash
# state list/show/rm, force-unlock and audit verify, through the real binary.
source "$(dirname "$0")/lib.sh"

mkdir -p .rosterform
cat > .rosterform/state.json <<'JSON'
{
  "format_version": 1,
  "lineage": "0123456789abcdef0123456789abcdef",
  "serial": 4,
  "hmac_key": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "resources": {
    "client.mrn-10442": {"kind": "client", "user_id": "2001", "applied": {"email": "00", "dob": "11"}},
    "client.h:0123456789abcdef0123456789abcdef": {"kind": "client", "user_id": "2002", "applied": {"email": "33"}},
    "staff.jones@clinic.example": {"kind": "staff", "user_id": "1001", "membership_id": "m-1", "applied": {"email": "22"}}
  }
}
JSON

# Every entry is listed by a handle a user can type; a client kept under
# the hidden form of a PHI-derived key is listed by its Healthie id.
run state list
expect_rc 0
expect_eq "$OUT" $'client.id:2002\nclient.mrn-10442\nstaff.jones@clinic.example'
expect_not_contains "$OUT" "h:0123"

run state show client.id:2002
expect_rc 0
expect_contains "$OUT" "# client.id:2002"
expect_not_contains "$OUT" "h:0123"
run state show id:1001
expect_rc 0
expect_contains "$OUT" "# staff.jones@clinic.example"
run state show staff.id:2001
expect_rc 1

run state show mrn-10442
expect_rc 0
expect_contains "$OUT" "user_id       = 2001"
expect_contains "$OUT" "managed       = [dob, email]"

run state show nobody
expect_rc 1
expect_eq "$ERR" "rosterform: error: no user 'nobody' in the state; handles look like staff.<email>, client.<key>, client.id:<Healthie id> or <roster file>:<line>; run 'rosterform state list' to see them"

# A key derived from a client's details is not echoed back.
run state show client.rid:MSN-4242
expect_rc 1
expect_eq "$ERR" "rosterform: error: no user '(a key derived from a client's details, not shown)' in the state; handles look like staff.<email>, client.<key>, client.id:<Healthie id> or <roster file>:<line>; run 'rosterform state list' to see them"

run state rm client.mrn-10442
expect_rc 0
expect_eq "$OUT" "Removed client.mrn-10442 from the state; Healthie was not changed."
run state rm client.id:2002
expect_rc 0
expect_eq "$OUT" "Removed client.id:2002 from the state; Healthie was not changed."
run state list
expect_eq "$OUT" "staff.jones@clinic.example"
grep -q '"serial": 6' .rosterform/state.json || fail "serial was not bumped"
grep -q '"user_id":"2002"' .rosterform/audit.jsonl || fail "the audit log does not record the user id"
! grep -q 'h:0123' .rosterform/audit.jsonl || fail "the audit log names the hidden address"
[[ $(stat -c %a .rosterform/state.json) == 600 ]] || fail "state file is not 0600"

run audit verify
expect_rc 0
expect_contains "$OUT" "2 entries, chain intact."

# A lock left by a crashed run blocks state rm and says how to release it.
cat > .rosterform/state.json.lock <<'JSON'
{"id":"deadbeef","who":"ci:bot@runner","host":"runner-7","pid":4242,"operation":"apply","created":"2026-11-27T09:00:00Z"}
JSON
run state rm staff.jones@clinic.example
expect_rc 1
expect_contains "$ERR" "the state is locked by another run"
expect_contains "$ERR" "Who:       ci:bot@runner"
expect_contains "$ERR" "rosterform force-unlock deadbeef"

run force-unlock wrong-id
expect_rc 1
expect_contains "$ERR" "lock ID 'wrong-id' does not match the lock held on"
run force-unlock deadbeef
expect_rc 0
expect_eq "$OUT" "Released lock deadbeef."
run state rm staff.jones@clinic.example -lock-timeout=2s
expect_rc 0

run state rm x -lock-timeout=soon
expect_rc 1
expect_eq "$ERR" "rosterform: error: invalid value 'soon' for -lock-timeout: use a number with a unit, e.g. 500ms, 30s, 5m or 1h"

# Tampering with the audit log is detected.
sed -i '1s/state rm/state xx/' .rosterform/audit.jsonl
run audit verify
expect_rc 1
expect_contains "$ERR" "audit.jsonl:1: hash mismatch"

# The state commands follow state.path in rosterform.yaml.
mkdir -p elsewhere && mv .rosterform/state.json elsewhere/team.json
printf 'version: 1\nstate: {backend: local, path: elsewhere/team.json}\n' > rosterform.yaml
run state list
expect_rc 0
expect_eq "$OUT" ""
run show
expect_rc 0
expect_contains "$OUT" "# elsewhere/team.json: lineage 0123456789abcdef0123456789abcdef"
