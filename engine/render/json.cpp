#include "engine/render/json.hpp"

#include "engine/plan/handle.hpp"
#include "engine/render/json_resource_changes.hpp"
#include "engine/render/json_writer.hpp"
#include "engine/render/mask.hpp"
#include "engine/version.hpp"

namespace rosterform::engine::render {

namespace {

std::string_view to_string(SideEffectKind k) {
  switch (k) {
    case SideEffectKind::invite_email:
      return "invite_email";
    case SideEffectKind::welcome_email:
      return "welcome_email";
    case SideEffectKind::appointments_cancelled:
      return "appointments_cancelled";
    case SideEffectKind::clients_reassigned:
      return "clients_reassigned";
    case SideEffectKind::clients_left_assigned:
      return "clients_left_assigned";
    case SideEffectKind::provider_changed:
      return "provider_changed";
  }
  return "?";
}

class JsonRenderer {
 public:
  JsonRenderer(const Plan& plan, const Diagnostics& diags, const RenderOptions& o,
               const PlanBinding& b)
      : m_plan(plan), m_diags(diags), m_o(o), m_binding(b) {}

  std::string run() {
    bool ok = !m_diags.has_errors();
    m_w.begin_object();
    m_w.field("format_version", k_plan_format_version);
    m_w.field("rosterform_version", engine::k_version);
    m_w.field("refresh_only", m_plan.refresh_only);
    m_w.field("targeted", !m_plan.targets.empty());
    m_w.field("complete", ok);
    m_w.field("errored", !ok);
    m_w.field("refused", ok && m_plan.refused());
    m_w.field("applyable", ok && !m_plan.refused() && !m_plan.refresh_only && m_plan.has_changes());
    binding();
    diagnostics();
    summary();
    guards();
    m_w.key("changes");
    m_w.begin_array();
    if (ok && !m_plan.refresh_only) {
      for (std::size_t i = 0; i < m_plan.changes.size(); ++i) {
        change(i, m_plan.changes[i]);
      }
    }
    m_w.end_array();
    if (ok && !m_plan.refresh_only) {
      write_resource_changes(m_w, m_plan, m_o);
    } else {
      m_w.key("resource_changes");
      m_w.begin_array();
      m_w.end_array();
    }
    drift();
    unmanaged();
    m_w.end_object();
    return m_w.take();
  }

 private:
  void address(const Address& a) {
    m_w.field("address", display_address(a, false));
    m_w.field("kind", engine::to_string(a.kind));
    m_w.key("key");
    if (auto key = display_key(a, false)) {
      m_w.string(*key);
    } else {
      m_w.null();
    }
    m_w.key("user_id");
    a.user_id.empty() ? m_w.null() : m_w.string(a.user_id);
    m_w.key("location");
    a.location.known() ? m_w.string(a.location.to_string()) : m_w.null();
    // What -target, `state show` and `state rm` accept for this user.
    m_w.key("handles");
    m_w.begin_array();
    for (const std::string& h : handles(a)) {
      m_w.string(h);
    }
    m_w.end_array();
  }

  void value(Kind kind, FieldId id, std::string_view name, const std::optional<std::string>& v) {
    m_w.key(name);
    write_value(m_w, m_o, kind, id, v);
  }

  void optional_string(std::string_view name, const std::string& v) {
    m_w.key(name);
    v.empty() ? m_w.null() : m_w.string(v);
  }

  // What the plan was made from (plan_binding.hpp); null where unknown.
  void binding() {
    m_w.key("binding");
    m_w.begin_object();
    m_w.field("workspace", m_binding.workspace);
    optional_string("commit", m_binding.commit);
    optional_string("plan_hash", m_binding.plan_hash);
    m_w.key("state");
    if (m_binding.state_present) {
      m_w.begin_object();
      m_w.field("lineage", m_binding.lineage);
      m_w.field("serial", m_binding.serial);
      m_w.end_object();
    } else {
      m_w.null();
    }
    optional_string("healthie_api_version", m_binding.api_version);
    m_w.end_object();
  }

  void diagnostics() {
    for (Severity sev : {Severity::error, Severity::warning}) {
      m_w.key(sev == Severity::error ? "errors" : "warnings");
      m_w.begin_array();
      for (const Diagnostic& d : m_diags.items()) {
        if (d.severity != sev) {
          continue;
        }
        m_w.begin_object();
        m_w.key("location");
        d.location.known() ? m_w.string(d.location.to_string()) : m_w.null();
        m_w.field("message", d.message);
        m_w.end_object();
      }
      m_w.end_array();
    }
  }

  void summary() {
    m_w.key("summary");
    m_w.begin_object();
    for (std::size_t a = 0; a < k_action_count; ++a) {
      std::string name(engine::to_string(static_cast<Action>(a)));
      m_w.field(name == "no-op" ? "no_op" : name,
                static_cast<std::uint64_t>(m_plan.summary.by_action[a]));
    }
    // Every unmanaged user, listed or not: -target empties the list only.
    m_w.field("unmanaged", static_cast<std::uint64_t>(m_plan.summary.unmanaged));
    m_w.field("drifted", static_cast<std::uint64_t>(m_plan.drift.size()));
    m_w.field("text", summary_line(m_plan));
    m_w.end_object();
  }

  void guards() {
    m_w.key("guards");
    m_w.begin_array();
    for (const GuardResult& g : m_plan.guards) {
      m_w.begin_object();
      m_w.field("rule", engine::to_string(g.rule));
      m_w.field("status", engine::to_string(g.status));
      m_w.field("override_flag", override_flag(g.rule));
      m_w.key("findings");
      m_w.begin_array();
      for (const std::string& f : g.findings) {
        m_w.string(f);
      }
      m_w.end_array();
      m_w.end_object();
    }
    m_w.end_array();
  }

  void change(std::size_t index, const Change& c) {
    m_w.begin_object();
    m_w.field("index", static_cast<std::uint64_t>(index));
    m_w.field("action", engine::to_string(c.action));
    address(c.address);
    m_w.field("reason", c.reason);
    if (!c.moved_from.empty()) {
      bool phi = c.address.key_is_phi;
      m_w.key("moved_from");
      phi ? m_w.null() : m_w.string(c.moved_from);
    }
    if (!c.reassign_clients_to.empty()) {
      m_w.field("reassign_clients_to", c.reassign_clients_to);
    }
    fields(c);
    side_effects(c);
    m_w.key("depends_on");
    m_w.begin_array();
    for (std::size_t d : c.depends_on) {
      m_w.number(d);
    }
    m_w.end_array();
    m_w.key("fingerprint");
    m_w.begin_object();
    m_w.field("updated_at", c.fingerprint.updated_at);
    m_w.field("fields_digest", c.fingerprint.fields_digest);
    m_w.end_object();
    m_w.end_object();
  }

  void fields(const Change& c) {
    Kind kind = c.address.kind;
    m_w.key("fields");
    m_w.begin_array();
    for (const FieldChange& f : c.fields) {
      std::string_view name = m_o.schema(kind).at(f.field).name;
      bool sensitive = field_is_sensitive(m_o, kind, f.field);
      m_w.begin_object();
      m_w.field("name", name);
      m_w.field("sensitive", sensitive);
      m_w.field("changed", f.changed);
      m_w.field("drifted", f.drifted);
      m_w.field("known_after_apply", f.known_after_apply);
      if (!sensitive) {
        value(kind, f.field, "before", f.before);
        value(kind, f.field, "after", f.after);
      }
      m_w.end_object();
    }
    m_w.end_array();
  }

  void side_effects(const Change& c) {
    m_w.key("side_effects");
    m_w.begin_array();
    for (const SideEffect& e : c.side_effects) {
      m_w.begin_object();
      m_w.field("kind", to_string(e.kind));
      m_w.field("count", static_cast<std::uint64_t>(e.count));
      m_w.key("target");
      e.target.empty() ? m_w.null() : m_w.string(e.target);
      m_w.field("description", describe(e));
      m_w.end_object();
    }
    m_w.end_array();
  }

  void drift() {
    m_w.key("drift");
    m_w.begin_array();
    for (const Drift& d : m_plan.drift) {
      m_w.begin_object();
      address(d.address);
      m_w.field("description", d.description);
      m_w.key("fields");
      m_w.begin_array();
      for (std::size_t i = 0; i < d.fields.size(); ++i) {
        Kind kind = d.address.kind;
        bool sensitive = field_is_sensitive(m_o, kind, d.fields[i]);
        m_w.begin_object();
        m_w.field("name", m_o.schema(kind).at(d.fields[i]).name);
        m_w.field("sensitive", sensitive);
        if (!sensitive) {
          value(kind, d.fields[i], "now", d.now[i]);
        }
        m_w.end_object();
      }
      m_w.end_array();
      m_w.end_object();
    }
    m_w.end_array();
  }

  void unmanaged() {
    m_w.key("unmanaged");
    m_w.begin_array();
    for (const UnmanagedUser& u : m_plan.unmanaged) {
      m_w.begin_object();
      m_w.field("kind", engine::to_string(u.kind));
      m_w.field("user_id", u.user_id);
      m_w.key("email");
      u.email.empty() ? m_w.null() : m_w.string(u.email);
      m_w.end_object();
    }
    m_w.end_array();
  }

  const Plan& m_plan;
  const Diagnostics& m_diags;
  const RenderOptions& m_o;
  const PlanBinding& m_binding;
  JsonWriter m_w;
};

}  // namespace

std::string render_json(const Plan& plan, const Diagnostics& diagnostics,
                        const RenderOptions& options, const PlanBinding& binding) {
  return JsonRenderer(plan, diagnostics, options, binding).run();
}

}  // namespace rosterform::engine::render
