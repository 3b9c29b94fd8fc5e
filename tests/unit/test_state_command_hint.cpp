#include "state/command_hint.hpp"

#include <doctest/doctest.h>

using namespace rosterform;

TEST_CASE("command hint: suggested commands name a state that is not at the default place") {
  CHECK(state::force_unlock_command(".rosterform/state.json", "ab12") ==
        "rosterform force-unlock ab12");
  CHECK(state::force_unlock_command("ws/.rosterform/state.json", "ab12", true) ==
        "rosterform force-unlock -force -state=ws/.rosterform/state.json ab12");
  CHECK(state::force_unlock_command("my state/s.json", "empty") ==
        "rosterform force-unlock '-state=my state/s.json' empty");
  CHECK(state::state_init_command(".rosterform/state.json") == "rosterform state init");
  CHECK(state::state_init_command("/srv/it's/state.json") ==
        "rosterform state init '-state=/srv/it'\\''s/state.json'");
}
