// A Healthie user's status is read from its record, with Healthie's
// defaults where the schema or the record has no value.
#include <doctest/doctest.h>

#include "engine/current_state.hpp"
#include "providers/healthie/resource_schema.hpp"

using namespace rosterform;

TEST_CASE("remote user: active and is_admin are read from the record") {
  const engine::ResourceSchema& s = healthie::staff_schema();
  engine::RemoteUser u;
  u.kind = engine::Kind::staff;
  u.fields.set(*s.id_of("active"), "false");
  u.fields.set(*s.id_of("is_admin"), "true");
  CHECK_FALSE(u.is_active(s.id_of("active")));
  CHECK(u.is_admin(s.id_of("is_admin")));
  u.fields.set(*s.id_of("active"), "true");
  u.fields.set(*s.id_of("is_admin"), "false");
  CHECK(u.is_active(s.id_of("active")));
  CHECK_FALSE(u.is_admin(s.id_of("is_admin")));
}

TEST_CASE("remote user: without a value, active and not an admin") {
  const engine::ResourceSchema& s = healthie::staff_schema();
  engine::RemoteUser u;
  CHECK(u.is_active(s.id_of("active")));  // the record has no value
  CHECK_FALSE(u.is_admin(s.id_of("is_admin")));
  u.fields.set(*s.id_of("active"), "false");
  u.fields.set(*s.id_of("is_admin"), "true");
  CHECK(u.is_active(std::nullopt));  // the schema has no such field
  CHECK_FALSE(u.is_admin(std::nullopt));
}
