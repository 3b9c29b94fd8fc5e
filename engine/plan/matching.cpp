// Identity matching.
//
// A roster entry and a Healthie user are the same person when, in order:
//
//   1. the state file maps the entry's key (or one of its `previously` keys)
//      to the user's Healthie id: once rosterform manages a user it follows
//      the id, so renaming an email or a name is an update, never a
//      create-and-archive;
//   2. otherwise, by identity fields, which makes the change an adoption:
//      staff by work email (or a `previously` email), case-insensitively;
//      clients by record_identifier when the entry has one and some Healthie
//      client carries it, else by email with first and last name, which is
//      the uniqueness Healthie itself enforces.
//
// Two Healthie users matching one entry, or two entries matching one user,
// stop the plan: guessing would edit or archive the wrong person.
//
// Every lookup goes through an IdentityIndex (a sorted vector of 64-bit
// hashes), so matching a million entries costs a few sorts and binary
// searches and no allocation per record.
#include "engine/plan/matching.hpp"

#include <fmt/format.h>

#include "engine/plan/handle.hpp"
#include "engine/plan/identity_index.hpp"

namespace rosterform::engine {

namespace {

constexpr std::uint64_t k_separator_seed = 0x9e3779b97f4a7c15ULL;

std::uint64_t name_hash(const SchemaFields& f, const Record& r) {
  std::uint64_t h = identity_hash(r.value_or_empty(f.email), true);
  h = identity_hash(r.value_or_empty(f.first_name), true, h ^ k_separator_seed);
  return identity_hash(r.value_or_empty(f.last_name), true, h ^ k_separator_seed);
}

bool same_name(const SchemaFields& f, const Record& a, const Record& b) {
  return equals_folded(a.value_or_empty(f.email), b.value_or_empty(f.email)) &&
         equals_folded(a.value_or_empty(f.first_name), b.value_or_empty(f.first_name)) &&
         equals_folded(a.value_or_empty(f.last_name), b.value_or_empty(f.last_name));
}

std::string_view plural(Kind kind) {
  return kind == Kind::staff ? "staff members" : "clients";
}

class Matcher {
 public:
  Matcher(const KindInputs& in, Diagnostics& diags) : m_in(in), m_diags(diags) {}

  Matching run() {
    build_indexes();
    m_out.desired.resize(m_in.desired->size());
    for (std::uint32_t i = 0; i < m_in.desired->size(); ++i) {
      match_one(i);
    }
    return std::move(m_out);
  }

 private:
  const std::vector<RemoteUser>& remote() const { return *m_in.remote; }
  const ManagedRecord& prior_at(std::uint32_t p) const {
    return m_in.prior->records[m_out.prior_of_kind[p]];
  }

  // Ids and state keys are always needed; identity fields only when some
  // entry is not in the state yet (a first run, or new people), so a
  // steady-state plan never hashes a million emails.
  void build_indexes() {
    const auto& rs = remote();
    m_out.remote_owner.assign(rs.size(), k_no_index);
    m_out.remote_prior.assign(rs.size(), k_no_index);
    m_remote_by_id.reserve(rs.size());
    for (std::uint32_t r = 0; r < rs.size(); ++r) {
      m_remote_by_id.add(identity_hash(rs[r].user_id, false), r);
    }
    for (std::uint32_t p = 0; p < m_in.prior->records.size(); ++p) {
      const ManagedRecord& rec = m_in.prior->records[p];
      if (rec.kind != m_in.kind) {
        continue;
      }
      auto local = static_cast<std::uint32_t>(m_out.prior_of_kind.size());
      m_out.prior_of_kind.push_back(p);
      m_prior_by_key.add(identity_hash(rec.key, false), local);
      std::uint32_t r = remote_by_id(rec.user_id);
      m_prior_remote.push_back(r);
      if (r != k_no_index) {
        m_out.remote_prior[r] = local;
      }
    }
    m_out.prior_claimed.assign(m_out.prior_of_kind.size(), false);
  }

  void build_identity_indexes() {
    if (m_identity_built) {
      return;
    }
    m_identity_built = true;
    const auto& rs = remote();
    m_remote_by_identity.reserve(rs.size());
    for (std::uint32_t r = 0; r < rs.size(); ++r) {
      if (m_in.kind == Kind::staff) {
        m_remote_by_identity.add(
            identity_hash(rs[r].fields.value_or_empty(m_in.fields.email), true), r);
        continue;
      }
      m_remote_by_identity.add(name_hash(m_in.fields, rs[r].fields), r);
      std::string_view rid = rs[r].fields.value_or_empty(m_in.fields.record_identifier);
      if (!rid.empty()) {
        m_remote_by_rid.add(identity_hash(rid, false), r);
      }
    }
  }

  std::uint32_t remote_by_id(std::string_view id) const {
    return m_remote_by_id.find_first(identity_hash(id, false),
                                     [&](std::uint32_t r) { return remote()[r].user_id == id; });
  }

  // The state entry for a roster key; a derived client key is also looked
  // up in the hidden form the state stores it under.
  std::uint32_t prior_by_key(std::string_view key) const {
    std::uint32_t p = prior_by_plain_key(key);
    if (p == k_no_index && m_in.hasher != nullptr && !m_out.prior_of_kind.empty() &&
        is_derived_client_key(m_in.kind, key)) {
      p = prior_by_plain_key(m_in.hasher->hidden_key(key));
    }
    return p;
  }

  std::uint32_t prior_by_plain_key(std::string_view key) const {
    return m_prior_by_key.find_first(identity_hash(key, false),
                                     [&](std::uint32_t p) { return prior_at(p).key == key; });
  }

  void match_one(std::uint32_t i) {
    const DesiredUser& d = (*m_in.desired)[i];
    Match& m = m_out.desired[i];
    std::uint32_t p = prior_by_key(d.key);
    for (std::size_t k = 0; p == k_no_index && k < d.previously.size(); ++k) {
      p = prior_by_key(d.previously[k]);
      if (p != k_no_index) {
        m.moved_from = d.previously[k];
      }
    }
    if (p != k_no_index) {
      match_by_state(i, p);
    } else {
      match_by_identity(i);
    }
    if (m.remote != k_no_index) {
      claim_remote(i, m.remote);
    }
  }

  void match_by_state(std::uint32_t i, std::uint32_t p) {
    const DesiredUser& d = (*m_in.desired)[i];
    Match& m = m_out.desired[i];
    const ManagedRecord& rec = prior_at(p);
    if (m_out.prior_claimed[p]) {
      m.failed = true;
      m_diags.error(d.location,
                    fmt::format("{}: the state entry {} is already claimed by another roster "
                                "entry; a key may appear in only one entry's `previously`",
                                entry_label(d), state_entry_handle(m_in.kind, rec.key, rec.user_id)));
      return;
    }
    m_out.prior_claimed[p] = true;
    m.prior = m_out.prior_of_kind[p];
    m.by = MatchedBy::state;
    m.remote = m_prior_remote[p];
    if (m.remote == k_no_index) {
      m.failed = true;
      m_diags.error(d.location,
                    fmt::format("{}: the state records it as Healthie user {}, which Healthie no "
                                "longer returns; if the user was moved out of this organization, "
                                "run `rosterform state rm {}` to plan it afresh",
                                entry_label(d), rec.user_id,
                                state_entry_handle(m_in.kind, rec.key, rec.user_id)));
    }
  }

  std::vector<std::uint32_t> candidates(const DesiredUser& d, MatchedBy& by) {
    build_identity_indexes();
    const SchemaFields& f = m_in.fields;
    if (m_in.kind == Kind::staff) {
      by = MatchedBy::email;
      return by_email(d.fields.value_or_empty(f.email));
    }
    std::string_view rid = d.fields.value_or_empty(f.record_identifier);
    if (!rid.empty()) {
      auto hits = m_remote_by_rid.find(identity_hash(rid, false), [&](std::uint32_t r) {
        return remote()[r].fields.value_or_empty(f.record_identifier) == rid;
      });
      if (!hits.empty()) {
        by = MatchedBy::record_identifier;
        return hits;
      }
    }
    by = MatchedBy::email_and_name;
    return m_remote_by_identity.find(name_hash(f, d.fields), [&](std::uint32_t r) {
      return same_name(f, remote()[r].fields, d.fields);
    });
  }

  std::vector<std::uint32_t> by_email(std::string_view email) const {
    if (email.empty()) {
      return {};
    }
    return m_remote_by_identity.find(identity_hash(email, true), [&](std::uint32_t r) {
      return equals_folded(remote()[r].fields.value_or_empty(m_in.fields.email), email);
    });
  }

  void match_by_identity(std::uint32_t i) {
    const DesiredUser& d = (*m_in.desired)[i];
    Match& m = m_out.desired[i];
    MatchedBy by = MatchedBy::none;
    std::vector<std::uint32_t> hits = candidates(d, by);
    for (std::size_t k = 0; hits.empty() && m_in.kind == Kind::staff && k < d.previously.size();
         ++k) {
      hits = by_email(d.previously[k]);
      if (!hits.empty()) {
        m.moved_from = d.previously[k];
      }
    }
    if (hits.empty()) {
      return;
    }
    if (hits.size() > 1) {
      m.failed = true;
      report_ambiguous(d, by, hits);
      return;
    }
    std::uint32_t r = hits.front();
    if (m_out.remote_prior[r] != k_no_index) {
      const ManagedRecord& other = prior_at(m_out.remote_prior[r]);
      m.failed = true;
      m_diags.error(
          d.location,
          fmt::format("{}: matches Healthie user {}, which the state manages as {}; "
                      "if this entry was renamed, list the old key under `previously:`",
                      entry_label(d), remote()[r].user_id,
                      state_entry_handle(m_in.kind, other.key, other.user_id)));
      return;
    }
    m.remote = r;
    m.by = by;
  }

  void report_ambiguous(const DesiredUser& d, MatchedBy by,
                        const std::vector<std::uint32_t>& hits) {
    std::string ids;
    for (std::uint32_t r : hits) {
      ids += (ids.empty() ? "" : ", ") + remote()[r].user_id;
    }
    std::string_view rule = by == MatchedBy::email               ? "email"
                            : by == MatchedBy::record_identifier ? "record_identifier"
                                                                 : "email and name";
    m_diags.error(d.location,
                  fmt::format("{}: {} Healthie {} match it by {} (user ids {}); archive the "
                              "duplicate in Healthie or give the entry a record_identifier that "
                              "only one of them has",
                              entry_label(d), hits.size(), plural(m_in.kind), rule, ids));
  }

  void claim_remote(std::uint32_t i, std::uint32_t r) {
    std::uint32_t other = m_out.remote_owner[r];
    if (other == k_no_index) {
      m_out.remote_owner[r] = i;
      return;
    }
    const DesiredUser& d = (*m_in.desired)[i];
    const DesiredUser& first = (*m_in.desired)[other];
    m_diags.error(d.location,
                  fmt::format("{}: matches Healthie user {}, which {} already matches; "
                              "one Healthie user can be managed by only one roster entry",
                              entry_label(d), remote()[r].user_id, describe_entry(first)),
                  first.location);
    m_out.desired[i].remote = k_no_index;
    m_out.desired[i].failed = true;
  }

  const KindInputs& m_in;
  Diagnostics& m_diags;
  Matching m_out;
  IdentityIndex m_remote_by_id;
  IdentityIndex m_remote_by_identity;  // staff: email; clients: email + names
  IdentityIndex m_remote_by_rid;
  IdentityIndex m_prior_by_key;               // positions into prior_of_kind
  std::vector<std::uint32_t> m_prior_remote;  // prior_of_kind -> remote
  bool m_identity_built = false;
};

}  // namespace

Matching match_users(const KindInputs& in, Diagnostics& diags) {
  return Matcher(in, diags).run();
}

bool is_derived_client_key(Kind kind, std::string_view key) {
  return kind == Kind::client &&
         (key.starts_with("rid:") || key.starts_with("email:") || key.starts_with("h:"));
}

std::string entry_label(const DesiredUser& d) {
  if (d.kind == Kind::client && !d.explicit_key) {
    return "client entry";
  }
  return fmt::format("{}.{}", to_string(d.kind), d.key);
}

std::string message_address(Kind kind, std::string_view key) {
  if (is_derived_client_key(kind, key)) {
    return "client.<key hidden: derived from PHI>";
  }
  return fmt::format("{}.{}", to_string(kind), key);
}

std::string describe_entry(const DesiredUser& d) {
  if (d.kind == Kind::client && !d.explicit_key) {
    return d.location.known() ? fmt::format("client at {}", d.location.to_string())
                              : std::string("client entry");
  }
  return fmt::format("{}.{}", to_string(d.kind), d.key);
}

}  // namespace rosterform::engine
