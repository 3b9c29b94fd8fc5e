#!/usr/bin/env bash
# Three CI runners, one team state: each runner is a fresh clone of one
# roster repository (no .rosterform/ ever), all pointed at the simulator and
# at one throw-away PostgreSQL (tests/pg/cluster.sh).
#   runner 1 applies the roster;
#   runner 2 removes a client, plans exactly one deactivation, applies it;
#   runner 3 plans "No changes." (exit 0);
#   two applies at once: the second is refused, naming the first;
#   a SIGKILLed apply's lock frees itself, and its journal is folded in;
#   a pg_dump of the database holds no planted PHI and not the state key.
source "$(dirname "$0")/lib.sh"
source "$ROSTERFORM_SOURCE_DIR/tests/pg/cluster.sh"
trap 'pg_cluster_stop; cleanup' EXIT
pg_cluster_start || fail "could not start PostgreSQL"
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0 --latency-ms 60
use_examples
export ROSTERFORM_STATE_KEY
ROSTERFORM_STATE_KEY=$("$ROSTERFORM_BIN" state keygen 2>/dev/null || true)

# The repository every runner clones: the examples, with team state.
mkdir repo && mv rosterform.yaml roster roster.schema.json healthie-seed.json repo/
python3 - repo/rosterform.yaml <<'PY'
import sys, re
p = sys.argv[1]
s = open(p).read()
s = s.replace("  backend: local\n  path: .rosterform/state.json\n",
              "  backend: postgres\n  workspace: clinic-prod\n  key_env: ROSTERFORM_STATE_KEY\n")
open(p, "w").write(s)
PY
grep -q "backend: postgres" repo/rosterform.yaml || fail "could not switch the example to postgres"
git -C repo init -q && git -C repo add -A && git -C repo -c user.email=ci@example.com -c user.name=ci commit -qm roster
runner() { rm -rf "$WORK/$1"; git clone -q "$WORK/repo" "$WORK/$1"; }
in_runner() { local r=$1; shift; capture env -C "$WORK/$r" "$ROSTERFORM_BIN" "$@"; }

# Runner 1 applies the roster while runner 2 tries the same: refused, named.
runner r1
runner r2
(cd r1 && exec "$ROSTERFORM_BIN" apply -auto-approve -parallelism=1) >"$WORK/r1.out" 2>&1 &
first=$!
for _ in $(seq 1 200); do
  held=$(pg_cluster_psql -tA -c "SELECT count(*) FROM rosterform.lock_holders" 2>/dev/null || echo 0)
  [[ $held == 1 ]] && break; sleep 0.05
done
[[ $held == 1 ]] || fail "runner 1 never took the lock: $(cat "$WORK/r1.out")"
in_runner r2 apply -auto-approve
expect_rc 1 "a second apply while runner 1 holds the lock"
expect_contains "$ERR" "the state of workspace 'clinic-prod' in PostgreSQL (schema rosterform) is locked by another run"
expect_contains "$ERR" "Operation: apply"
expect_contains "$ERR" "(pid $first)"
expect_contains "$ERR" "(still running"
wait "$first" || fail "runner 1's apply failed: $(cat "$WORK/r1.out")"
[[ ! -e r1/.rosterform ]] || fail "runner 1 wrote a local state folder"

# Runner 2, a fresh clone with no .rosterform/, removes one client: exactly one deactivation.
runner r2
python3 - r2/roster/clients-peter.yaml <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
start = s.index("  - <<: *chicago\n    record_identifier: MSN-0012")
end = s.index("  - <<: *chicago", start + 1)
open(p, "w").write(s[:start] + s[end:])
PY
in_runner r2 plan -out=plan.bin
expect_rc 0 "runner 2's plan"
expect_contains "$OUT" "0 to create, 0 to update, 1 to deactivate"
expect_not_contains "$OUT" "adopt"
in_runner r2 apply plan.bin
expect_rc 0 "runner 2 applies its saved plan"
active=$(sim_py "[c['active'] for c in s['clients'] if c.get('record_identifier') == 'MSN-0012'][0]")
expect_eq "$active" "False"
git -C r2 -c user.email=ci@example.com -c user.name=ci commit -qam "remove MSN-0012"
git -C r2 push -q "$WORK/repo" HEAD:refs/heads/tmp && git -C repo merge -q --ff-only tmp

# Runner 3, another fresh clone, sees nothing to do.
runner r3
in_runner r3 plan -detailed-exitcode
expect_rc 0 "runner 3's plan"
expect_contains "$OUT" "No changes."

# A SIGKILLed apply: its lock frees itself with its session, and what it
# made is in the database journal, folded in by the next run.
runner r4
sed -i 's/555-020-0002/555-020-9002/; s/555-020-0003/555-020-9003/; s/555-020-0013/555-020-9013/' r4/roster/clients-peter.yaml
(cd r4 && exec "$ROSTERFORM_BIN" apply -auto-approve -parallelism=1) >"$WORK/r4.out" 2>&1 &
victim=$!
for _ in $(seq 1 200); do
  rows=$(pg_cluster_psql -tA -c "SELECT count(*) FROM rosterform.journal WHERE entry LIKE '%\"upsert\"%'" 2>/dev/null || echo 0)
  [[ $rows -ge 1 ]] && break; sleep 0.02
done
kill -9 "$victim"; wait "$victim" 2>/dev/null || true
in_runner r4 apply -auto-approve -lock-timeout=10s
expect_rc 0 "the next apply after a SIGKILL (no force-unlock)"
in_runner r4 plan -detailed-exitcode
expect_rc 0 "everything converged"
phones=$(sim_py "sorted(c.get('phone_number') for c in s['clients'] if c.get('record_identifier') in ('MSN-0002','MSN-0003','MSN-0013'))")
expect_eq "$phones" "['555-020-9002', '555-020-9003', '555-020-9013']"
remaining=$(pg_cluster_psql -tA -c "SELECT count(*) FROM rosterform.journal")
expect_eq "$remaining" "0"

# History and the audit chain are in the database.
in_runner r3 state history
expect_rc 0 "state history"
expect_contains "$OUT" "(current)"
current=$(pg_cluster_psql -tA -c "SELECT serial FROM rosterform.workspaces WHERE name = 'clinic-prod'")
previous=$(pg_cluster_psql -tA -c "SELECT serial FROM rosterform.state_versions WHERE serial < $current ORDER BY serial DESC LIMIT 1")
[[ -n $previous ]] || fail "no earlier version kept"
in_runner r3 state rollback "$previous"
expect_rc 1 "rollback without a terminal or -auto-approve"
expect_contains "$ERR" "state rollback needs approval, and there is no terminal to ask on: pass -auto-approve"
in_runner r3 state rollback -auto-approve "$previous"
expect_rc 0 "rollback"
expect_contains "$OUT" "Restored serial $previous as serial $((current + 1)). Healthie was not changed"
in_runner r3 state history -limit 1
expect_contains "$OUT" "state rollback"
expect_contains "$OUT" "(current)"
# Put the newest version back the same way, so the checks below see it.
in_runner r3 state rollback -auto-approve "$current"
expect_rc 0 "rollback to the newest version"
in_runner r3 audit verify
expect_rc 0 "audit verify"
expect_contains "$OUT" "chain intact"

# A pg_dump holds neither PHI nor the key.
"$PG_CLUSTER_BIN/pg_dump" -d postgres >"$WORK/dump.sql"
[[ -s "$WORK/dump.sql" ]] || fail "pg_dump wrote nothing"
grep -q "state_versions" "$WORK/dump.sql" || fail "the dump has no state"
planted=$(python3 - "$WORK/repo/roster" <<'PY'
import sys, re, pathlib
values = set()
for f in pathlib.Path(sys.argv[1]).glob("clients-*.yaml"):
    for line in f.read_text().splitlines():
        m = re.match(r"\s*-?\s*(email|first_name|last_name|dob|phone_number):\s*\"?([^\"#]+?)\"?\s*$", line)
        if m:
            values.add(m.group(2))
print("\n".join(sorted(values)))
PY
)
[[ $(wc -l <<<"$planted") -ge 20 ]] || fail "too few planted values: $planted"
# The rows themselves (COPY blocks), without the dump's SQL around them, in
# which a surname such as "Date" would match "DateStyle".
awk '/^COPY /{on=1; next} /^\\\.$/{on=0} on' "$WORK/dump.sql" >"$WORK/rows.txt"
[[ -s "$WORK/rows.txt" ]] || fail "the dump has no rows"
while IFS= read -r v; do
  if grep -qiwF -- "$v" "$WORK/rows.txt"; then fail "the dump contains a PHI value: $v"; fi
done <<<"$planted"
if [[ -n $ROSTERFORM_STATE_KEY ]] && grep -qF -- "$ROSTERFORM_STATE_KEY" "$WORK/dump.sql"; then
  fail "the dump contains the state key"
fi
echo "ok"
