#!/usr/bin/env bash
# Progress (issue 16 point 1) against a slow simulator: off a terminal a line
# per phase, one at least every interval of a long phase, one per finished
# change; on a terminal one live line redrawn in place; none with
# -progress=none. Progress is on stderr only, and never holds PHI.
source "$(dirname "$0")/lib.sh"
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0 --latency-ms 700
use_examples
export ROSTERFORM_PROGRESS_INTERVAL=500ms

PHI=("Alice" "alice.apple@example.com" "1985-02-14" "MSN-0001" "555-020-0001")
no_phi() { for v in "${PHI[@]}"; do [[ "$1" != *"$v"* ]] || fail "PHI '$v' in progress"; done; }

# Plain (stderr is a file, so auto is plain).
run plan -no-color
expect_rc 0
expect_contains "$ERR" "Reading staff members…"
expect_contains "$ERR" "Reading clients…"
[[ "$ERR" =~ Read\ [0-9]+\ staff\ members\ in\ [0-9.]+\ s ]] || fail "no end-of-phase line: $ERR"
[[ "$ERR" =~ Read\ [0-9,]+\ clients\ in\ [0-9.]+\ s ]] || fail "no end-of-phase line: $ERR"
# A phase longer than the interval says it is still going, with the total
# the server's counts gave (3 members, 5 clients in the seed).
[[ "$ERR" =~ Reading\ (staff\ members…\ 3\ of\ 3|clients…\ 5\ of\ 5),\ [0-9]+\ s ]] || fail "no periodic line: $ERR"
[[ "$ERR" != *$'\r'* ]] || fail "a carriage return off a terminal"
expect_not_contains "$OUT" "Reading"
no_phi "$ERR"

# Machine formats on stdout are unchanged.
run plan -json
expect_rc 0
python3 -c 'import json,sys; json.load(sys.stdin)' <<<"$OUT" || fail "plan -json stdout is not one JSON document"
expect_contains "$ERR" "Reading clients…"

run plan -progress=none -no-color
expect_rc 0
expect_not_contains "$ERR" "Reading"
expect_not_contains "$ERR" "Read "

run plan -progress=sometimes
expect_rc 1
expect_eq "$ERR" "rosterform: error: invalid value for -progress: use auto, plain or none (got 'sometimes')"

# Apply: the plan once, then a line per finished change, then the summary.
run apply -auto-approve -progress=plain -no-color
expect_rc 0
expect_contains "$ERR" "  + staff.nora.nguyen@example.com: created after "
[[ "$ERR" =~ Finished\ ([0-9]+)\ of\ ([0-9]+)\ changes\ in ]] || fail "no end of apply: $ERR"
[[ "${BASH_REMATCH[1]}" == "${BASH_REMATCH[2]}" ]] || fail "not every change finished: $ERR"
changes=${BASH_REMATCH[2]}
finished=$(grep -cE '^  [-+~^</] .*: (created|updated|deactivated|reactivated|adopted|forgotten) after ' <<<"$ERR" || true)
expect_eq "$finished" "$changes"
[[ $(grep -c "rosterform will perform the following actions" <<<"$OUT") == 1 ]] || fail "apply printed the plan more than once"
expect_contains "$(tail -n 1 <<<"$OUT")" "Apply complete!"
no_phi "$ERR"

# Live, on a terminal: one line redrawn with CR and erase-line.
if command -v script >/dev/null; then
  tty_err=$(script -qec "$ROSTERFORM_BIN plan -no-color 2>&1 >/dev/null" /dev/null)
  # After the apply: 4 members and 30 clients, read in several pages.
  [[ "$tty_err" == *$'\r\x1b[K'"Reading clients… "* ]] || fail "no live line on a terminal: $(cat -v <<<"$tty_err")"
  [[ "$tty_err" =~ $'\r\x1b[K'Reading\ clients…\ 30\ of\ 30,\ [0-9]+\ s ]] || fail "no client total on a terminal: $(cat -v <<<"$tty_err")"
  [[ "$tty_err" =~ $'\r\x1b[K'Reading\ staff\ members…\ 4\ of\ 4,\ [0-9]+\ s ]] || fail "no staff total on a terminal: $(cat -v <<<"$tty_err")"
  [[ "$tty_err" =~ Read\ [0-9,]+\ clients\ in ]] || fail "no end-of-phase line on a terminal"
  tty_none=$(script -qec "$ROSTERFORM_BIN plan -no-color -progress=none 2>&1 >/dev/null" /dev/null)
  [[ "$tty_none" != *"Reading"* ]] || fail "-progress=none on a terminal"
fi
# The baseline API (offset pages) knows the total from usersCount, too.
if command -v script >/dev/null; then
  sed -i 's/api_version: "2026-07-01"/api_version: "2024-06-01"/' rosterform.yaml
  tty_err=$(script -qec "$ROSTERFORM_BIN plan -no-color 2>&1 >/dev/null" /dev/null)
  [[ "$tty_err" =~ $'\r\x1b[K'Reading\ clients…\ 30\ of\ 30,\ [0-9]+\ s ]] || fail "no client total on the baseline API: $(cat -v <<<"$tty_err")"
  [[ "$tty_err" =~ $'\r\x1b[K'Reading\ staff\ members…\ 4\ of\ 4,\ [0-9]+\ s ]] || fail "no staff total on the baseline API: $(cat -v <<<"$tty_err")"
fi
echo "progress: ok"
