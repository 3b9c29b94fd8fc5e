#include "engine/render/human.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "engine/plan/handle.hpp"
#include "engine/render/mask.hpp"

namespace rosterform::engine::render {

namespace {

constexpr std::size_t k_unmanaged_listed = 20;

std::string_view colour_of(Action a) {
  switch (a) {
    case Action::create:
      return "\x1b[32m";
    case Action::update:
      return "\x1b[33m";
    case Action::deactivate:
      return "\x1b[31m";
    case Action::reactivate:
      return "\x1b[36m";
    case Action::adopt:
      return "\x1b[34m";
    case Action::forget:
    case Action::no_op:
      return "\x1b[2m";
  }
  return "";
}

class HumanRenderer {
 public:
  HumanRenderer(const Plan& plan, const RenderOptions& o) : m_plan(plan), m_o(o) {}

  std::string run() {
    if (!m_plan.targets.empty()) {
      m_out += paint("\x1b[33m", k_targeting_warning) + "\n\n";
    }
    if (!m_plan.drift.empty()) {
      drift();
    }
    if (!m_plan.refresh_only) {
      changes();
      unmanaged();
      guards();
    }
    m_out += bold(summary_line(m_plan)) + "\n";
    return std::move(m_out);
  }

 private:
  std::string paint(std::string_view code, std::string_view text) const {
    return m_o.color ? fmt::format("{}{}\x1b[0m", code, text) : std::string(text);
  }
  std::string bold(std::string_view text) const { return paint("\x1b[1m", text); }
  std::string sym(Action a) const { return paint(colour_of(a), std::string(1, symbol(a))); }

  void legend() {
    std::vector<std::string> parts;
    for (Action a : {Action::create, Action::update, Action::deactivate, Action::reactivate,
                     Action::adopt, Action::forget}) {
      if (m_plan.summary.count(a) > 0) {
        parts.push_back(fmt::format("  {} {}", sym(a), to_string(a)));
      }
    }
    m_out += "rosterform will perform the following actions, marked:\n";
    for (const std::string& p : parts) {
      m_out += p + "\n";
    }
    m_out += "\n";
  }

  void changes() {
    if (m_plan.changes.empty()) {
      return;
    }
    legend();
    for (const Change& c : m_plan.changes) {
      change(c);
    }
  }

  void change(const Change& c) {
    std::string address = display_address(c.address, m_o.show_sensitive);
    m_out += bold(fmt::format("  # {} {}", address, verb_phrase(c.action))) + "\n";
    m_out += fmt::format("  # ({})\n", c.reason);
    if (std::vector<std::string> more = other_handles(c.address, address); !more.empty()) {
      m_out += fmt::format("  # handles: {}\n", fmt::join(more, ", "));
    }
    m_out += fmt::format("  {} {}\n", sym(c.action), address);
    fields(c);
    for (const SideEffect& e : c.side_effects) {
      m_out += fmt::format("      ! {}\n", describe(e));
    }
    m_out += "\n";
  }

  // Deactivations and reactivations say what happens to `active` in their
  // header; repeating it as a field line would only add noise.
  bool shown(const Change& c, const FieldChange& f) const {
    return f.changed && !repeats_action(m_o, c, f);
  }

  // A masked field says nothing but its name, so the masked fields of one
  // change share a line ("+ email, dob, phone_number: (sensitive)"); a
  // masked field that drifted keeps its own line, which says so.
  bool summarised(const Change& c, const FieldChange& f) const {
    return !m_o.show_sensitive && !f.drifted && field_is_sensitive(m_o, c.address.kind, f.field);
  }

  static bool is_set(const Change& c, const FieldChange& f) {
    return !f.before || c.action == Action::create;
  }

  void fields(const Change& c) {
    std::size_t width = 0;
    std::vector<std::string_view> set;
    std::vector<std::string_view> changed;
    for (const FieldChange& f : c.fields) {
      if (!shown(c, f)) {
        continue;
      }
      std::string_view name = m_o.schema(c.address.kind).at(f.field).name;
      if (summarised(c, f)) {
        (is_set(c, f) ? set : changed).push_back(name);
      } else {
        width = std::max(width, name.size());
      }
    }
    std::size_t hidden = 0;
    for (const FieldChange& f : c.fields) {
      if (!shown(c, f)) {
        hidden += f.changed ? 0U : 1U;
      } else if (!summarised(c, f)) {
        m_out += fmt::format("      {}\n", field_line(c, f, width));
      }
    }
    if (!set.empty()) {
      m_out += fmt::format("      {} {}: {}\n", sym(Action::create), fmt::join(set, ", "),
                           k_sensitive);
    }
    if (!changed.empty()) {
      m_out += fmt::format("      {} {}: (sensitive, changed)\n", sym(Action::update),
                           fmt::join(changed, ", "));
    }
    if (hidden > 0) {
      m_out +=
          fmt::format("        ({} unchanged field{} hidden)\n", hidden, hidden == 1 ? "" : "s");
    }
  }

  std::string field_line(const Change& c, const FieldChange& f, std::size_t width) const {
    Kind kind = c.address.kind;
    std::string name = fmt::format("{:<{}}", m_o.schema(kind).at(f.field).name, width);
    bool masked = !m_o.show_sensitive && field_is_sensitive(m_o, kind, f.field);
    std::string drift = f.drifted ? "  # changed outside rosterform" : "";
    std::string later = f.known_after_apply ? " (dietitian_id known after apply)" : "";
    if (!f.before || c.action == Action::create) {
      return fmt::format("{} {} = {}{}{}", sym(Action::create), name,
                         display_value(m_o, kind, f.field, f.after, m_o.show_sensitive), later,
                         drift);
    }
    if (masked) {
      return fmt::format("{} {} = (sensitive, changed){}", sym(Action::update), name, drift);
    }
    return fmt::format("{} {} = {} -> {}{}{}", sym(Action::update), name,
                       display_value(m_o, kind, f.field, f.before, true),
                       display_value(m_o, kind, f.field, f.after, true), later, drift);
  }

  void drift() {
    m_out += bold("Changed outside rosterform since the last apply:") + "\n";
    m_out += "(Healthie's values are shown; the actions below say what rosterform will do.)\n\n";
    for (const Drift& d : m_plan.drift) {
      m_out += fmt::format("  # {}: {}\n", display_address(d.address, m_o.show_sensitive),
                           d.description);
      for (std::size_t i = 0; i < d.fields.size(); ++i) {
        Kind kind = d.address.kind;
        m_out += fmt::format("      ~ {} = {}\n", m_o.schema(kind).at(d.fields[i]).name,
                             display_value(m_o, kind, d.fields[i], d.now[i], m_o.show_sensitive));
      }
    }
    m_out += "\n";
  }

  void unmanaged() {
    if (std::size_t n = m_plan.unmanaged_not_shown; n > 0) {
      m_out += fmt::format(
          "Not managed by rosterform, left alone: {} user{}, not listed under "
          "-target.\n\n",
          n, n == 1 ? "" : "s");
    }
    if (m_plan.unmanaged.empty()) {
      return;
    }
    m_out += fmt::format(
        "Not managed by rosterform, left alone ({}; set policy.authoritative to "
        "deactivate users missing from the roster):\n",
        m_plan.unmanaged.size());
    std::size_t listed = std::min(m_plan.unmanaged.size(), k_unmanaged_listed);
    for (std::size_t i = 0; i < listed; ++i) {
      const UnmanagedUser& u = m_plan.unmanaged[i];
      if (u.kind == Kind::staff) {
        m_out += fmt::format("  staff {} (Healthie user {})\n", u.email, u.user_id);
      } else {
        m_out += fmt::format("  client (Healthie user {})\n", u.user_id);
      }
    }
    if (listed < m_plan.unmanaged.size()) {
      m_out += fmt::format("  ... and {} more\n", m_plan.unmanaged.size() - listed);
    }
    m_out += "\n";
  }

  void guards() {
    bool any = std::any_of(m_plan.guards.begin(), m_plan.guards.end(),
                           [](const GuardResult& g) { return g.status != GuardStatus::passed; });
    if (!any) {
      return;
    }
    m_out += bold("Guard rails:") + "\n";
    // One heading per rule, then its findings: the override is said once.
    for (const GuardResult& g : m_plan.guards) {
      if (g.status == GuardStatus::passed || g.findings.empty()) {
        continue;
      }
      if (g.status == GuardStatus::refused) {
        m_out +=
            fmt::format("  {} {} (to override this rule only, re-run with {}):\n",
                        paint("\x1b[31m", "REFUSED"), to_string(g.rule), override_flag(g.rule));
      } else {
        m_out += fmt::format("  overridden {} by {}:\n", to_string(g.rule), override_flag(g.rule));
      }
      for (const std::string& f : g.findings) {
        m_out += fmt::format("    - {}\n", f);
      }
    }
    m_out += "\n";
  }

  const Plan& m_plan;
  const RenderOptions& m_o;
  std::string m_out;
};

}  // namespace

std::string render_human(const Plan& plan, const RenderOptions& options) {
  return HumanRenderer(plan, options).run();
}

}  // namespace rosterform::engine::render
