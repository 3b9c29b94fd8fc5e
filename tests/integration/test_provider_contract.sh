#!/usr/bin/env bash
# Contract test: every GraphQL document of the Healthie provider against the
# real SDL of its API version (see tests/contract/validate_documents.mjs).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/provider_lib.sh"

schema_dir="$ROSTERFORM_SOURCE_DIR/../shared/healthie/schema"
[[ -d "$schema_dir" ]] || skip "Healthie's SDL is absent ($schema_dir)"
[[ -d "$ROSTERFORM_SOURCE_DIR/tests/healthie_sim/node_modules/graphql" ]] || skip "graphql-js is not installed (npm ci in tests/healthie_sim)"
set +e
"$NODE" "$ROSTERFORM_SOURCE_DIR/tests/contract/validate_documents.mjs" "$PROBE" "$schema_dir" >"$WORK/contract.log" 2>&1
RC=$?
set -e
cat "$WORK/contract.log"
[[ $RC == 125 ]] && skip "$(tail -1 "$WORK/contract.log")"
[[ $RC == 0 ]] || fail "documents do not match Healthie's schema"
