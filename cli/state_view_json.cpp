#include "cli/state_view_json.hpp"

#include "cli/state_handles.hpp"
#include "engine/render/json_writer.hpp"

namespace rosterform::cli {

namespace {

using engine::render::JsonWriter;

void resource(JsonWriter& w, const std::string& address, const state::ResourceState& r) {
  std::string handle = state_handle(address, r);
  w.begin_object();
  w.field("address", handle);
  w.field("kind", engine::to_string(r.kind));
  // The key is shown only where the handle is the key itself; a hidden or
  // PHI-derived key is named by the Healthie id instead.
  w.key("key");
  std::size_t dot = address.find('.');
  handle == address ? w.string(address.substr(dot + 1)) : w.null();
  w.field("user_id", r.user_id);
  w.key("membership_id");
  r.membership_id.empty() ? w.null() : w.string(r.membership_id);
  w.key("managed_fields");
  w.begin_array();
  for (const auto& [name, digest] : r.applied) {
    w.string(name);
  }
  w.end_array();
  w.end_object();
}

void last_apply(JsonWriter& w, const std::optional<state::PlanProgress>& p) {
  w.key("last_apply");
  if (!p) {
    w.null();
    return;
  }
  w.begin_object();
  w.field("plan_hash", p->plan_hash);
  w.field("base_serial", p->base_serial);
  w.field("changes", static_cast<std::uint64_t>(p->changes));
  w.field("done", static_cast<std::uint64_t>(p->done.size()));
  w.field("complete", p->complete());
  w.end_object();
}

}  // namespace

std::string state_view_json(const state::StateFile& s, const StateViewSource& from) {
  JsonWriter w;
  w.begin_object();
  w.field("format_version", "1.0");
  w.field("workspace", from.workspace);
  w.field("backend", from.backend);
  w.field("present", from.present);
  w.field("state_format_version", static_cast<std::uint64_t>(s.format_version));
  w.key("lineage");
  from.present ? w.string(s.lineage) : w.null();
  w.field("serial", s.serial);
  w.key("resources");
  w.begin_array();
  for (const auto& [address, r] : s.resources) {
    resource(w, address, r);
  }
  w.end_array();
  last_apply(w, s.last_apply);
  w.end_object();
  return w.take();
}

}  // namespace rosterform::cli
