#!/usr/bin/env bash
# The GitOps loop, run from the workflow files' own steps (examples/gitops/),
# against the simulator, with `gh` replaced by tests/tools/gh_stand_in.py and
# the runner by tests/tools/run_workflow_steps.py (GitHub cannot be reached):
#   - a pull request that edits a client and deactivates one gets one comment,
#     updated in place (not duplicated) on its second push, and its labels;
#   - its merge applies exactly that plan (hash checked against the comment);
#   - a second pull request planned before the first merged is refused at its
#     merge as stale, and is told to re-plan;
#   - the drift job opens an issue after an edit made directly in Healthie and
#     closes it once the roster adopts the change.
# Every job runs in its own fresh clone (a CI runner), with no .rosterform/:
# the state is the PostgreSQL team state (a throw-away server,
# tests/pg/cluster.sh) under a state key, both passed as the secrets the
# workflows name, as on GitHub.
source "$(dirname "$0")/lib.sh"
source "$ROSTERFORM_SOURCE_DIR/tests/pg/cluster.sh"
trap 'pg_cluster_stop; cleanup' EXIT
pg_cluster_start || fail "could not start PostgreSQL"
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0
use_examples
python3 - rosterform.yaml <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("  backend: local\n  path: .rosterform/state.json\n",
              "  backend: postgres\n  workspace: default\n  conn_str_env: ROSTERFORM_PG_URL\n"
              "  key_env: ROSTERFORM_STATE_KEY\n")
open(p, "w").write(s)
PY
grep -q "backend: postgres" rosterform.yaml || fail "could not switch the roster to the postgres backend"
export ROSTERFORM_STATE_KEY ROSTERFORM_PG_URL="postgresql:///postgres?host=$PGHOST&port=$PGPORT&user=$PGUSER"
ROSTERFORM_STATE_KEY=$("$ROSTERFORM_BIN" state keygen 2>/dev/null)
unset PGHOST PGPORT PGUSER PGDATABASE  # the jobs get the connection only from the secret
SRC=$ROSTERFORM_SOURCE_DIR
WF="$SRC/examples/gitops/.github/workflows"
cp -r "$SRC/examples/gitops/ci" "$WORK/ci"
mkdir -p "$WORK/.bin" "$WORK/.artefacts"
ln -s "$SRC/tests/tools/gh_stand_in.py" "$WORK/.bin/gh"
ln -s "$ROSTERFORM_BIN" "$WORK/.bin/rosterform"
export PATH="$WORK/.bin:$PATH" GH_STAND_IN="$WORK/.github-state.json" GITHUB_REPOSITORY=clinic/roster
printf '%s\n' .runner-*/ .rosterform/ .rosterform-ci/ .bin/ .artefacts/ .github-state.json .json.ctx .out .err .sim-port sim.log >.gitignore
git init -q -b main . && git add -A && git -c user.name=ci -c user.email=ci@example.com commit -qm "roster"
commit() { git add -A && git -c user.name=ci -c user.email=ci@example.com commit -qm "$1"; }
gh_state() { python3 -c "import json,sys; s=json.load(open('$GH_STAND_IN')); print($1)"; }

# job WORKFLOW JOB RUN_ID [PR [LABELS]]: runs one job from its workflow file,
# in a fresh clone of the repository at its current commit (a new runner).
job() {
  local runner="$WORK/.runner-$3"
  rm -rf "$runner" && git clone -q "$WORK" "$runner"
  python3 - "$3" "${4:-}" "${5:-}" "$ROSTERFORM_STATE_KEY" "$ROSTERFORM_PG_URL" >"$WORK/.json.ctx" <<'PY'
import json, sys
run, pr, labels, state_key, pg_url = sys.argv[1:6]
print(json.dumps({
    "vars.ROSTERFORM_WORKSPACE || 'default'": "default", "vars.ROSTERFORM_REPO": "",
    "vars.ROSTERFORM_REF": "", "secrets.HEALTHIE_API_KEY": "gh_sbox_demo_admin_key",
    "secrets.ROSTERFORM_STATE_KEY": state_key, "secrets.ROSTERFORM_PG_URL": pg_url,
    "github.token": "stand-in-token", "github.event.pull_request.number": pr,
    "join(github.event.pull_request.labels.*.name, ' ')": labels,
    "github.server_url": "https://github.example", "github.repository": "clinic/roster",
    "github.run_id": run}))
PY
  capture python3 "$SRC/tests/tools/run_workflow_steps.py" "$WF/$1" "$2" \
    --context "$WORK/.json.ctx" --artefacts "$WORK/.artefacts" --run-id "$3" --workdir "$runner"
  [[ ! -e "$runner/.rosterform" ]] || fail "job $1/$2 wrote a local state folder"
}
# merged PR HEAD_SHA RUN_IDS...: what GitHub knows once PR is merged as HEAD (main's new commit).
merged() {
  local pr=$1 head=$2; shift 2
  python3 - "$GH_STAND_IN" "$(git rev-parse HEAD)" "$pr" "$head" "$@" <<'PY'
import json, os, sys
path, sha, pr, head, *runs = sys.argv[1:]
s = json.load(open(path)) if os.path.exists(path) else {}
s.setdefault("pulls", {})[sha] = {"number": int(pr), "merged_at": "2026-12-01T10:00:00Z", "head_sha": head}
s.setdefault("runs", {})[head] = [int(r) for r in runs]
json.dump(s, open(path, "w"))
PY
}

# Start from a managed roster: the first apply adopts the seed's users.
run apply -auto-approve
expect_rc 0 "first apply"

# --- PR 7: edit one client, remove another -----------------------------------
git checkout -q -b pr7
sed -i 's/phone_number: "+1 555 030 0001"/phone_number: "+1 555 030 0999"/' roster/clients-intake.yaml
python3 - roster/clients-intake.yaml <<'PY'
import sys, yaml
path = sys.argv[1]
doc = yaml.safe_load(open(path))
doc["clients"] = [c for c in doc["clients"] if c.get("key") != "intake-2026-002"]
open(path, "w").write("defaults:\n  clients:\n    provider: nora.nguyen@example.com\n    timezone: America/Denver\n"
                      + yaml.safe_dump({"clients": doc["clients"]}, sort_keys=False))
PY
commit "pr7: phone, removal"
job rosterform-plan.yml plan 11 7
expect_rc 0 "plan job for PR 7: $ERR"
expect_eq "$(gh_state 'len(s["comments"]["7"])')" "1"
BODY=$(gh_state 's["comments"]["7"][0]["body"]')
expect_eq "$(head -n 1 <<<"$BODY")" "<!-- rosterform:plan workspace=default -->"
expect_contains "$BODY" " · 1 update · 1 deactivate · "
expect_not_contains "$BODY" "+1 555 030 0999"
expect_eq "$(gh_state '",".join(s["labels"]["7"])')" "rosterform:deactivations"

# A second push: the same comment is updated in place, not duplicated.
sed -i 's/timezone: America\/Denver$/timezone: America\/Phoenix/' roster/clients-intake.yaml
commit "pr7: time zone"
PR7_HEAD=$(git rev-parse HEAD)
job rosterform-plan.yml plan 12 7
expect_rc 0 "second plan job for PR 7: $ERR"
expect_eq "$(gh_state 'len(s["comments"]["7"])')" "1"
BODY2=$(gh_state 's["comments"]["7"][0]["body"]')
[[ "$BODY2" != "$BODY" ]] || fail "the comment was not updated"
expect_contains "$BODY2" "timezone"

# --- PR 8, planned before PR 7 merges ----------------------------------------
git checkout -q main
git checkout -q -b pr8
sed -i 's/first_name: Peter$/first_name: Petra/' roster/staff.yaml
commit "pr8: a name"
PR8_HEAD=$(git rev-parse HEAD)
job rosterform-plan.yml plan 21 8
expect_rc 0 "plan job for PR 8: $ERR"

# --- PR 7 merges: exactly its reviewed plan is applied ------------------------
git checkout -q main && git merge -q --no-ff -m "merge pr7" pr7
merged 7 "$PR7_HEAD" 11 12
export GITHUB_SHA=$(git rev-parse HEAD)
job rosterform-apply.yml apply 31
expect_rc 0 "apply job for PR 7: $ERR"
expect_contains "$OUT$ERR" "Apply complete!"
[[ "$(sim_py '[c["phone_number"] for c in s["clients"] if c.get("email")=="tara.tangerine@example.com"][0]')" == *0999* ]] ||
  fail "the reviewed change was not applied"
HASH7=$(grep -o 'plan hash `[0-9a-f]\{64\}`' <<<"$BODY2" | grep -o '[0-9a-f]\{64\}')
expect_contains "$ERR" "plan hash $HASH7"

# --- PR 8 merges: stale, refused, and told to re-plan --------------------------
git merge -q --no-ff -m "merge pr8" pr8
merged 8 "$PR8_HEAD" 21
export GITHUB_SHA=$(git rev-parse HEAD)
job rosterform-apply.yml apply 32
expect_rc 1 "apply job for PR 8"
expect_contains "$ERR" "is stale"
NOTE=$(gh_state '[c["body"] for c in s["comments"]["8"] if c["body"].startswith("<!-- rosterform:apply")][0]')
expect_contains "$NOTE" "Merging did not apply the reviewed plan."
expect_contains "$NOTE" "is stale"
expect_contains "$NOTE" "re-plan the default branch in a new pull request"
expect_eq "$(gh_state 'len(s["comments"]["8"])')" "2"
[[ "$(sim_py '[u["first_name"] for u in s["members"] if u["email"]=="peter.provider@example.com"][0]')" == "Peter" ]] ||
  fail "the stale plan was applied"

# --- drift: an edit in Healthie opens an issue; adopting it closes it ----------
unset GITHUB_SHA
job rosterform-drift.yml drift 41
expect_rc 0 "drift job, no drift: $ERR"
expect_eq "$(gh_state 'len(s["issues"])')" "0"
curl -sf -H 'Authorization: Basic gh_sbox_demo_admin_key' -H 'AuthorizationSource: API' \
  -H 'Content-Type: application/json' "$SIM_URL" \
  -d '{"query":"mutation { updateClient(input: {id: \"5001\", phone_number: \"555-777-0001\"}) { user { id } } }"}' >/dev/null \
  || fail "could not edit the client in the simulator"
job rosterform-drift.yml drift 42
expect_rc 0 "drift job, drift: $ERR"
expect_eq "$(gh_state 'len([i for i in s["issues"] if i["state"] == "open"])')" "1"
expect_contains "$(gh_state 's["issues"][0]["body"]')" "phone_number changed outside rosterform"
expect_not_contains "$(gh_state 's["issues"][0]["body"]')" "555-777-0001"
expect_eq "$(gh_state '",".join(s["issues"][0]["labels"])')" "rosterform:drift"
job rosterform-drift.yml drift 43
expect_eq "$(gh_state 'len(s["issues"])')" "1"  # updated, not a second issue
grep -rl '555-020-0001\|555 020 0001' roster/ >/dev/null || fail "the example roster changed: update this test"
sed -i 's/"555-020-0001"/"555-777-0001"/; s/555-020-0001$/555-777-0001/' $(grep -rl '555-020-0001' roster/)
commit "roster: adopt the phone number changed in Healthie"
job rosterform-drift.yml drift 44
expect_rc 0 "drift job after the roster adopted the change: $ERR"
expect_eq "$(gh_state 's["issues"][0]["state"]')" "closed"
echo "ok: PR comment in place, exact apply, stale refusal, drift issue opened and closed"
