#include <doctest/doctest.h>

#include "engine/record.hpp"
#include "providers/healthie/resource_schema.hpp"

using namespace rosterform;

TEST_CASE("a record keeps only the fields that were set, in field order") {
  engine::Record r;
  r.set(3, "x");
  r.set(1, "y");
  r.set(3, "z");
  REQUIRE(r.size() == 2);
  CHECK(r.fields()[0].first == 1);
  CHECK(*r.get(3) == "z");
  CHECK(r.get(2) == nullptr);
  r.erase(1);
  CHECK_FALSE(r.has(1));
}

TEST_CASE("the Healthie field table maps roster names to Healthie inputs") {
  const auto& clients = healthie::client_schema();
  const auto* provider = clients.find("provider");
  REQUIRE(provider != nullptr);
  CHECK(provider->healthie_input == "dietitian_id");
  CHECK(provider->type == engine::FieldType::reference);
  CHECK(clients.find("emial") == nullptr);
  const auto* phone = healthie::staff_schema().find("phone_number");
  REQUIRE(phone != nullptr);
  CHECK(phone->sensitivity == engine::Sensitivity::phi);
}
