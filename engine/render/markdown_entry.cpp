#include "engine/render/markdown_entry.hpp"

#include <vector>

#include <fmt/format.h>

#include "engine/plan/handle.hpp"
#include "engine/render/mask.hpp"

namespace rosterform::engine::render {

namespace {

// " (`client.id:2001`, `roster/clients.yaml:3`)": the other handles a
// reviewer can pass to -target or `state show`.
std::string also(const Address& a) {
  std::vector<std::string> more = other_handles(a);
  if (more.empty()) {
    return {};
  }
  std::string out;
  for (const std::string& h : more) {
    out += (out.empty() ? " (" : ", ") + markdown_code(h);
  }
  return out + ")";
}

std::string field_part(const Change& c, const FieldChange& f, const RenderOptions& o) {
  Kind kind = c.address.kind;
  std::string_view name = o.schema(kind).at(f.field).name;
  if (field_is_sensitive(o, kind, f.field)) {
    bool created = c.action == Action::create || !f.before;
    return fmt::format("{} {}", markdown_code(name),
                       created ? "(sensitive)" : "(sensitive, changed)");
  }
  if (f.before && c.action != Action::create) {
    return fmt::format("{}: {} → {}", markdown_code(name),
                       markdown_code(display_value(o, kind, f.field, f.before, false)),
                       markdown_code(display_value(o, kind, f.field, f.after, false)));
  }
  return fmt::format("{}: {}", markdown_code(name),
                     markdown_code(display_value(o, kind, f.field, f.after, false)));
}

}  // namespace

std::string markdown_code(std::string_view s) {
  std::string out = "`";
  for (char c : s) {
    out += (c == '`') ? '\'' : (c == '\n' || c == '\r' || c == '|') ? ' ' : c;
  }
  return out + "`";
}

std::string markdown_change(const Change& c, const RenderOptions& o) {
  std::string out = fmt::format("- {}{} — {}\n", markdown_code(display_address(c.address, false)),
                                also(c.address), c.reason);
  std::string joined;
  for (const FieldChange& f : c.fields) {
    if (f.changed && !repeats_action(o, c, f)) {
      joined += (joined.empty() ? "" : ", ") + field_part(c, f, o);
    }
  }
  if (!joined.empty()) {
    out += fmt::format("  - {}\n", joined);
  }
  for (const SideEffect& e : c.side_effects) {
    out += fmt::format("  - ⚠️ {}\n", describe(e));
  }
  return out;
}

std::string markdown_drift(const Drift& d) {
  return fmt::format("- {}: {}\n", markdown_code(display_address(d.address, false)),
                     d.description);
}

}  // namespace rosterform::engine::render
