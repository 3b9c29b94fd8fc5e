#pragma once
// Every staff member the plan knows of, from the roster and from Healthie,
// by lower-cased email and by Healthie id. Client `provider` references are
// resolved through it, and it carries each member's planned fate (created,
// deactivated, ...) so that client checks, ordering and guard rails can ask
// "is this provider going away?".

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/plan/action.hpp"
#include "engine/plan/matching.hpp"

namespace rosterform::engine {

struct StaffEntry {
  std::string email;  // lower-cased
  std::uint32_t desired = k_no_index;
  std::uint32_t remote = k_no_index;
  Action planned = Action::no_op;
  bool active_after = true;
  std::size_t change = SIZE_MAX;  // into the plan's changes once known
  std::string reassign_clients_to;  // lower-cased
};

class StaffDirectory {
 public:
  StaffDirectory(const KindInputs& staff, const Matching& matching);

  [[nodiscard]] StaffEntry* by_email(std::string_view email);
  [[nodiscard]] const StaffEntry* by_email(std::string_view email) const;
  [[nodiscard]] const StaffEntry* by_user_id(std::string_view id) const;

  // A client's reference as Healthie reported it (a StaffRef's text: the
  // member's Healthie id when the provider could not name them, else an
  // email) -> the member, or null.
  [[nodiscard]] const StaffEntry* resolve(std::string_view reference) const;

  [[nodiscard]] std::vector<StaffEntry>& entries() { return m_entries; }
  [[nodiscard]] const std::vector<StaffEntry>& entries() const { return m_entries; }

 private:
  std::size_t add(std::string email);

  // Looked up a million times per plan (every client's provider), so by
  // string_view without building a key string.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Map = std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>>;
  [[nodiscard]] const StaffEntry* find_email(std::string_view email) const;

  std::vector<StaffEntry> m_entries;
  Map m_by_email;
  Map m_by_user_id;
};

[[nodiscard]] std::string to_lower_ascii(std::string_view s);

}  // namespace rosterform::engine
