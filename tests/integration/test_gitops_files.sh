#!/usr/bin/env bash
# examples/gitops/ as CI would read it, since GitHub and GitLab cannot be
# reached from here (docs/gitops.md):
#   - each GitHub workflow validates against the published workflow schema
#     (@action-validator/cli, installed by scripts/bootstrap from
#     tests/workflow_lint/package-lock.json);
#   - every `run:` step is one call of an executable script in ci/, so a test
#     can extract the steps and run them against stand-ins; the only actions
#     used are checkout and upload/download-artifact;
#   - .gitlab-ci.yml parses and has its three jobs, each calling scripts that exist;
#   - every script parses, and the example workspace is a valid roster.
source "$(dirname "$0")/lib.sh"
SRC=$ROSTERFORM_SOURCE_DIR
EX=$SRC/examples/gitops
VALIDATOR=$SRC/tests/workflow_lint/node_modules/.bin/action-validator
[[ -x "$VALIDATOR" ]] || fail "$VALIDATOR is missing: run scripts/bootstrap"

count=0
for wf in "$EX"/.github/workflows/*.yml; do
  out=$(cd "$EX" && "${NODE:-node}" "$VALIDATOR" "$wf" 2>&1) || fail "$(basename "$wf") does not match the workflow schema: $out"
  count=$((count + 1))
done
((count == 3)) || fail "expected 3 workflows, found $count"

# The validator does reject a broken workflow (so a pass means something).
printf 'on: push\njobs:\n  a:\n    runs-onn: ubuntu-latest\n    steps:\n      - run: ci/plan.sh\n' >broken.yml
if "${NODE:-node}" "$VALIDATOR" broken.yml >/dev/null 2>&1; then fail "the validator accepts a broken workflow"; fi

python3 - "$EX" <<'PY' || fail "the workflow steps or the GitLab file are not as docs/gitops.md says"
import os, re, sys, yaml
ex = sys.argv[1]
step = re.compile(r"^(ci/[a-z/-]+\.sh)( \S+)?$")
allowed = {"actions/checkout@v4", "actions/upload-artifact@v4", "actions/download-artifact@v4"}

def script_exists(command, where):
    m = step.match(command.strip())
    assert m, f"{where}: {command!r} is not one call of a ci/ script"
    path = os.path.join(ex, m.group(1))
    assert os.access(path, os.X_OK), f"{where}: {m.group(1)} is not an executable script"

flows = {}
for name in sorted(os.listdir(os.path.join(ex, ".github/workflows"))):
    wf = yaml.safe_load(open(os.path.join(ex, ".github/workflows", name)))
    flows[name] = wf
    for job_name, job in wf["jobs"].items():
        for s in job["steps"]:
            where = f"{name}:{job_name}:{s.get('name', s.get('uses'))}"
            if "uses" in s:
                assert s["uses"] in allowed, f"{where}: third-party action {s['uses']}"
            else:
                script_exists(s["run"], where)

on = lambda wf: wf.get("on", wf.get(True))  # PyYAML reads a bare `on` as True
assert "pull_request" in on(flows["rosterform-plan.yml"])
assert on(flows["rosterform-apply.yml"])["push"]["branches"] == ["main"]
assert "schedule" in on(flows["rosterform-drift.yml"])
apply = flows["rosterform-apply.yml"]
assert apply["concurrency"]["cancel-in-progress"] is False
assert apply["jobs"]["apply"]["environment"] == "rosterform-production"
for wf in flows.values():
    env = next(iter(wf["jobs"].values()))["env"]
    for secret in ("HEALTHIE_API_KEY", "ROSTERFORM_STATE_KEY", "ROSTERFORM_PG_URL"):
        assert env[secret] == "${{ secrets.%s }}" % secret, secret

gl = yaml.safe_load(open(os.path.join(ex, ".gitlab-ci.yml")))
jobs = sorted(k for k, v in gl.items() if isinstance(v, dict) and "script" in v)
assert jobs == ["rosterform-apply", "rosterform-drift", "rosterform-plan"], jobs
for job in jobs:
    for command in gl[job]["script"] + gl[job].get("after_script", []):
        script_exists(command, f".gitlab-ci.yml:{job}")
for command in gl["default"]["before_script"]:
    script_exists(command, ".gitlab-ci.yml:default")
assert gl["rosterform-apply"]["environment"]["name"] == "rosterform-production"
assert "resource_group" in gl["rosterform-apply"]
PY

for script in "$EX"/ci/*.sh "$EX"/ci/*/*.sh; do
  bash -n "$script" || fail "$script does not parse"
done
python3 -c "import ast, sys; ast.parse(open(sys.argv[1]).read())" "$EX/ci/read_json.py" || fail "ci/read_json.py does not parse"

run validate "$EX"
expect_rc 0 "the example workspace"
echo "ok: 3 workflows match the schema, their steps call ci/ scripts, .gitlab-ci.yml has its 3 jobs"
