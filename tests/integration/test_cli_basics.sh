#!/usr/bin/env bash
# The command table: help, version, and honest "not implemented yet".
source "$(dirname "$0")/lib.sh"

run --help
expect_rc 0
expect_contains "$OUT" "rosterform keeps a Healthie roster"
for cmd in validate plan apply show import state force-unlock schema version; do
  expect_contains "$OUT" "$cmd"
done

run version
expect_rc 0
expect_contains "$OUT" "rosterform v"

run -version
expect_rc 0
expect_contains "$OUT" "rosterform v"

run no-such-command
expect_rc 1
