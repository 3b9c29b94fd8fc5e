#!/usr/bin/env bash
# `rosterform init` (issue 16 point 3): a commented rosterform.yaml, the
# schema beside it, .gitignore entries; never overwrites; `init -import`
# imports in the same run, adding the include it needs; an import that fails
# leaves nothing behind.
source "$(dirname "$0")/lib.sh"

mkdir fresh && cd fresh
printf 'node_modules/\n' > .gitignore
run init
expect_rc 0
expect_eq "$OUT" "Created rosterform.yaml and roster.schema.json; .gitignore now ignores .rosterform/, *.tfplan, *.plan.bin.
Next: export HEALTHIE_API_KEY=<an organization admin's API key>, then rosterform import (or write roster files and add them to include:)."
expect_eq "$(head -n 1 rosterform.yaml)" "# yaml-language-server: \$schema=./roster.schema.json"
grep -q '^  api_key_env: HEALTHIE_API_KEY' rosterform.yaml || fail "no api_key_env in rosterform.yaml"
grep -q '^include: \[\]' rosterform.yaml || fail "no include: in rosterform.yaml"
expect_eq "$(cat .gitignore)" "node_modules/
.rosterform/
*.tfplan
*.plan.bin"
cmp -s roster.schema.json <("$ROSTERFORM_BIN" schema) || fail "roster.schema.json is not rosterform schema's output"
run validate
expect_rc 0 "a fresh workspace validates"

run init
expect_rc 1
expect_eq "$ERR" "rosterform: error: rosterform.yaml already exists: init never overwrites a file (this folder is already a workspace? run rosterform validate)"
cd ..

# init -import: one run, and the next plan has nothing to do.
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0
export ROSTERFORM_ENDPOINT="$SIM_URL" HEALTHIE_API_KEY=gh_sbox_demo_admin_key
mkdir account && cd account
run init -import -progress=none
expect_rc 0 "init -import"
expect_contains "$OUT" "Imported 3 staff into roster/staff.yaml and 5 clients into roster/clients.yaml; 8 users adopted into the state."
expect_contains "$ERR" "rosterform: added roster/staff.yaml and roster/clients.yaml to include: in ./rosterform.yaml"
grep -q '^include: \[roster/staff.yaml, roster/clients.yaml\]' rosterform.yaml || fail "import did not add its include: $(grep include rosterform.yaml)"
run validate
expect_rc 0
run plan -detailed-exitcode -no-color
expect_rc 0 "plan after init -import"
expect_eq "$(tail -n 1 <<<"$OUT")" "No changes."
cd ..

# An import that cannot succeed writes nothing.
mkdir broken && cd broken
cat > rosterform.yaml <<'YAML'
version: 1
healthie:
  api_key_env: HEALTHIE_API_KEY
include: [roster/*.yaml, extra/*.yaml]
YAML
mkdir extra
cat > extra/dup.yaml <<'YAML'
staff:
  - email: olivia.owner@example.com
    first_name: Olivia
    last_name: Owner
YAML
cp rosterform.yaml rosterform.yaml.before
run import -progress=none
expect_rc 1 "import into a roster that duplicates an imported member"
expect_contains "$ERR" "the files import wrote were removed"
[[ ! -e roster/staff.yaml && ! -e roster/clients.yaml ]] || fail "a failed import left roster files"
cmp -s rosterform.yaml rosterform.yaml.before || fail "a failed import changed rosterform.yaml"
[[ ! -e .rosterform/state.json ]] || fail "a failed import saved a state"
echo "init: ok"
