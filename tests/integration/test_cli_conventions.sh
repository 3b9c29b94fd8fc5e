#!/usr/bin/env bash
# Command-line conventions (issue 16 point 4): every usage error starts
# "rosterform: error:", names the command and suggests the nearest command
# or flag; `rosterform help [COMMAND]`; the global -chdir=DIR; "no state"
# outside a workspace; help defaults that match the docs.
source "$(dirname "$0")/lib.sh"

# Unknown commands, with and without a near miss.
run plna
expect_rc 1
expect_eq "$ERR" "rosterform: error: unknown command 'plna'; did you mean 'plan'?
Run 'rosterform help' for the list of commands."
expect_eq "$OUT" ""

run stat list
expect_rc 1
expect_eq "$ERR" "rosterform: error: unknown command 'stat'; did you mean 'state'?
Run 'rosterform help' for the list of commands."

run zzzzzzzz
expect_rc 1
expect_eq "$ERR" "rosterform: error: unknown command 'zzzzzzzz'
Run 'rosterform help' for the list of commands."

# A value that does not look like a name is never repeated (it could be PHI).
run "alice@example.com"
expect_rc 1
expect_eq "$ERR" "rosterform: error: unknown command (an argument that is not a command name)
Run 'rosterform help' for the list of commands."

# Subcommands.
run state lst
expect_rc 1
expect_eq "$ERR" "rosterform: error: state: unknown subcommand 'lst'; did you mean 'list'?
Run 'rosterform help state' for its subcommands and flags."

run state
expect_rc 1
expect_eq "$ERR" "rosterform: error: state: a subcommand is required: list, show, rm, init, history, rollback, keygen or migrate
Run 'rosterform help state' for its subcommands and flags."

run audit
expect_rc 1
expect_eq "$ERR" "rosterform: error: audit: a subcommand is required: verify
Run 'rosterform help audit' for its subcommands and flags."

# Flags: the nearest flag of that command, in the single-dash spelling.
run plan -outt=plan.bin
expect_rc 1
expect_eq "$ERR" "rosterform: error: plan: unknown flag '-outt'; did you mean '-out'?
Run 'rosterform help plan' for its flags."

run apply --auto-aprove
expect_rc 1
expect_eq "$ERR" "rosterform: error: apply: unknown flag '-auto-aprove'; did you mean '-auto-approve'?
Run 'rosterform help apply' for its flags."

run state list -stat=x.json
expect_rc 1
expect_eq "$ERR" "rosterform: error: state list: unknown flag '-stat'; did you mean '-state'?
Run 'rosterform help state list' for its flags."

run plan -chdir=somewhere
expect_rc 1
expect_eq "$ERR" "rosterform: error: plan: -chdir is a global flag: write it before the command (rosterform -chdir=DIR plan)"

run plan extra
expect_rc 1
expect_eq "$ERR" "rosterform: error: plan: unexpected argument 'extra'
Run 'rosterform help plan' for its flags."

run plan -parallelism=many
expect_rc 1
expect_eq "$ERR" "rosterform: error: plan: -parallelism needs a whole number, not 'many'
Run 'rosterform help plan' for its flags."

run plan -out
expect_rc 1
expect_eq "$ERR" "rosterform: error: plan: -out needs a value (-out=VALUE)
Run 'rosterform help plan' for its flags."

run state show
expect_rc 1
expect_eq "$ERR" "rosterform: error: state show: the argument handle is required
Run 'rosterform help state show' for its flags."

# help [COMMAND]
run help
expect_rc 0
expect_contains "$OUT" "rosterform keeps a Healthie roster"
expect_contains "$OUT" "help"
expect_contains "$OUT" "-chdir"
run help plan
expect_rc 0
expect_contains "$OUT" "Show the changes that would make Healthie match the roster"
expect_contains "$OUT" "--out"
run help state list
expect_rc 0
expect_contains "$OUT" "List a handle for each managed user"
run help plna
expect_rc 1
expect_eq "$ERR" "rosterform: error: help: unknown command 'plna'; did you mean 'plan'?
Run 'rosterform help' for the list of commands."

# Help defaults are the real ones (docs/cli.md lists the same).
run help plan
expect_contains "$OUT" "Requests in flight at once (default 16)"
expect_contains "$OUT" "How long to wait for the state lock, e.g. 30s or 5m (default 0s)"

# -chdir=DIR works for every command, before it.
mkdir -p ws/roster
cp "$ROSTERFORM_SOURCE_DIR/examples/rosterform.yaml" ws/
cp -r "$ROSTERFORM_SOURCE_DIR/examples/roster/." ws/roster/
run -chdir=ws validate
expect_rc 0
expect_contains "$OUT" "The roster is valid"
run -chdir ws validate
expect_rc 0
run validate ws
expect_rc 0
run -chdir=no-such-folder validate
expect_rc 1
expect_eq "$ERR" "rosterform: error: -chdir=no-such-folder: cannot enter that folder: No such file or directory"

# Outside a workspace: the hint names the forms that work.
run validate
expect_rc 1
expect_contains "$ERR" "rosterform.yaml: error: no workspace file here: run rosterform in the folder that holds rosterform.yaml, or name that folder (rosterform -chdir=DIR plan, rosterform validate DIR)"

# No state: state list, state show and show say so instead of inventing one.
run state list
expect_rc 1
expect_eq "$ERR" "rosterform: error: no state at .rosterform/state.json: nothing is managed yet (rosterform import adopts an existing account; rosterform apply creates the state)"
run -chdir=ws state show staff.nora.nguyen@example.com
expect_rc 1
expect_eq "$ERR" "rosterform: error: no state at .rosterform/state.json: nothing is managed yet (rosterform import adopts an existing account; rosterform apply creates the state)"
run show
expect_rc 1
expect_eq "$ERR" "rosterform: error: no state at .rosterform/state.json: nothing is managed yet (rosterform import adopts an existing account; rosterform apply creates the state)"

# -json: every failure is one JSON object with diagnostics on stdout, exit
# code unchanged. Roster errors keep their locations.
json_check() {  # json_check PYTHON-ASSERTION
  python3 -c "import json,sys; j=json.load(sys.stdin); $1" <<<"$OUT" || fail "bad -json failure object: $OUT"
}
run plan -json
expect_rc 1
json_check 'assert j["format_version"]=="1.0" and j["valid"] is False and j["error_count"]==1, j; d=j["diagnostics"]; assert d[0]["file"]=="rosterform.yaml" and d[0]["line"]==0 and d[0]["severity"]=="error", d; assert d[0]["message"].startswith("no workspace file here"), d'
expect_eq "$ERR" ""
unset HEALTHIE_API_KEY
run -chdir=ws plan -json
expect_rc 1
json_check 'assert j["diagnostics"]==[{"severity":"error","message":"no API key: set the environment variable HEALTHIE_API_KEY (named by healthie.api_key_env in rosterform.yaml) to a Healthie API key","text":"rosterform: error: no API key: set the environment variable HEALTHIE_API_KEY (named by healthie.api_key_env in rosterform.yaml) to a Healthie API key"}], j'
run -chdir=ws show -json
expect_rc 1
json_check 'assert j["diagnostics"][0]["message"].startswith("no state at .rosterform/state.json"), j'
# A network failure (nothing listens on the port).
HEALTHIE_API_KEY=gh_sbox_demo_admin_key ROSTERFORM_ENDPOINT=http://127.0.0.1:9/graphql run -chdir=ws plan -json
expect_rc 1
json_check 'assert j["valid"] is False and len(j["diagnostics"])==1 and j["diagnostics"][0]["severity"]=="error", j'

# NO_COLOR follows no-color.org: set and not empty disables colour; empty
# does not. Colour needs a terminal, so plan runs under script(1).
if command -v script >/dev/null; then
  start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0
  export ROSTERFORM_ENDPOINT="$SIM_URL" HEALTHIE_API_KEY=gh_sbox_demo_admin_key
  tty_plan() { script -qec "env $1 $ROSTERFORM_BIN -chdir=ws plan" /dev/null; }
  sgr=$'\x1b\[[0-9;]*m'  # colour (a progress line's ESC [ K is not colour)
  [[ "$(tty_plan NO_COLOR=)" =~ $sgr ]] || fail "NO_COLOR= (empty) must not disable colour"
  [[ ! "$(tty_plan NO_COLOR=1)" =~ $sgr ]] || fail "NO_COLOR=1 must disable colour"
  [[ "$(tty_plan "-u NO_COLOR")" =~ $sgr ]] || fail "colour on a terminal by default"
fi

echo "cli conventions: ok"
