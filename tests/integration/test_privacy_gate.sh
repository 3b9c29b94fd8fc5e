#!/usr/bin/env bash
# The privacy gate (issue 12, points 3-5): a distinctive key and distinctive
# PHI are planted where a careless server or a hostile record would leak
# them (server errors that echo variables on preflight, reads and mutations;
# validation messages that quote the input; a warning that echoes the
# Authorization header; control characters in Healthie data and roster
# values), and every output of those runs (stdout, stderr, state, journal,
# audit log) is searched for them. Then key hygiene, core dumps, and the
# state folder's permissions and leftovers.
source "$(dirname "$0")/lib.sh"

KEY=gh_sbox_PlantedKey7Q9Z
PHI=(Zephyrine Quillfeather zephyrine.quill@planted.example 1971-03-04 555-777-1234 MRN-PLANT-8
     Xanthippe Marrowbone xanthippe.m@planted.example 1966-07-08 555-888-4321)

python3 - "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" "$KEY" >seed.json <<'PY'
import json, sys
seed = json.load(open(sys.argv[1]))
seed["api_keys"] = [{"key": sys.argv[2], "role": "admin", "user_id": "9001"}]
for m in seed["members"]:
    if m["email"] == "sam.support@example.com":
        m["first_name"] = "Sam\u001b]0;pwned\u0007\u001b[2J"
        m["qualifications"] = "RD\u202eevil\u0085\u009b31m"
seed["clients"].append({"id": "5999", "email": "zephyrine.quill@planted.example",
    "first_name": "Zephyrine", "last_name": "Quillfeather", "dob": "1971-03-04",
    "phone_number": "555-777-1234", "record_identifier": "MRN-PLANT-8", "dietitian_id": "9001",
    "active": True, "timezone": "America/New_York", "created_at": "2024-06-01T12:00:00Z"})
print(json.dumps(seed))
PY
start_sim "$WORK/seed.json" --rate-limit 0

mkdir -p roster
cat >rosterform.yaml <<'YAML'
version: 1
healthie:
  endpoint: http://127.0.0.1:1/graphql
  api_version: "2026-01-01"
  api_key_env: PRIV_KEY
state:
  path: .rosterform/state.json
policy:
  send_welcome_email: false
  send_invite_email: false
include: [roster/*.yaml]
YAML
cat >roster/staff.yaml <<'YAML'
staff:
  - email: sam.support@example.com
    first_name: Sam
    last_name: Support
    org_role: Support
    qualifications: "RD \u202Egro.live\u202C"
YAML
cat >roster/clients.yaml <<'YAML'
clients:
  - key: k-planted
    record_identifier: MRN-PLANT-8
    email: zephyrine.quill@planted.example
    first_name: Zephyrine
    last_name: Quillfeather
    dob: 1971-03-04
    phone_number: "555-777-1234"
    provider: olivia.owner@example.com
    timezone: America/Chicago
  - key: k-new
    email: xanthippe.m@planted.example
    first_name: Xanthippe
    last_name: Marrowbone
    dob: 1966-07-08
    phone_number: "555-888-4321"
    provider: olivia.owner@example.com
YAML
export ROSTERFORM_ENDPOINT="$SIM_URL" PRIV_KEY="$KEY"

# check_clean WHAT: no planted key, PHI value or raw control character in
# this run's stdout and stderr, nor in any file under .rosterform/.
check_clean() {
  local files=("$WORK/.out" "$WORK/.err")
  [[ -d .rosterform ]] && while IFS= read -r f; do files+=("$f"); done < <(find .rosterform -type f)
  for f in "${files[@]}"; do
    for v in "$KEY" "PlantedKey" "${PHI[@]}"; do
      ! grep -qF -- "$v" "$f" || fail "$1: '$v' found in $f: $(grep -F -- "$v" "$f" | head -3)"
    done
    # ESC and other C0 (not tab or newline), C1, bidi overrides and isolates.
    ! LC_ALL=C grep -qP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' "$f" ||
      fail "$1: a raw control character in $f"
  done
}
faults() { sim_post /_sim/faults "{\"faults\": $1}"; }

# Warnings echo every header, key included, on every answer: the plan still
# works, and says the warning once, key redacted.
faults '[{"kind":"echo_headers","text":"zephyrine.quill@planted.example 1971-03-04"}]'
run plan -no-color
expect_rc 0 "plan under echo_headers"
check_clean "warning echoing headers"
expect_contains "$ERR" "warning: Healthie: DEBUG_REQUEST_ECHO: Request headers:"
expect_contains "$ERR" "authorization: Basic [REDACTED]"
expect_eq "$(grep -c DEBUG_REQUEST_ECHO <<<"$ERR")" 1
# Control characters from Healthie (Sam's name) and from the roster are escaped.
expect_contains "$OUT" '\u202eevil\u0085\u009b31m'
expect_contains "$OUT" '\u202egro.live\u202c'

# The same plan as JSON: valid JSON, C1 and bidi as \u escapes.
run plan -json
expect_rc 0
check_clean "plan -json"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$WORK/.out" || fail "plan -json is not JSON"

# Errors that echo variables, on preflight, on the read, and on each mutation.
for op in currentUser users organizationMemberships; do
  faults "[{\"kind\":\"echo_variables\",\"op\":\"$op\",\"text\":\"Zephyrine Quillfeather zephyrine.quill@planted.example $KEY\"}]"
  run plan -no-color
  expect_rc 1 "plan with $op echoing"
  check_clean "$op echoing variables"
  expect_contains "$ERR" "Healthie returned an error"
done

# Mutations: each create, update and staff update is refused with echoed
# variables, then with validation messages quoting the input.
sim_post /_sim/reset '{}'
ops=(createClient updateClient createOrganizationMembership updateOrganizationMember updateOrganizationMembership)
for kind in echo_variables echo_messages; do
  rules=""
  for op in "${ops[@]}"; do
    rules+="${rules:+,}{\"kind\":\"$kind\",\"op\":\"$op\",\"text\":\"xanthippe.m@planted.example 1966-07-08\"}"
  done
  faults "[$rules]"
  run apply -auto-approve -no-color
  expect_rc 1 "apply under $kind"
  check_clean "apply under $kind"
  expect_contains "$OUT" "Apply failed 0 succeeded, 3 failed, 0 not attempted."
done
expect_eq "$(sim_py "len(s['clients'])")" "6"

# An unknown outcome (the create's answer lost) settled by a look-up whose
# answer echoes the search's variables (the identity being looked for).
faults '[]'
curl -sf -X DELETE "$SIM_BASE/_sim/requests" >/dev/null
run plan
reads=$(sim_get /_sim/requests | python3 -c 'import json,sys; print(sum("users" in r["fields"] for r in json.load(sys.stdin)["requests"]))')
faults "[{\"kind\":\"lost_response\",\"op\":\"createClient\"},{\"kind\":\"echo_variables\",\"op\":\"users\",\"nth\":$((reads + 1))}]"
run apply -auto-approve -no-color
expect_rc 1 "apply with a failed look-up"
check_clean "failed look-up"
expect_contains "$OUT" "the outcome of createClient is unknown and the look-up to settle it failed"
faults '[]'

# A roster value with control characters in a validation error.
cp roster/clients.yaml clients.bak
printf '    timezone: "\\e[2JAmerica/Nowhere\\u202e"\n' >>roster/clients.yaml
run validate
expect_rc 1
check_clean "validation error"
mv clients.bak roster/clients.yaml
faults '[]'

# Key hygiene: refused before any request, the reason said, the key not.
sim_post /_sim/reset '{}'
curl -sf -X DELETE "$SIM_BASE/_sim/requests" >/dev/null
for bad in "Basic $KEY" "Bearer $KEY" "$KEY"$'\n' "${KEY:0:8} ${KEY:8}" "${KEY:0:8}"$'\e'"${KEY:8}"; do
  PRIV_KEY="$bad" run plan
  expect_rc 1 "bad key"
  check_clean "bad key"
  expect_contains "$ERR" "rosterform: error: the API key in PRIV_KEY was not sent: it "
done
PRIV_KEY="Basic $KEY" run plan
expect_eq "$ERR" 'rosterform: error: the API key in PRIV_KEY was not sent: it starts with "Basic "; set the variable to the key alone (rosterform sends Authorization: Basic <key> itself)'
PRIV_KEY="${KEY:0:8}"$'\e'"${KEY:8}" run plan
expect_eq "$ERR" 'rosterform: error: the API key in PRIV_KEY was not sent: it contains a control character; copy the key again from Healthie'
expect_eq "$(sim_get /_sim/requests | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["requests"]))')" 0

# Core dumps: off for the run (limit 0), unless ROSTERFORM_ALLOW_CORE_DUMPS=1.
core_limit_while_waiting() {
  mkdir -p .rosterform
  printf '{"id":"held","who":"t","host":"%s","pid":1,"operation":"apply","created":"2026-01-01T00:00:00Z"}' "$(hostname)" >.rosterform/state.json.lock
  # ASan lowers the soft limit itself unless told not to.
  ( ulimit -c unlimited; ASAN_OPTIONS=disable_coredump=0 exec "$ROSTERFORM_BIN" apply -auto-approve -lock-timeout=3s ) >/dev/null 2>&1 &
  local pid=$!
  sleep 1
  awk '/Max core file size/ {print $5, $6}' "/proc/$pid/limits"
  wait "$pid" || true
  rm -f .rosterform/state.json.lock
}
expect_eq "$(core_limit_while_waiting)" "0 0"
expect_eq "$(ROSTERFORM_ALLOW_CORE_DUMPS=1 core_limit_while_waiting)" "unlimited unlimited"

# The state folder: tightened, litter of an interrupted save removed, and a
# leftover journal folded in by a run that has nothing to change.
run apply -auto-approve
expect_rc 0 "apply to converge"
run apply -auto-approve
expect_contains "$OUT" "No changes."
chmod 0777 .rosterform
chmod 0644 .rosterform/state.json .rosterform/audit.jsonl
printf '{"half":' >.rosterform/state.json.tmp-4242-deadbeef
serial=$(python3 -c 'import json; print(json.load(open(".rosterform/state.json"))["serial"])')
python3 - <<'PY'
import json
s = json.load(open(".rosterform/state.json"))
address, resource = next(iter(s["resources"].items()))
open(".rosterform/state.json.journal", "w").write(json.dumps({"op": "upsert", "address": address, "resource": resource}) + "\n")
PY
chmod 0666 .rosterform/state.json.journal
run apply -auto-approve
expect_rc 0
expect_contains "$OUT" "No changes."
[[ ! -e .rosterform/state.json.journal ]] || fail "the leftover journal was not folded"
[[ ! -e .rosterform/state.json.tmp-4242-deadbeef ]] || fail "the interrupted save's temporary file is still there"
expect_eq "$(stat -c %a .rosterform)" 700
expect_eq "$(stat -c %a .rosterform/state.json)" 600
expect_eq "$(stat -c %a .rosterform/audit.jsonl)" 600
expect_eq "$(python3 -c 'import json; print(json.load(open(".rosterform/state.json"))["serial"])')" "$serial"
echo "privacy gate: ok"
