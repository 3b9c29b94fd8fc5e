#!/usr/bin/env bash
# `rosterform validate` end to end through the real binary: every example is
# valid, every invalid fixture prints exactly its expected diagnostics, -json
# says the same for machines, paths read as typed, and no client PHI leaks.
# No simulator: validate never touches the network.
source "$(dirname "$0")/lib.sh"

SRC=$ROSTERFORM_SOURCE_DIR

# --- the examples -----------------------------------------------------------
cp -r "$SRC/examples" "$WORK/examples"
run validate "$WORK/examples"
expect_rc 0 "examples"
expect_eq "$OUT" "The roster is valid: 4 staff members, 30 clients in 5 files."
expect_eq "$ERR" ""

(cd "$WORK/examples" && "$ROSTERFORM_BIN" validate >"$WORK/.out" 2>&1) || fail "validate in the folder, without DIR"
expect_eq "$(cat "$WORK/.out")" "The roster is valid: 4 staff members, 30 clients in 5 files."

for dash in -json --json; do
  run validate "$WORK/examples" "$dash"
  expect_rc 0 "validate $dash"
  "$NODE" -e '
    const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
    if (r.valid !== true || r.error_count !== 0 || r.diagnostics.length !== 0) process.exit(1);
    if (r.roster.staff !== 4 || r.roster.clients !== 30 || r.roster.files.length !== 5) process.exit(2);
  ' <<<"$OUT" || fail "validate $dash: unexpected JSON: $OUT"
done

# --- every invalid fixture, exactly ----------------------------------------
count=0
for fixture in "$SRC"/tests/fixtures/invalid/*/; do
  name=$(basename "$fixture")
  cp -r "$fixture" "$WORK/$name"
  pushd "$WORK/$name" >/dev/null
  run validate
  popd >/dev/null
  expect_rc 1 "fixture $name"
  expect_eq "$OUT" ""
  # stderr: the diagnostics, then one summary line.
  expect_eq "$(sed '$d' <<<"$ERR")" "$(cat "$fixture/expected.txt" | sed '/^$/d')"
  expect_contains "$(tail -n 1 <<<"$ERR")" "rosterform: the roster is invalid: "
  count=$((count + 1))
done
((count >= 30)) || fail "only $count invalid fixtures"

# The summary counts errors and warnings.
cd "$WORK/yaml-syntax-error"
run validate
expect_eq "$(tail -n 1 <<<"$ERR")" "rosterform: the roster is invalid: 2 errors, 0 warnings"
cd "$WORK"

# Paths read as the user typed the folder.
run validate yaml-syntax-error/
expect_rc 1
expect_contains "$ERR" "yaml-syntax-error/roster/clients.yaml:3:4: error: invalid YAML: end of sequence not found"
run validate ./no-workspace-file
expect_eq "$(head -n 1 <<<"$ERR")" "no-workspace-file/rosterform.yaml: error: no workspace file here: run rosterform in the folder that holds rosterform.yaml, or name that folder (rosterform -chdir=DIR plan, rosterform validate DIR)"

# -json carries the same lines.
run validate errors-in-many-files -json
expect_rc 1
"$NODE" -e '
  const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const want = process.argv[1].trim().split("\n").map(l => "errors-in-many-files/" + l);
  const got = r.diagnostics.map(d => d.text);
  if (r.valid !== false || r.error_count !== want.length) { console.error("counts", r); process.exit(1); }
  if (JSON.stringify(got) !== JSON.stringify(want)) { console.error(got, want); process.exit(2); }
  const d = r.diagnostics[0];
  if (d.file !== "errors-in-many-files/roster/a-staff.yaml" || d.line !== 5 || d.column !== 15 || d.severity !== "error") process.exit(3);
' "$(cat "$SRC/tests/fixtures/invalid/errors-in-many-files/expected.txt")" <<<"$OUT" || fail "validate -json: $OUT"

# --- client PHI never appears in the output --------------------------------
mkdir -p "$WORK/phi/roster"
cat >"$WORK/phi/rosterform.yaml" <<'YAML'
version: 1
policy: {require_provider_for_clients: false}
include: [roster/*.yaml]
YAML
cat >"$WORK/phi/roster/clients.yaml" <<'YAML'
clients:
  - email: Philomena.Plant@example
    first_name: Philomena
    last_name: Plantagenet
    dob: 1899-02-30
    record_identifier: MRN-PLANT-4242
    phone_number: 555-PLANT-99
    timezone: Atlantis/Plant_City
    gender: [Plantgender]
    Philomena Plantagenet: 1
  - {email: p2@example.com, first_name: Philomena, last_name: Plantagenet, record_identifier: MRN-PLANT-4242}
  - {email: p3@example.com, first_name: Philomena, last_name: Plantagenet, key: plantkey, previously: [plantkey]}
YAML
for flag in "" "-json"; do
  run validate "$WORK/phi" $flag
  expect_rc 1 "phi $flag"
  for value in Philomena Plantagenet Philomena.Plant@example 1899-02-30 MRN-PLANT-4242 555-PLANT-99 Atlantis/Plant_City Plantgender plantkey; do
    expect_not_contains "$OUT$ERR" "$value"
  done
done
run validate "$WORK/phi"
[[ $(grep -c ': error: ' <<<"$ERR") -ge 8 ]] || fail "expected at least 8 errors for the PHI roster: $ERR"

# --- the JSON Schema --------------------------------------------------------
run schema
expect_rc 0 "schema"
printf '%s\n' "$OUT" >"$WORK/roster.schema.json"
cmp -s "$WORK/roster.schema.json" "$SRC/examples/roster.schema.json" ||
  fail "examples/roster.schema.json is stale: regenerate it with 'rosterform schema > examples/roster.schema.json'"
"$NODE" -e '
  const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (s["$schema"] !== "http://json-schema.org/draft-07/schema#") process.exit(1);
  const c = s.definitions.client.properties, m = s.definitions.staff_member.properties;
  for (const f of ["email", "first_name", "last_name", "record_identifier", "dob", "phone_number", "timezone", "provider", "active", "key", "previously"]) if (!c[f]) { console.error("client", f); process.exit(2); }
  for (const f of ["email", "org_role", "is_admin", "reassign_clients_to"]) if (!m[f]) { console.error("staff", f); process.exit(3); }
  if (JSON.stringify(m.org_role.enum) !== JSON.stringify(["Standard", "Support"])) process.exit(4);
  if (c.dob["x-sensitivity"] !== "phi" || c.provider["x-healthie-input"] !== "dietitian_id") process.exit(5);
' "$WORK/roster.schema.json" || fail "schema content"

# Every example file conforms to the schema, when a validator is at hand.
if python3 -c 'import jsonschema, yaml' 2>/dev/null; then
  python3 - "$WORK/roster.schema.json" "$SRC"/examples/rosterform.yaml "$SRC"/examples/roster/*.yaml <<'PY' || fail "an example does not conform to the JSON Schema"
import json, sys, yaml, jsonschema
schema = json.load(open(sys.argv[1]))
for path in sys.argv[2:]:
    # PyYAML reads dates as dates; editors (YAML 1.2) read them as strings.
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda l, n: l.construct_scalar(n))
    jsonschema.validate(yaml.load(open(path), Loader=Loader), schema)
PY
else
  echo "note: python3 jsonschema/yaml not installed; examples not checked against the schema" >&2
fi

echo "ok: validate examples, $count invalid fixtures, -json, PHI, schema"
