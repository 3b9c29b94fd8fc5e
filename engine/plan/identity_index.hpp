#pragma once
// A lookup from an identity (an email, a record identifier, a key, a Healthie
// id) to the positions of the records that carry it, built for a million
// records without a heap allocation per record.
//
// Each record contributes one 64-bit hash of its normalised identity. The
// index is an open-addressing table of 8-byte slots (the hash's top 32 bits
// as a tag, which also picks the first slot, and a 32-bit position) with
// linear probing, sized to a power of two
// at most half full: a lookup costs one or two cache misses, where a sorted
// vector's binary search costs a dozen. A hit on the tag is only a
// candidate: the caller confirms it against the real values, so a hash
// collision can never merge two people.

#include <cstdint>
#include <string_view>
#include <vector>

namespace rosterform::engine {

// FNV-1a over `text`, ASCII letters folded to lower case when `fold_case`.
[[nodiscard]] std::uint64_t identity_hash(std::string_view text, bool fold_case,
                                          std::uint64_t seed = 0xcbf29ce484222325ULL);

// Case-insensitive ASCII equality (emails).
[[nodiscard]] bool equals_folded(std::string_view a, std::string_view b);

class IdentityIndex {
 public:
  // Sizes the table for `n` entries; call before the first add().
  void reserve(std::size_t n);
  void add(std::uint64_t hash, std::uint32_t position);
  // Kept for callers that build then query; the table needs no sealing.
  void seal() {}
  [[nodiscard]] bool empty() const { return m_size == 0; }

  // The first position added under `hash` for which `same(position)` holds,
  // or UINT32_MAX; no allocation (the million-record path).
  template <typename Same>
  [[nodiscard]] std::uint32_t find_first(std::uint64_t hash, Same same) const {
    std::uint32_t found = UINT32_MAX;
    visit(hash, [&](std::uint32_t p) {
      if (same(p)) {
        found = p;
        return false;
      }
      return true;
    });
    return found;
  }

  // Positions added under `hash` for which `same(position)` holds, in the
  // order they were added. At most `limit` are returned.
  template <typename Same>
  [[nodiscard]] std::vector<std::uint32_t> find(std::uint64_t hash, Same same,
                                                std::size_t limit = 4) const {
    std::vector<std::uint32_t> out;
    visit(hash, [&](std::uint32_t p) {
      if (same(p)) {
        out.push_back(p);
      }
      return out.size() < limit;
    });
    return out;
  }

 private:
  static constexpr std::uint32_t k_empty = UINT32_MAX;
  struct Slot {
    std::uint32_t tag = 0;
    std::uint32_t position = k_empty;
  };

  // Calls `next(position)` for each slot tagged like `hash`, in probe
  // order (which is insertion order for equal tags), until it returns false.
  template <typename Next>
  void visit(std::uint64_t hash, Next next) const {
    if (m_slots.empty()) {
      return;
    }
    auto tag = static_cast<std::uint32_t>(hash >> 32);
    for (std::size_t i = tag & m_mask;; i = (i + 1) & m_mask) {
      const Slot& s = m_slots[i];
      if (s.position == k_empty) {
        return;
      }
      if (s.tag == tag && !next(s.position)) {
        return;
      }
    }
  }
  void grow();

  std::vector<Slot> m_slots;
  std::size_t m_mask = 0;
  std::size_t m_size = 0;
};

}  // namespace rosterform::engine
