// "This looks like a rename": a roster entry whose email changed without
// `previously:` is, to the diff, a new person (a create) and a departed one
// (a deactivation). When the two carry the same names (and the same dob,
// where both have one), the reviewer is told so, with both handles, and how
// to make it an update. Only the handles are printed: a client's names and
// emails are PHI, and a staff member's old email is in the plan already.
#include <unordered_map>

#include <fmt/format.h>

#include "engine/plan/diff_context.hpp"
#include "engine/plan/handle.hpp"
#include "engine/plan/identity_index.hpp"

namespace rosterform::engine {

namespace {

struct Identity {
  std::string_view email;
  std::string_view first;
  std::string_view last;
  std::string_view dob;
};

std::string_view after_of(const Change& c, std::optional<FieldId> id) {
  for (const FieldChange& f : c.fields) {
    if (id && f.field == *id && f.after) {
      return *f.after;
    }
  }
  return {};
}

bool same_person(const Identity& a, const Identity& b) {
  return !a.email.empty() && !b.email.empty() && !equals_folded(a.email, b.email) &&
         !a.first.empty() && equals_folded(a.first, b.first) && !a.last.empty() &&
         equals_folded(a.last, b.last) && (a.dob.empty() || b.dob.empty() || a.dob == b.dob);
}

std::string name_key(const Identity& i) {
  std::string key;
  for (std::string_view part : {i.first, i.last}) {
    for (char c : part) {
      key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    key += '\n';
  }
  return key;
}

class RenameHints {
 public:
  RenameHints(DiffContext& ctx, Kind kind)
      : m_ctx(ctx), m_kind(kind), m_f(ctx.fields(kind)), m_dob(m_f.schema->id_of("dob")) {}

  void run() {
    index_departures();
    if (m_departing.empty()) {
      return;
    }
    for (const Change& c : m_ctx.plan.changes) {
      if (c.address.kind != m_kind || c.action != Action::create) {
        continue;
      }
      Identity arriving{after_of(c, m_f.email), after_of(c, m_f.first_name),
                        after_of(c, m_f.last_name), after_of(c, m_dob)};
      auto [from, to] = m_departing.equal_range(name_key(arriving));
      for (auto it = from; it != to; ++it) {
        if (same_person(arriving, identity_of(*it->second.remote))) {
          warn(c, *it->second.change);
          break;
        }
      }
    }
  }

 private:
  struct Departure {
    const Change* change;
    const RemoteUser* remote;
  };

  Identity identity_of(const RemoteUser& r) const {
    return {r.fields.value_or_empty(m_f.email), r.fields.value_or_empty(m_f.first_name),
            r.fields.value_or_empty(m_f.last_name), r.fields.value_or_empty(m_dob)};
  }

  void index_departures() {
    std::unordered_map<std::string_view, const RemoteUser*> by_id;
    for (const Change& c : m_ctx.plan.changes) {
      if (c.address.kind == m_kind && c.action == Action::deactivate && !c.address.user_id.empty()) {
        by_id.emplace(c.address.user_id, nullptr);
      }
    }
    if (by_id.empty()) {
      return;
    }
    for (const RemoteUser& r : *m_ctx.of(m_kind).remote) {
      if (auto it = by_id.find(r.user_id); it != by_id.end()) {
        it->second = &r;
      }
    }
    for (const Change& c : m_ctx.plan.changes) {
      auto it = c.action == Action::deactivate && c.address.kind == m_kind
                    ? by_id.find(c.address.user_id)
                    : by_id.end();
      if (it != by_id.end() && it->second != nullptr) {
        m_departing.emplace(name_key(identity_of(*it->second)), Departure{&c, it->second});
      }
    }
  }

  void warn(const Change& arriving, const Change& departing) {
    std::string former = m_kind == Kind::staff
                             ? std::string(departing.address.key)
                             : std::string("<the former email>");
    std::string same = m_dob ? "names and dob" : "names";
    m_ctx.diags.warning(
        arriving.address.location,
        fmt::format("{}: this looks like a rename of {} (same {}, another email), which the plan "
                    "would create anew and deactivate; add `previously: {}` to the entry at {} "
                    "so that the plan updates {} instead",
                    label(arriving.address), label(departing.address), same, former,
                    location_handle(arriving.address.location), label(departing.address)));
  }

  DiffContext& m_ctx;
  Kind m_kind;
  const SchemaFields& m_f;
  std::optional<FieldId> m_dob;
  std::unordered_multimap<std::string, Departure> m_departing;
};

}  // namespace

void hint_renames(DiffContext& ctx) {
  for (Kind kind : {Kind::staff, Kind::client}) {
    RenameHints(ctx, kind).run();
  }
}

}  // namespace rosterform::engine
