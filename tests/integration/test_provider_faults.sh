#!/usr/bin/env bash
# Reads through throttling storms, 5xx answers, connection resets and
# truncated bodies: complete, or an error; never partial.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/provider_lib.sh"

make_seed "$WORK/seed.json" --clients 3000 --staff 10
start_sim "$WORK/seed.json" --latency-ms 5

faults() { sim_post faults "{\"faults\":$1}"; }
for version in 2024-06-01 2026-01-01; do
  for rules in '["http503:p=0.15"]' '["http500:p=0.1","http502:p=0.1"]' '["reset:p=0.15"]' '["truncate:p=0.15"]'; do
    faults "$rules"
    probe --api-version "$version" read
    expect_rc 0 "$version $rules: $ERR"
    expect_eq "$(value clients)" 3000
    # (A reset on a reused connection may be retried inside libcurl itself.)
    [[ $(value retries) -gt 0 || $rules == *reset* ]] || fail "$version $rules: no retries happened"
  done
  faults '[]'

  # A throttling storm: 40 requests/s with a parallelism of 16.
  sim_post limits '{"rateLimit":40,"rateBurst":4}'
  probe --api-version "$version" --parallelism 16 read
  expect_rc 0 "$version throttled: $ERR"
  expect_eq "$(value clients)" 3000
  [[ $(value throttled) -gt 0 ]] || fail "$version: the storm did not throttle"
  sim_post limits '{"rateLimit":0}'

  # HTTP 429 instead of GraphQL errors.
  sim_post limits '{"rateLimit":40,"rateBurst":4,"rateLimitMode":"http429"}'
  probe --api-version "$version" read
  expect_rc 0 "$version http429: $ERR"
  expect_eq "$(value clients)" 3000
  sim_post limits '{"rateLimit":0,"rateLimitMode":"errors"}'
done

# A page that never succeeds aborts the read with an error and no state.
faults '["http503:op=users"]'
probe --api-version 2024-06-01 read
expect_rc 1
expect_contains "$ERR" "server error (HTTP 503) after every retry"
expect_eq "$(value clients)" ""
faults '[]'
