#pragma once
// Turning matches into changes, one kind at a time (kind_planner.cpp for
// roster entries, removals.cpp for the rest).
//
// Three populations are walked once each:
//   * roster entries: create when unmatched, adopt when matched by identity
//     only, else reactivate / deactivate / update / no-op by comparing the
//     managed fields (compare.hpp);
//   * state entries no roster entry claims any more: "removed from the
//     roster", so deactivate (or forget, per policy.on_removal, or when
//     Healthie already has them inactive);
//   * Healthie users neither the roster nor the state knows: listed as
//     unmanaged and left alone, or deactivated under policy.authoritative.
// A kind whose section the roster does not declare is not managed at all.
// No-ops are counted, not stored, so a million unchanged clients cost a
// counter.

#include <cstdint>
#include <string>

#include "engine/plan/compare.hpp"
#include "engine/plan/diff_context.hpp"

namespace rosterform::engine {

class KindPlanner {
 public:
  KindPlanner(DiffContext& ctx, Kind kind)
      : m_ctx(ctx), m_kind(kind), m_in(ctx.of(kind)), m_match(ctx.matching(kind)) {}

  void run();

 private:
  const RemoteUser* remote_at(std::uint32_t r) const {
    return r == k_no_index ? nullptr : &(*m_in.remote)[r];
  }
  CompareContext compare_context(const ManagedRecord* prior) const {
    return CompareContext{m_kind, &m_in.fields, m_ctx.directory.get(), prior, m_ctx.in.hasher};
  }
  void count_no_op() { ++m_ctx.plan.summary.by_action[static_cast<std::size_t>(Action::no_op)]; }

  // Roster entries (kind_planner.cpp).
  void plan_entry(std::uint32_t i);
  bool decide(const DesiredUser& d, const Match& match, const RemoteUser* r,
              const ManagedRecord* prior, const Compared& c, Change& change);
  void record_fate(std::uint32_t r, const DesiredUser& d, Action action, bool active_after);
  void add_drift(const Change& change);

  // State entries no roster entry claims, and unknown users (removals.cpp).
  void plan_removed();
  void plan_unclaimed();
  void drift_of_removed(const ManagedRecord& rec, const RemoteUser& r, const Address& address);
  Change removal(const Address& address, const RemoteUser* r, Action action, std::string reason);

  DiffContext& m_ctx;
  Kind m_kind;
  const KindInputs& m_in;
  const Matching& m_match;
};

}  // namespace rosterform::engine
