#!/usr/bin/env bash
# The complete read against the simulator, in both API shapes: every client
# (active and archived), every staff member (deactivated ones too), and what
# a provider-level key can and cannot see.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/provider_lib.sh"

make_seed "$WORK/seed.json" --clients 2345 --staff 12 --archived-every 7 --inactive-staff 2
start_sim "$WORK/seed.json"

for version in 2024-06-01 2026-01-01 2026-07-01; do
  probe --api-version "$version" read
  expect_rc 0 "read $version"
  expect_eq "$(value clients)" 2345
  expect_eq "$(value clients_active)" $((2345 - 2345 / 7))
  expect_eq "$(value staff)" 12
  expect_eq "$(value staff_active)" 10
  expect_eq "$(value admin)" true
  # Several requests at once, and the deprecation warning exactly once:
  # rosterform's own, with the days left; Healthie's says the same and is not repeated.
  [[ $(value peak_in_flight) -gt 1 ]] || fail "$version: no parallel requests"
  deprecated=1; [[ $version == 2026-07-01 ]] && deprecated=0  # the default: no warning
  expect_eq "$(grep -c "warning: Healthie API version $version is deprecated and stops working on 2027-01-31 (" <<<"$ERR")" "$deprecated"
  expect_eq "$(grep -c API_VERSION_SUNSET_WARNING <<<"$ERR")" 0
  expect_not_contains "$OUT$ERR" "bench_admin_key"
done

# A server that lists only active clients by default still yields archived ones.
sim_post limits '{"usersDefaultStatus":"active"}'
for version in 2024-06-01 2026-01-01; do
  probe --api-version "$version" read
  expect_rc 0
  expect_eq "$(value clients)" 2345
done

# A provider-level key sees only its own clients; the read is still complete
# for what it can see, and it is recorded as not an admin.
expected=$(sim_get state | jq '[.clients[] | select(.dietitian_id == "1001")] | length')
for version in 2024-06-01 2026-01-01; do
  HEALTHIE_API_KEY=bench_provider_key probe --api-version "$version" read
  expect_rc 0 "provider key $version"
  expect_eq "$(value clients)" "$expected"
  expect_eq "$(value admin)" false
done

# Clients without a provider force the single-stream read on 2026-01-01.
make_seed "$WORK/orphans.json" --clients 500 --staff 5 --orphans 37
curl -sf -X POST -H 'Content-Type: application/json' --data-binary @"$WORK/orphans.json" "$SIM_BASE/_sim/seed" >/dev/null
probe --api-version 2026-01-01 read
expect_rc 0
expect_eq "$(value clients)" 537
