#include <doctest/doctest.h>

#include <algorithm>

#include "engine/plan/fingerprint.hpp"
#include "providers/healthie/resource_schema.hpp"
#include "support/fake_provider.hpp"

using namespace rosterform;
using namespace rosterform::engine;

namespace {

FieldId id(std::string_view name) { return *healthie::client_schema().id_of(name); }

RemoteUser client(std::string phone, std::string updated_at = "t1") {
  RemoteUser r;
  r.user_id = "77";
  r.updated_at = std::move(updated_at);
  r.fields.set(id("email"), "ann@example.com");
  r.fields.set(id("phone_number"), std::move(phone));
  return r;
}

}  // namespace

TEST_CASE("a record that did not move is not stale, even when only updated_at moved") {
  testing::FakeHasher hasher;
  RemoteUser then = client("555-0100");
  Fingerprint fp = fingerprint_of(&then, &hasher, healthie::client_schema());
  CHECK(fp.field_digests.size() == 2);
  // The identity is kept for the look-up; a PHI value such as the phone is not.
  REQUIRE(fp.identity.size() == 1);
  CHECK(fp.identity[0].second == "ann@example.com");
  CHECK_FALSE(movement_since(fp, "77", then, &hasher, healthie::client_schema()).moved);
  CHECK_FALSE(
      movement_since(fp, "77", client("555-0100", "t2"), &hasher, healthie::client_schema()).moved);
}

TEST_CASE("a moved record names the fields that moved") {
  testing::FakeHasher hasher;
  RemoteUser then = client("555-0100");
  Fingerprint fp = fingerprint_of(&then, &hasher, healthie::client_schema());
  RemoteUser now = client("555-0199");
  now.fields.set(id("dob"), "1990-01-01");  // a value Healthie did not hold before
  now.fields.set(id("active"), "false");    // archived
  Movement m = movement_since(fp, "77", now, &hasher, healthie::client_schema());
  CHECK(m.moved);
  CHECK(m.active);
  CHECK(m.fields.size() == 2);
  CHECK(std::find(m.fields.begin(), m.fields.end(), id("phone_number")) != m.fields.end());
  CHECK(std::find(m.fields.begin(), m.fields.end(), id("dob")) != m.fields.end());
  // `active` is a field of the record, reported once, as m.active.
  CHECK(std::find(m.fields.begin(), m.fields.end(), id("active")) == m.fields.end());
  CHECK(movement_since(fp, "78", then, &hasher, healthie::client_schema()).other_user);
}

TEST_CASE("without a hasher, updated_at decides") {
  RemoteUser then = client("555-0100");
  Fingerprint fp = fingerprint_of(&then, nullptr, healthie::client_schema());
  CHECK(fp.field_digests.empty());
  CHECK_FALSE(movement_since(fp, "77", then, nullptr, healthie::client_schema()).moved);
  Movement m =
      movement_since(fp, "77", client("555-0100", "t2"), nullptr, healthie::client_schema());
  CHECK(m.moved);
  CHECK(m.updated_at_only);
}
