#include "engine/plan/identity_index.hpp"

namespace rosterform::engine {

namespace {
constexpr std::uint64_t k_fnv_prime = 0x100000001b3ULL;

char fold(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// FNV-1a's low bits are weak for short keys; mix before using them as a
// slot number (the finaliser of MurmurHash3).
std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}
}  // namespace

std::uint64_t identity_hash(std::string_view text, bool fold_case, std::uint64_t seed) {
  std::uint64_t h = seed;
  for (char c : text) {
    char v = fold_case ? fold(c) : c;
    h ^= static_cast<std::uint8_t>(v);
    h *= k_fnv_prime;
  }
  return mix(h);
}

bool equals_folded(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (fold(a[i]) != fold(b[i])) {
      return false;
    }
  }
  return true;
}

void IdentityIndex::reserve(std::size_t n) {
  std::size_t capacity = 16;
  while (capacity < 2 * n) {
    capacity *= 2;
  }
  if (capacity <= m_slots.size()) {
    return;
  }
  std::vector<Slot> old = std::move(m_slots);
  m_slots.assign(capacity, Slot{});
  m_mask = capacity - 1;
  m_size = 0;
  for (const Slot& s : old) {
    if (s.position != k_empty) {
      // The tag alone decides the first slot, so it is all a rehash needs.
      add(static_cast<std::uint64_t>(s.tag) << 32, s.position);
    }
  }
}

void IdentityIndex::grow() { reserve(m_slots.empty() ? 8 : m_slots.size()); }

void IdentityIndex::add(std::uint64_t hash, std::uint32_t position) {
  if (2 * (m_size + 1) > m_slots.size()) {
    grow();
  }
  auto tag = static_cast<std::uint32_t>(hash >> 32);
  std::size_t i = tag & m_mask;
  while (m_slots[i].position != k_empty) {
    i = (i + 1) & m_mask;
  }
  m_slots[i] = Slot{tag, position};
  ++m_size;
}

}  // namespace rosterform::engine
