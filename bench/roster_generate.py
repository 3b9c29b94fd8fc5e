#!/usr/bin/env python3
"""Generates a large roster workspace for bench/roster_load_bench.cpp.

    python3 bench/roster_generate.py OUT_DIR [--clients 100000] [--staff 50]

Writes OUT_DIR/rosterform.yaml, OUT_DIR/roster/staff.yaml and
OUT_DIR/roster/clients.yaml. Every client has the fields a real roster has
(about 215 bytes of YAML each: 100,000 clients make about 21 MB); a tenth
use a stable key, and one client in a hundred merges a shared anchor, so the
loader's alias path is exercised too. Fake data only. Deterministic.
"""
import argparse, os, random

FIRST = ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn",
         "Harper", "Rowan", "Emerson", "Finley", "Hayden", "Parker", "Reese", "Sawyer", "Skyler", "Logan"]
LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
        "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Moore", "Jackson"]
ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Phoenix"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--clients", type=int, default=100_000)
    ap.add_argument("--staff", type=int, default=50)
    args = ap.parse_args()
    rnd = random.Random(42)
    os.makedirs(os.path.join(args.out, "roster"), exist_ok=True)
    with open(os.path.join(args.out, "rosterform.yaml"), "w") as f:
        f.write("version: 1\nhealthie:\n  api_key_env: HEALTHIE_API_KEY\n"
                "policy:\n  max_deactivations: 1%\ninclude: [roster/*.yaml]\n"
                "defaults:\n  clients:\n    active: true\n    timezone: America/New_York\n")
    staff = [f"provider{i:03d}@clinic.example" for i in range(args.staff)]
    with open(os.path.join(args.out, "roster", "staff.yaml"), "w") as f:
        f.write("staff:\n")
        for i, email in enumerate(staff):
            f.write(f"  - email: {email}\n    first_name: {FIRST[i % len(FIRST)]}\n"
                    f"    last_name: {LAST[i % len(LAST)]}\n    org_role: Standard\n"
                    f"    timezone: {ZONES[i % len(ZONES)]}\n")
    with open(os.path.join(args.out, "roster", "clients.yaml"), "w") as f:
        f.write("x-west: &west\n  timezone: America/Los_Angeles\n  provider: provider000@clinic.example\n")
        f.write("clients:\n")
        for i in range(args.clients):
            first, last = rnd.choice(FIRST), rnd.choice(LAST)
            lines = []
            if i % 100 == 0:
                lines.append("<<: *west")
            if i % 10 == 0:
                lines.append(f"key: client-{i:07d}")
            lines += [
                f'record_identifier: "MRN-{i:07d}"',
                f"email: {first.lower()}.{last.lower()}.{i}@example.com",
                f"first_name: {first}",
                f"last_name: {last}",
                f"dob: {rnd.randint(1930, 2015)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
            ]
            if i % 2 == 0:
                lines.append(f'phone_number: "555-{rnd.randint(100, 999)}-{rnd.randint(1000, 9999)}"')
            if i % 100 != 0:
                if i % 3 == 0:  # the others take the workspace default
                    lines.append(f"timezone: {rnd.choice(ZONES)}")
                lines.append(f"provider: {rnd.choice(staff)}")
            f.write("  - " + "\n    ".join(lines) + "\n")


if __name__ == "__main__":
    main()
