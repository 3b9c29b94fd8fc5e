#!/usr/bin/env python3
"""Runs one job of a GitHub Actions workflow here, step by step, the way a
runner would, for tests of examples/gitops/ (GitHub itself cannot be reached):

  run_workflow_steps.py WORKFLOW JOB --context CONTEXT.json --artefacts DIR --run-id N [--workdir DIR]

- `run:` steps run with bash -e in the work folder, with the workflow's,
  job's and step's `env`, and GITHUB_OUTPUT, whose lines become
  steps.<id>.outputs;
- `actions/checkout` does nothing (the work folder is the checkout);
  `actions/upload-artifact` copies its files to DIR/<run-id>/<name>/ and
  `actions/download-artifact` copies them back from DIR/<run-id of its
  input>/<name>/;
- `${{ EXPR }}` is looked up in CONTEXT (a JSON object keyed by the exact
  expression text, e.g. "secrets.HEALTHIE_API_KEY") or in the step outputs;
  an expression in neither is an error, so nothing is silently empty;
- `if:` knows success(), failure(), always(), &&, ||, ==, != and step outputs.
Exits 1 when a step failed, as the job would.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
OUTPUT = re.compile(r"steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)")


class Job:
    def __init__(self, args):
        self.context = json.load(open(args.context))
        self.artefacts = args.artefacts
        self.run_id = str(args.run_id)
        self.workdir = args.workdir
        self.outputs = {}
        self.failed = False

    def value(self, expr):
        if m := OUTPUT.fullmatch(expr):
            return self.outputs.get(m.group(1), {}).get(m.group(2), "")
        if expr not in self.context:
            sys.exit(f"run_workflow_steps: no value for ${{{{ {expr} }}}} in the context")
        return str(self.context[expr])

    def resolve(self, text):
        return EXPR.sub(lambda m: self.value(m.group(1)), str(text))

    def condition(self, cond):
        if cond is None:
            return not self.failed
        py = OUTPUT.sub(lambda m: repr(self.value(m.group(0))), cond)
        py = py.replace("&&", " and ").replace("||", " or ")
        py = py.replace("failure()", str(self.failed)).replace("always()", "True")
        py = py.replace("success()", str(not self.failed))
        return bool(eval(py, {}, {}))

    def env(self, *blocks):
        env = dict(os.environ)
        for block in blocks:
            env.update({k: self.resolve(v) for k, v in (block or {}).items()})
        return env

    def run(self, step, env):
        with tempfile.NamedTemporaryFile("r", delete=False) as out:
            env["GITHUB_OUTPUT"] = out.name
            rc = subprocess.call(["bash", "-e", "-c", step["run"]], cwd=self.workdir, env=env)
            lines = open(out.name).read().splitlines()
        os.unlink(out.name)
        if "id" in step:
            self.outputs[step["id"]] = dict(line.split("=", 1) for line in lines if "=" in line)
        return rc

    def uses(self, step):
        action, given = step["uses"], {k: self.resolve(v) for k, v in step.get("with", {}).items()}
        if action.startswith("actions/checkout@"):
            return 0
        if action.startswith("actions/upload-artifact@"):
            store = os.path.join(self.artefacts, self.run_id, given["name"])
            os.makedirs(store, exist_ok=True)
            for path in given["path"].split():
                source = os.path.join(self.workdir, path)
                if os.path.exists(source):
                    shutil.copy(source, store)
            return 0
        if action.startswith("actions/download-artifact@"):
            store = os.path.join(self.artefacts, given["run-id"], given["name"])
            if not os.path.isdir(store):
                print(f"run_workflow_steps: no artefact {given['name']} in run {given['run-id']}", file=sys.stderr)
                return 1
            target = os.path.join(self.workdir, given["path"])
            os.makedirs(target, exist_ok=True)
            for name in os.listdir(store):
                shutil.copy(os.path.join(store, name), target)
            return 0
        sys.exit(f"run_workflow_steps: unknown action {action}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("workflow")
    parser.add_argument("job")
    parser.add_argument("--context", required=True)
    parser.add_argument("--artefacts", required=True)
    parser.add_argument("--run-id", required=True)
    parser.add_argument("--workdir", default=".")
    args = parser.parse_args()
    wf = yaml.safe_load(open(args.workflow))
    job_def = wf["jobs"][args.job]
    job = Job(args)
    for step in job_def["steps"]:
        name = step.get("name", step.get("uses", step.get("run")))
        if not job.condition(step.get("if")):
            print(f"run_workflow_steps: skipped: {name}", file=sys.stderr)
            continue
        env = job.env(wf.get("env"), job_def.get("env"), step.get("env"))
        rc = job.run(step, env) if "run" in step else job.uses(step)
        print(f"run_workflow_steps: {name}: exit {rc}", file=sys.stderr)
        job.failed = job.failed or rc != 0
    sys.exit(1 if job.failed else 0)


if __name__ == "__main__":
    main()
