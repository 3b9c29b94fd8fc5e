# Shared by the CI scripts (sourced, not run). Each script is one step of
# the workflows in ../.github/workflows and ../.gitlab-ci.yml, small enough
# to run by hand or in a test with `gh`/`curl` replaced by a stand-in on PATH.
#
# Settings, all from the environment:
#   ROSTERFORM        the binary (default: rosterform on PATH)
#   ROSTERFORM_DIR    the workspace folder, holding rosterform.yaml (default .)
#   ROSTERFORM_OUT    where a job keeps its files (default .rosterform-ci)
#   ROSTERFORM_WORKSPACE  state.workspace, for the comment marker (default default)
# Secrets (never printed): HEALTHIE_API_KEY, ROSTERFORM_STATE_KEY and the
# PostgreSQL connection (ROSTERFORM_PG_URL, as rosterform.yaml's conn_str_env names).
set -euo pipefail

ROSTERFORM=${ROSTERFORM:-rosterform}
ROSTERFORM_DIR=${ROSTERFORM_DIR:-.}
ROSTERFORM_OUT=${ROSTERFORM_OUT:-.rosterform-ci}
ROSTERFORM_WORKSPACE=${ROSTERFORM_WORKSPACE:-default}
mkdir -p "$ROSTERFORM_OUT"

die() { echo "rosterform-ci: error: $*" >&2; exit 1; }
note() { echo "rosterform-ci: $*" >&2; }

# The first line of every comment rosterform writes for this workspace;
# `rosterform plan -markdown` prints it first.
marker() { printf '<!-- rosterform:plan workspace=%s -->' "$ROSTERFORM_WORKSPACE"; }

# rf ARGS...: rosterform in the workspace folder.
rf() { (cd "$ROSTERFORM_DIR" && "$ROSTERFORM" "$@"); }

# json get EXPR [FILE] / json items COND FIELD [FILE]: see read_json.py.
json() { python3 "$(dirname "${BASH_SOURCE[0]}")/read_json.py" "$@"; }

# The plan hash a comment is bound to: "plan hash `<64 hex>`".
hash_in() { grep -o 'plan hash `[0-9a-f]\{64\}`' "$1" | grep -o '[0-9a-f]\{64\}' | head -n 1; }

# output NAME VALUE: a step output (GitHub), else a line on stdout.
output() {
  if [[ -n "${GITHUB_OUTPUT:-}" ]]; then echo "$1=$2" >>"$GITHUB_OUTPUT"; else echo "$1=$2"; fi
}
