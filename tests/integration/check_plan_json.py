#!/usr/bin/env python3
"""Checks the shape of rosterform's JSON for policy tools, without jq.

  check_plan_json.py plan  [PHI ...] < plan.json    # plan -json / show -json PLANFILE
  check_plan_json.py state [PHI ...] < state.json   # show -json (no plan)

Exits non-zero with a message naming the first problem. Every PHI argument
must be absent from the text. The rules are those of docs/plan-format.md
("Terraform-compatible resource_changes") and docs/state-format.md
("show -json").
"""
import json
import re
import sys

TERRAFORM_ACTION = {"create": {"create"}, "update": {"update"}, "deactivate": {"update"},
                    "reactivate": {"update"}, "adopt": {"update", "no-op"}, "forget": {"forget"}}
HANDLE = re.compile(r"^(staff|client)\.(id:\d+|[^\s]+)$|^client at \S+:\d+$")


def fail(message):
    sys.exit(f"check_plan_json: {message}")


def expect(condition, message):
    if not condition:
        fail(message)


def check_masked(side, values, sensitive):
    if values is None:
        expect(sensitive is False, f"{side}: no value, so {side}_sensitive must be false")
        return
    expect(isinstance(values, dict), f"{side} must be an object or null")
    expect(isinstance(sensitive, dict), f"{side}_sensitive must be an object")
    for name in sensitive:
        expect(name not in values, f"{side} carries the sensitive field {name}")


def check_resource_change(rc, changes):
    where = rc.get("address", "?")
    for key in ("address", "mode", "type", "name", "provider_name", "rosterform_action", "change"):
        expect(key in rc, f"{where}: no {key}")
    expect(HANDLE.match(rc["address"]), f"{where}: not a handle")
    expect(rc["mode"] == "managed", f"{where}: mode")
    expect(rc["type"] in ("healthie_staff", "healthie_client"), f"{where}: type {rc['type']}")
    change = rc["change"]
    actions = change["actions"]
    expect(isinstance(actions, list) and len(actions) == 1, f"{where}: actions {actions}")
    expect("delete" not in actions, f"{where}: Healthie never deletes")
    expect(actions[0] in TERRAFORM_ACTION[rc["rosterform_action"]],
           f"{where}: {rc['rosterform_action']} is not {actions}")
    check_masked("before", change["before"], change["before_sensitive"])
    check_masked("after", change["after"], change["after_sensitive"])
    expect(isinstance(change["after_unknown"], dict), f"{where}: after_unknown")
    own = changes[rc["rosterform_index"]]
    expect(own["address"] == rc["address"] and own["action"] == rc["rosterform_action"],
           f"{where}: does not match changes[{rc['rosterform_index']}]")
    expect(("importing" in change) == (rc["rosterform_action"] == "adopt"), f"{where}: importing")


def check_plan(doc):
    expect(doc["format_version"].startswith("1."), "format_version is not 1.x")
    binding = doc["binding"]
    for key in ("workspace", "commit", "plan_hash", "state", "healthie_api_version"):
        expect(key in binding, f"binding has no {key}")
    rcs = doc["resource_changes"]
    expect(len(rcs) == len(doc["changes"]), "resource_changes and changes differ in number")
    for rc in rcs:
        check_resource_change(rc, doc["changes"])


def check_state(doc):
    expect(doc["format_version"] == "1.0", "format_version")
    for key in ("workspace", "backend", "present", "lineage", "serial", "resources", "last_apply"):
        expect(key in doc, f"no {key}")
    for r in doc["resources"]:
        expect(HANDLE.match(r["address"]), f"{r['address']}: not a handle")
        expect(".h:" not in r["address"], f"{r['address']}: a hidden address is shown")
        expect(set(r) == {"address", "kind", "key", "user_id", "membership_id", "managed_fields"},
               f"{r['address']}: unexpected members {sorted(r)}")
        expect(all(isinstance(n, str) for n in r["managed_fields"]), "managed_fields are names")


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("plan", "state"):
        fail("usage: check_plan_json.py plan|state [PHI ...] < FILE")
    text = sys.stdin.read()
    doc = json.loads(text)
    for phi in sys.argv[2:]:
        expect(phi not in text, f"PHI value {phi!r} is printed")
    (check_plan if sys.argv[1] == "plan" else check_state)(doc)


if __name__ == "__main__":
    main()
