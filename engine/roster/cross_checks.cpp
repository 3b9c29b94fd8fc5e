// Duplicates are found by sorting (hash, index) pairs rather than by a map of
// strings: at 100,000 clients a map, or even one string per entry, would add
// megabytes at the moment memory use peaks; a sort of 16-byte pairs is fast. Equal hashes are
// confirmed by comparing the values themselves, so a collision can never
// report a false duplicate. The later entry (in reading order) gets the
// error and names the earlier one.

#include "engine/roster/cross_checks.hpp"

#include <algorithm>
#include <functional>
#include <unordered_map>

#include <fmt/format.h>

#include "engine/roster/field_check.hpp"

namespace rosterform::engine::roster {

namespace {

struct Slot {
  std::uint64_t hash;
  std::uint32_t index;
  friend bool operator<(const Slot& a, const Slot& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.index < b.index;
  }
};

std::uint64_t fold_hash(std::uint64_t h, std::string_view s, bool fold) {
  for (char c : s) {
    const auto u =
        static_cast<unsigned char>(fold ? std::tolower(static_cast<unsigned char>(c)) : c);
    h = (h ^ u) * 1099511628211ULL;  // FNV-1a
  }
  return (h ^ 0xffU) * 1099511628211ULL;
}

std::optional<std::string_view> value_of(const DesiredUser& u, const ResourceSchema& s,
                                         std::string_view name) {
  auto id = s.id_of(name);
  return id ? u.fields.get(*id) : std::nullopt;
}

using Hash = std::function<std::optional<std::uint64_t>(const DesiredUser&)>;
using Same = std::function<bool(const DesiredUser&, const DesiredUser&)>;
using Describe = std::function<std::string(const DesiredUser&)>;

constexpr std::uint64_t k_fnv_basis = 14695981039346656037ULL;

// Reports every entry whose identity (by `hash`, confirmed by `same`)
// equals an earlier one's.
void report_duplicates(LoadContext& ctx, const std::vector<DesiredUser>& users, const Hash& hash,
                       const Same& same, const Describe& message) {
  std::vector<Slot> slots;
  slots.reserve(users.size());
  for (std::uint32_t i = 0; i < users.size(); ++i) {
    if (auto h = hash(users[i])) {
      slots.push_back({*h, i});
    }
  }
  std::sort(slots.begin(), slots.end());
  for (std::size_t i = 0; i < slots.size();) {
    std::size_t j = i + 1;
    while (j < slots.size() && slots[j].hash == slots[i].hash) {
      ++j;
    }
    for (std::size_t b = i + 1; b < j; ++b) {
      for (std::size_t a = i; a < b; ++a) {
        const DesiredUser& first = users[slots[a].index];
        const DesiredUser& later = users[slots[b].index];
        if (same(first, later)) {
          ctx.diags.error(
              later.location,
              fmt::format("{}: first listed at {}", message(later), first.location.to_string()),
              first.location);
          break;
        }
      }
    }
    i = j;
  }
}

using Value = std::optional<std::string_view>;

bool equal_folded(Value a, Value b) {
  return a && b && a->size() == b->size() &&
         std::equal(a->begin(), a->end(), b->begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

void check_client_duplicates(LoadContext& ctx) {
  const ResourceSchema& cs = *ctx.of(Kind::client).schema;
  const auto rid = [&cs](const DesiredUser& u) { return value_of(u, cs, "record_identifier"); };
  const auto email = [&cs](const DesiredUser& u) { return value_of(u, cs, "email"); };
  const auto first = [&cs](const DesiredUser& u) { return value_of(u, cs, "first_name"); };
  const auto last = [&cs](const DesiredUser& u) { return value_of(u, cs, "last_name"); };
  report_duplicates(
      ctx, ctx.state.clients,
      [](const DesiredUser& u) -> std::optional<std::uint64_t> {
        return u.explicit_key ? std::optional(fold_hash(k_fnv_basis, u.key, false)) : std::nullopt;
      },
      [](const DesiredUser& a, const DesiredUser& b) { return a.key == b.key; },
      [](const DesiredUser&) { return std::string("another client has the same key"); });
  report_duplicates(
      ctx, ctx.state.clients,
      [&](const DesiredUser& u) -> std::optional<std::uint64_t> {
        Value r = rid(u);
        return r ? std::optional(fold_hash(k_fnv_basis, *r, false)) : std::nullopt;
      },
      [&](const DesiredUser& a, const DesiredUser& b) {
        Value x = rid(a);
        Value y = rid(b);
        return x && y && *x == *y;
      },
      [](const DesiredUser&) {
        return std::string("another client has the same record_identifier");
      });
  report_duplicates(
      ctx, ctx.state.clients,
      [&](const DesiredUser& u) -> std::optional<std::uint64_t> {
        Value e = email(u);
        Value f = first(u);
        Value l = last(u);
        if (!e || !f || !l) {
          return std::nullopt;
        }
        return fold_hash(fold_hash(fold_hash(k_fnv_basis, *e, true), *f, true), *l, true);
      },
      [&](const DesiredUser& a, const DesiredUser& b) {
        return equal_folded(email(a), email(b)) && equal_folded(first(a), first(b)) &&
               equal_folded(last(a), last(b));
      },
      [](const DesiredUser&) {
        return std::string(
            "another client has the same email, first_name and last_name (add a distinct "
            "record_identifier or key if they really are two people)");
      });
}

void check_duplicates(LoadContext& ctx) {
  report_duplicates(
      ctx, ctx.state.staff,
      [](const DesiredUser& u) -> std::optional<std::uint64_t> {
        return u.key.empty() ? std::nullopt : std::optional(fold_hash(k_fnv_basis, u.key, false));
      },
      [](const DesiredUser& a, const DesiredUser& b) { return a.key == b.key; },
      [](const DesiredUser& u) {
        return fmt::format(
            "staff member '{}' is listed twice (staff are matched by email, "
            "case-insensitively)",
            u.key);
      });
  check_client_duplicates(ctx);
}

void check_previously(LoadContext& ctx, const std::vector<DesiredUser>& users) {
  // Renames are rare: skip the index (megabytes at 100,000 users) without one.
  if (std::none_of(users.begin(), users.end(),
                   [](const DesiredUser& u) { return !u.previously.empty(); })) {
    return;
  }
  std::unordered_map<std::string_view, std::uint32_t> current;
  for (std::uint32_t i = 0; i < users.size(); ++i) {
    current.emplace(users[i].key, i);
  }
  std::unordered_map<std::string_view, std::uint32_t> claimed;
  for (std::uint32_t i = 0; i < users.size(); ++i) {
    for (const std::string& previous : users[i].previously) {
      auto live = current.find(previous);
      if (live != current.end() && live->second == i) {
        ctx.diags.error(users[i].location,
                        fmt::format("'previously' in {} lists this entry's own current "
                                    "identity: remove it",
                                    entry_noun(users[i].kind)));
        continue;
      }
      if (live != current.end()) {
        const DesiredUser& other = users[live->second];
        ctx.diags.error(users[i].location,
                        fmt::format("'previously' in {} names the current identity of the {} "
                                    "at {}: list only identities that no longer exist",
                                    entry_noun(users[i].kind), entry_noun(other.kind),
                                    other.location.to_string()),
                        other.location);
        continue;
      }
      auto [it, fresh] = claimed.emplace(previous, i);
      if (!fresh && it->second != i) {
        const DesiredUser& other = users[it->second];
        ctx.diags.error(users[i].location,
                        fmt::format("'previously' in {} names the same former identity as the "
                                    "{} at {}: only one entry can be renamed from it",
                                    entry_noun(users[i].kind), entry_noun(other.kind),
                                    other.location.to_string()),
                        other.location);
      }
    }
  }
}

}  // namespace

void run_cross_checks(LoadContext& ctx) {
  check_duplicates(ctx);
  check_previously(ctx, ctx.state.staff);
  check_previously(ctx, ctx.state.clients);
  check_references(ctx);
  check_empty_lists(ctx);
}

}  // namespace rosterform::engine::roster
