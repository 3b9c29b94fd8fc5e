#!/usr/bin/env bash
# Makes `rosterform` available: nothing to do when it is on PATH (a runner
# image that ships it, or a test); else builds ROSTERFORM_REF of
# ROSTERFORM_REPO from source into ~/.local/bin.
source "$(dirname "$0")/lib.sh"
if command -v "$ROSTERFORM" >/dev/null 2>&1; then
  note "using $(command -v "$ROSTERFORM") ($("$ROSTERFORM" version 2>/dev/null | head -n 1))"
  exit 0
fi
: "${ROSTERFORM_REPO:?set ROSTERFORM_REPO to the rosterform git URL, or put rosterform on PATH}"
: "${ROSTERFORM_REF:?set ROSTERFORM_REF to the commit or tag to build}"
src=$(mktemp -d)
git clone --quiet "$ROSTERFORM_REPO" "$src"
git -C "$src" checkout --quiet "$ROSTERFORM_REF"
"$src/scripts/bootstrap"
cmake -S "$src" -B "$src/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$src/build" --target rosterform -j "$(nproc)" >/dev/null
install -D "$src/build/cli/rosterform" "$HOME/.local/bin/rosterform"
[[ -n "${GITHUB_PATH:-}" ]] && echo "$HOME/.local/bin" >>"$GITHUB_PATH"
note "built rosterform $ROSTERFORM_REF"
