#include "engine/render/markdown.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "engine/plan/handle.hpp"
#include "engine/render/mask.hpp"

namespace rosterform::engine::render {

namespace {

// Room kept for the "N more changes not shown" line.
constexpr std::size_t k_tail_reserve = 160;
constexpr std::size_t k_drift_listed = 50;

constexpr std::array<Action, 6> k_groups = {Action::create, Action::update,     Action::reactivate,
                                            Action::adopt,  Action::deactivate, Action::forget};

std::string_view title(Action a) {
  switch (a) {
    case Action::create:
      return "Create";
    case Action::update:
      return "Update";
    case Action::reactivate:
      return "Reactivate";
    case Action::adopt:
      return "Adopt";
    case Action::deactivate:
      return "Deactivate";
    case Action::forget:
      return "Stop managing";
    case Action::no_op:
      break;
  }
  return "?";
}

// Inline code that survives any value: backticks become quotes, and table
// and newline characters are flattened.
std::string code(std::string_view s) {
  std::string out = "`";
  for (char c : s) {
    out += (c == '`') ? '\'' : (c == '\n' || c == '\r' || c == '|') ? ' ' : c;
  }
  return out + "`";
}

// " (`client.id:2001`, `roster/clients.yaml:3`)": the other handles a
// reviewer can pass to -target or `state show`.
std::string also(const Address& a) {
  std::vector<std::string> more = other_handles(a);
  if (more.empty()) {
    return {};
  }
  std::string out;
  for (const std::string& h : more) {
    out += (out.empty() ? " (" : ", ") + code(h);
  }
  return out + ")";
}

class MarkdownRenderer {
 public:
  MarkdownRenderer(const Plan& plan, const RenderOptions& o, std::size_t limit)
      : m_plan(plan), m_o(o), m_limit(limit) {}

  std::string run() {
    m_out = "### rosterform plan\n\n";
    m_out += fmt::format("**{}**\n\n", summary_line(m_plan));
    if (!m_plan.targets.empty()) {
      m_out += fmt::format("> {}\n\n", k_targeting_warning);
    }
    refusals();
    drift();
    if (!m_plan.refresh_only) {
      groups();
      if (m_shown < m_plan.changes.size()) {
        m_out += fmt::format("\n_{} more changes not shown._\n", m_plan.changes.size() - m_shown);
        return std::move(m_out);
      }
      unmanaged();
    }
    return std::move(m_out);
  }

 private:
  // An overridden rule says which flag lifted it, not how to lift it.
  void refusals() {
    for (const GuardResult& g : m_plan.guards) {
      for (const std::string& f : g.findings) {
        if (g.status == GuardStatus::refused) {
          m_out += fmt::format(
              "> **Refused by guard rail `{}`**: {}. Override this rule only with "
              "`{}`.\n\n",
              to_string(g.rule), f, override_flag(g.rule));
        } else {
          m_out += fmt::format("> **Guard rail `{}` overridden** by `{}`: {}.\n\n",
                               to_string(g.rule), override_flag(g.rule), f);
        }
      }
    }
  }

  void drift() {
    if (m_plan.drift.empty()) {
      return;
    }
    m_out += fmt::format("#### Changed outside rosterform ({})\n\n", m_plan.drift.size());
    std::size_t listed = std::min(m_plan.drift.size(), k_drift_listed);
    for (std::size_t i = 0; i < listed; ++i) {
      const Drift& d = m_plan.drift[i];
      m_out += fmt::format("- {}: {}\n", code(display_address(d.address, false)), d.description);
    }
    if (listed < m_plan.drift.size()) {
      m_out += fmt::format("- … and {} more\n", m_plan.drift.size() - listed);
    }
    m_out += "\n";
  }

  void groups() {
    for (Action a : k_groups) {
      std::size_t n = m_plan.summary.count(a);
      if (n == 0) {
        continue;
      }
      std::string heading = fmt::format("#### {} ({})\n\n", title(a), n);
      bool headed = false;
      for (const Change& c : m_plan.changes) {
        if (c.action != a) {
          continue;
        }
        std::string item = entry(c);
        std::size_t need = item.size() + (headed ? 0 : heading.size());
        if (m_out.size() + need + k_tail_reserve > m_limit) {
          return;
        }
        if (!headed) {
          m_out += heading;
          headed = true;
        }
        m_out += item;
        ++m_shown;
      }
      m_out += "\n";
    }
  }

  std::string entry(const Change& c) const {
    std::string out = fmt::format("- {}{} — {}\n", code(display_address(c.address, false)),
                                  also(c.address), c.reason);
    std::vector<std::string> parts;
    Kind kind = c.address.kind;
    for (const FieldChange& f : c.fields) {
      if (!f.changed || repeats_action(m_o, c, f)) {
        continue;
      }
      std::string_view name = m_o.schema(kind).at(f.field).name;
      if (field_is_sensitive(m_o, kind, f.field)) {
        bool created = c.action == Action::create || !f.before;
        parts.push_back(
            fmt::format("{} {}", code(name), created ? "(sensitive)" : "(sensitive, changed)"));
      } else if (f.before && c.action != Action::create) {
        parts.push_back(fmt::format("{}: {} → {}", code(name),
                                    code(display_value(m_o, kind, f.field, f.before, false)),
                                    code(display_value(m_o, kind, f.field, f.after, false))));
      } else {
        parts.push_back(fmt::format("{}: {}", code(name),
                                    code(display_value(m_o, kind, f.field, f.after, false))));
      }
    }
    if (!parts.empty()) {
      std::string joined;
      for (const std::string& p : parts) {
        joined += (joined.empty() ? "" : ", ") + p;
      }
      out += fmt::format("  - {}\n", joined);
    }
    for (const SideEffect& e : c.side_effects) {
      out += fmt::format("  - ⚠️ {}\n", describe(e));
    }
    return out;
  }

  void unmanaged() {
    if (std::size_t n = m_plan.unmanaged_not_shown; n > 0) {
      std::string line = fmt::format(
          "_Not managed by rosterform and left alone: {} user{}, not "
          "listed under `-target`._\n",
          n, n == 1 ? "" : "s");
      if (m_out.size() + line.size() <= m_limit) {
        m_out += line;
      }
    }
    if (m_plan.unmanaged.empty()) {
      return;
    }
    std::size_t staff = static_cast<std::size_t>(
        std::count_if(m_plan.unmanaged.begin(), m_plan.unmanaged.end(),
                      [](const UnmanagedUser& u) { return u.kind == Kind::staff; }));
    std::size_t clients = m_plan.unmanaged.size() - staff;
    std::string line =
        fmt::format("_Not managed by rosterform and left alone: {} staff, {} client{}._\n", staff,
                    clients, clients == 1 ? "" : "s");
    if (m_out.size() + line.size() <= m_limit) {
      m_out += line;
    }
  }

  const Plan& m_plan;
  const RenderOptions& m_o;
  std::size_t m_limit;
  std::string m_out;
  std::size_t m_shown = 0;
};

}  // namespace

std::string render_markdown(const Plan& plan, const RenderOptions& options, std::size_t limit) {
  return MarkdownRenderer(plan, options, limit).run();
}

}  // namespace rosterform::engine::render
