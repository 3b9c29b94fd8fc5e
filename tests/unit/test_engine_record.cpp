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
  CHECK(r.fields()[0].id == 1);
  CHECK(*r.get(3) == "z");
  CHECK_FALSE(r.get(2).has_value());
  r.erase(1);
  CHECK_FALSE(r.has(1));
  CHECK(r.size() == 1);
  r.erase(3);
  CHECK(r.empty());
  CHECK(r.heap_bytes() == 0);
}

TEST_CASE("a record is one packed block: copies are equal and independent") {
  engine::Record r;
  r.set(7, "a much longer value than the small-string buffer holds");
  r.set(2, "");
  r.set(4, "b");
  engine::Record copy = r;
  CHECK(copy == r);
  CHECK(copy.get(2) == std::optional<std::string_view>(""));
  copy.set(4, "c");
  CHECK_FALSE(copy == r);
  CHECK(*r.get(4) == "b");
  // A value taken from the record itself survives the rebuild.
  r.set(1, *r.get(7));
  CHECK(*r.get(1) == *r.get(7));
  std::vector<engine::FieldId> ids;
  for (const auto& [id, value] : r.fields()) {
    ids.push_back(id);
  }
  CHECK(ids == std::vector<engine::FieldId>{1, 2, 4, 7});
  // Header (count + ids + 4-byte ends) plus the bytes of the values.
  CHECK(r.heap_bytes() == 1 + 4 + 16 + 2 * 54 + 0 + 1);
}

TEST_CASE("a record builder packs what it collected, in field order") {
  engine::RecordBuilder b;
  b.set(5, "five");
  b.set(1, "one");
  b.set(5, "FIVE");
  CHECK(*b.get(5) == "FIVE");
  engine::Record r = b.build();
  b.clear();
  CHECK(b.empty());
  REQUIRE(r.size() == 2);
  CHECK(r.fields()[0].value == "one");
  CHECK(r.fields().back().value == "FIVE");
  CHECK(r.value_or_empty(std::optional<engine::FieldId>(9)).empty());
  CHECK(r.value_or_empty(std::nullopt).empty());
  CHECK(engine::RecordBuilder().build().heap_bytes() == 0);
}

TEST_CASE("a record update takes the newer values and keeps the rest") {
  engine::Record r;
  r.set(1, "old");
  r.set(2, "kept");
  engine::Record newer;
  newer.set(1, "new");
  newer.set(3, "added");
  r.update(newer);
  REQUIRE(r.size() == 3);
  CHECK(*r.get(1) == "new");
  CHECK(*r.get(2) == "kept");
  CHECK(*r.get(3) == "added");
  // An iterator reads the block, not the Fields view it came from.
  auto it = r.fields().begin();
  ++it;
  CHECK((*it).value == "kept");
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
