// `show -json` of the state: handles instead of hidden addresses, names of
// the managed fields, never a digest nor the key.
#include <doctest/doctest.h>

#include "cli/state_view_json.hpp"

using namespace rosterform;

TEST_CASE("state view: handles, managed field names, the last apply; no digest, no key") {
  state::StateFile s;
  s.lineage = "3f0c";
  s.serial = 4;
  s.hmac_key = "k3y";
  s.resources["client.mrn-1"] = {engine::Kind::client, "2001", "", {{"dob", "d1g35t"}}};
  s.resources["client.h:0123abcd"] = {engine::Kind::client, "2002", "", {{"email", "e"}}};
  s.resources["staff.dr.a@clinic.example"] = {engine::Kind::staff, "901", "m-901", {}};
  s.last_apply = state::PlanProgress{"ab12", 3, 2, {0, 1}, {0, 1}, {}};
  CHECK(cli::state_view_json(s, {"clinic-prod", "local", true}) == R"({
  "format_version": "1.0",
  "workspace": "clinic-prod",
  "backend": "local",
  "present": true,
  "state_format_version": 1,
  "lineage": "3f0c",
  "serial": 4,
  "resources": [
    {
      "address": "client.id:2002",
      "kind": "client",
      "key": null,
      "user_id": "2002",
      "membership_id": null,
      "managed_fields": [
        "email"
      ]
    },
    {
      "address": "client.mrn-1",
      "kind": "client",
      "key": "mrn-1",
      "user_id": "2001",
      "membership_id": null,
      "managed_fields": [
        "dob"
      ]
    },
    {
      "address": "staff.dr.a@clinic.example",
      "kind": "staff",
      "key": "dr.a@clinic.example",
      "user_id": "901",
      "membership_id": "m-901",
      "managed_fields": []
    }
  ],
  "last_apply": {
    "plan_hash": "ab12",
    "base_serial": 3,
    "changes": 2,
    "done": 2,
    "complete": true
  }
}
)");
}

TEST_CASE("state view: before the first save there is no lineage") {
  state::StateFile s;
  s.lineage = "made-up-by-load";
  std::string json = cli::state_view_json(s, {"default", "local", false});
  CHECK(json.find("\"present\": false,") != std::string::npos);
  CHECK(json.find("\"lineage\": null,") != std::string::npos);
  CHECK(json.find("made-up-by-load") == std::string::npos);
  CHECK(json.find("\"last_apply\": null") != std::string::npos);
}
