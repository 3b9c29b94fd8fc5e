// What Healthie does on its own when a change is applied, shown in the plan
// so that nobody is surprised: the emails a create sends, the appointments
// and scheduled payments an archive cancels, and the clients a departing
// provider hands over (or keeps).
#include "engine/plan/compare.hpp"
#include "engine/plan/diff_context.hpp"

namespace rosterform::engine {

namespace {

std::string_view provider_after(const DiffContext& ctx, std::uint32_t r) {
  const SchemaFields& f = ctx.clients.fields;
  if (!f.reference) {
    return {};
  }
  std::uint32_t owner = ctx.client_match.remote_owner[r];
  if (owner != k_no_index) {
    if (auto v = ctx.in.desired.clients[owner].fields.get(*f.reference)) {
      return *v;
    }
  }
  return ctx.in.current.clients[r].fields.value_or_empty(f.reference);
}

// A client created with `active: false`: Healthie creates clients active,
// so apply archives it right after (engine/apply/change_mutations.hpp).
bool created_archived(const SchemaFields& f, const Change& c) {
  if (c.action != Action::create || !f.active) {
    return false;
  }
  for (const FieldChange& fc : c.fields) {
    if (fc.field == *f.active && fc.after && *fc.after == "false") {
      return true;
    }
  }
  return false;
}

bool reference_changed(const SchemaFields& f, const Change& c) {
  for (const FieldChange& fc : c.fields) {
    if (f.reference && fc.field == *f.reference && fc.changed && fc.before) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::size_t> clients_left_with_departing_staff(const DiffContext& ctx) {
  const auto& staff = ctx.directory->entries();
  std::vector<std::size_t> left(staff.size(), 0);
  bool any_departing = false;
  for (const StaffEntry& s : staff) {
    any_departing = any_departing || s.planned == Action::deactivate;
  }
  if (!any_departing) {
    return left;
  }
  for (std::uint32_t r = 0; r < ctx.in.current.clients.size(); ++r) {
    if (ctx.client_active_after.empty() || ctx.client_active_after[r] == 0) {
      continue;
    }
    std::string_view ref = provider_after(ctx, r);
    const StaffEntry* s = ref.empty() ? nullptr : ctx.directory->resolve(ref);
    if (s != nullptr && s->planned == Action::deactivate) {
      ++left[static_cast<std::size_t>(s - staff.data())];
    }
  }
  return left;
}

void add_side_effects(DiffContext& ctx) {
  const Policy& policy = ctx.in.desired.policy;
  std::vector<std::size_t> left = clients_left_with_departing_staff(ctx);
  for (Change& c : ctx.plan.changes) {
    if (c.address.kind == Kind::staff) {
      if (c.action == Action::create && policy.send_invite_email) {
        c.side_effects.push_back({SideEffectKind::invite_email, 0, c.address.key});
      }
      const StaffEntry* s = ctx.directory->by_email(c.address.key);
      if (c.action == Action::deactivate && s != nullptr) {
        std::size_t n = left[static_cast<std::size_t>(s - ctx.directory->entries().data())];
        if (n > 0 && !c.reassign_clients_to.empty()) {
          c.side_effects.push_back({SideEffectKind::clients_reassigned, n, c.reassign_clients_to});
        } else if (n > 0) {
          c.side_effects.push_back({SideEffectKind::clients_left_assigned, n, {}});
        }
      }
      continue;
    }
    if (created_archived(ctx.clients.fields, c)) {
      // No welcome email: it would invite the client into an archived account.
      c.reason += policy.send_welcome_email
                      ? "; created without a welcome email, then archived (Healthie creates "
                        "clients active)"
                      : "; created, then archived (Healthie creates clients active)";
    } else if (c.action == Action::create && policy.send_welcome_email) {
      c.side_effects.push_back({SideEffectKind::welcome_email, 0, {}});
    }
    if (c.action == Action::deactivate) {
      c.side_effects.push_back({SideEffectKind::appointments_cancelled, 0, {}});
    }
    if (reference_changed(ctx.clients.fields, c)) {
      const std::string* to = nullptr;
      for (const FieldChange& fc : c.fields) {
        if (fc.field == *ctx.clients.fields.reference && fc.after) {
          to = &*fc.after;
        }
      }
      c.side_effects.push_back({SideEffectKind::provider_changed, 0, to ? *to : std::string()});
    }
  }
}

}  // namespace rosterform::engine
