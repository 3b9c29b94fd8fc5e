#pragma once
// `resource_changes` in the shape of `terraform show -json`, so that policy
// tools and plan-comment tools written for Terraform plans (OPA/conftest,
// borchero/terraform-plan-comment, ...) read a rosterform plan unchanged.
// The mapping is documented in docs/plan-format.md, "Terraform-compatible
// resource_changes". Masking differs from Terraform's on purpose: a
// sensitive value is never written; `before_sensitive`/`after_sensitive`
// mark it, and it is absent from `before`/`after`.

#include <optional>
#include <string>
#include <string_view>

#include "engine/plan/plan.hpp"
#include "engine/render/json_writer.hpp"
#include "engine/render/render_options.hpp"

namespace rosterform::engine::render {

// Terraform's word for a rosterform action: "create", "update", "no-op" (an
// adoption with nothing to change), "forget". Healthie never deletes, so a
// deactivation or reactivation is an "update"; never "delete".
[[nodiscard]] std::string_view terraform_action(const Change& c);

// "healthie_staff" / "healthie_client".
[[nodiscard]] std::string_view terraform_type(Kind kind);

// A field's value as the JSON plan writes it: a boolean for a boolean field,
// else a string; null for "no value". The caller masks.
void write_value(JsonWriter& w, const RenderOptions& o, Kind kind, FieldId id,
                 const std::optional<std::string>& value);

// Writes "resource_changes": [...] into the current object.
void write_resource_changes(JsonWriter& w, const Plan& plan, const RenderOptions& o);

}  // namespace rosterform::engine::render
