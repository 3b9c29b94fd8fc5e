// `resource_changes` in the shape of `terraform show -json`: Terraform's
// action words (never "delete"), rosterform's own action beside them, and
// masking by before_sensitive/after_sensitive without any sensitive value.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "engine/render/json.hpp"
#include "tests/unit/support/fake_provider.hpp"

using namespace rosterform;
using nlohmann::json;
using testing::PlanWorld;

namespace {

json render(const PlanWorld& w) {
  auto out = w.plan();
  engine::render::RenderOptions ro{&healthie::staff_schema(), &healthie::client_schema(), false,
                                   false};
  return json::parse(engine::render::render_json(out.plan, out.diagnostics, ro));
}

const json& by_action(const json& plan, const std::string& action) {
  for (const json& rc : plan.at("resource_changes")) {
    if (rc.at("rosterform_action") == action) {
      return rc;
    }
  }
  FAIL("no resource change with rosterform_action " << action);
  static const json none;
  return none;
}

testing::FieldValues ann(const std::string& phone) {
  return {{"email", "ann@example.com"}, {"first_name", "Ann"}, {"last_name", "Lee"},
          {"phone_number", phone}, {"record_identifier", "R-77"}};
}

}  // namespace

TEST_CASE("resource_changes: an update keeps Terraform's shape and masks sensitive values") {
  PlanWorld w;
  w.client("mrn-1", ann("555-0101"));
  w.remote_client("101", ann("555-0199"));
  w.manage(engine::Kind::client, "mrn-1", "101");
  json p = render(w);
  CHECK(p.at("format_version") == "1.3");
  const json& rc = by_action(p, "update");
  CHECK(rc.at("address") == "client.mrn-1");
  CHECK(rc.at("mode") == "managed");
  CHECK(rc.at("type") == "healthie_client");
  CHECK(rc.at("name") == "mrn-1");
  CHECK(rc.at("rosterform_changed_fields") == json::array({"phone_number"}));
  const json& c = rc.at("change");
  CHECK(c.at("actions") == json::array({"update"}));
  CHECK(c.at("before").at("id") == "101");
  CHECK_FALSE(c.at("before").contains("phone_number"));
  CHECK_FALSE(c.at("after").contains("email"));
  CHECK(c.at("before_sensitive").at("phone_number") == true);
  CHECK(c.at("after_sensitive").at("email") == true);
  std::string text = p.dump();
  for (const char* phi : {"555-0101", "555-0199", "ann@example.com", "R-77"}) {
    CAPTURE(phi);
    CHECK(text.find(phi) == std::string::npos);
  }
}

TEST_CASE("resource_changes: a create has no before, and its id is known after apply") {
  PlanWorld w;
  w.staff("dr.a@clinic.example", {{"timezone", "America/Chicago"}});
  json p = render(w);
  const json& rc = by_action(p, "create");
  CHECK(rc.at("type") == "healthie_staff");
  CHECK(rc.at("address") == "staff.dr.a@clinic.example");
  const json& c = rc.at("change");
  CHECK(c.at("actions") == json::array({"create"}));
  CHECK(c.at("before").is_null());
  CHECK(c.at("before_sensitive") == false);
  CHECK(c.at("after").at("timezone") == "America/Chicago");
  CHECK(c.at("after_unknown").at("id") == true);
  CHECK_FALSE(c.at("after").contains("id"));
}

TEST_CASE("resource_changes: a deactivation is an update, never a delete") {
  PlanWorld w;
  w.remote_staff("901", "dr.b@clinic.example");
  w.manage(engine::Kind::staff, "dr.b@clinic.example", "901");
  w.remote_client("101", ann("555-0199"));
  w.manage(engine::Kind::client, "mrn-1", "101");
  json p = render(w);
  json by_type;
  for (const json& rc : p.at("resource_changes")) {
    CHECK(rc.at("rosterform_action") == "deactivate");
    CHECK(rc.at("change").at("actions") == json::array({"update"}));
    by_type[rc.at("type").get<std::string>()] = rc;
  }
  CHECK(by_type.at("healthie_staff").at("address") == "staff.dr.b@clinic.example");
  CHECK(by_type.at("healthie_client").at("address") == "client.mrn-1");
  const json& staff = by_type.at("healthie_staff").at("change");
  CHECK(staff.at("before").at("active") == true);
  CHECK(staff.at("after").at("active") == false);
  // Whether a client is active is PHI: marked, never written.
  const json& client = by_type.at("healthie_client").at("change");
  CHECK_FALSE(client.at("after").contains("active"));
  CHECK(client.at("after_sensitive").at("active") == true);
  CHECK(p.dump().find("\"delete\"") == std::string::npos);
}

TEST_CASE("resource_changes: an adoption imports, and a forget is Terraform's forget") {
  PlanWorld w;
  w.client("mrn-1", ann("555-0101"));
  w.remote_client("101", ann("555-0101"));
  w.remote_client("102", {{"email", "bo@example.com"}, {"first_name", "Bo"}, {"last_name", "Ng"}},
                  false);
  w.manage(engine::Kind::client, "mrn-2", "102");
  json p = render(w);
  const json& adopt = by_action(p, "adopt");
  CHECK(adopt.at("change").at("actions") == json::array({"no-op"}));
  CHECK(adopt.at("change").at("importing").at("id") == "101");
  const json& forget = by_action(p, "forget");
  CHECK(forget.at("change").at("actions") == json::array({"forget"}));
  CHECK(forget.at("change").at("after").is_null());
  CHECK(forget.at("change").at("after_sensitive") == false);
}

TEST_CASE("resource_changes: the binding says what the plan was made from") {
  PlanWorld w;
  auto out = w.plan();
  engine::render::RenderOptions ro{&healthie::staff_schema(), &healthie::client_schema(), false,
                                   false};
  engine::render::PlanBinding b;
  b.workspace = "clinic-prod";
  b.plan_hash = "ab12";
  b.state_present = true;
  b.lineage = "3f0c";
  b.serial = 7;
  json p = json::parse(engine::render::render_json(out.plan, out.diagnostics, ro, b));
  CHECK(p.at("binding") == json::parse(R"({"workspace": "clinic-prod", "commit": null,
      "plan_hash": "ab12", "state": {"lineage": "3f0c", "serial": 7},
      "healthie_api_version": null})"));
  CHECK(p.at("errored") == false);
  CHECK(p.at("resource_changes") == json::array());
}
