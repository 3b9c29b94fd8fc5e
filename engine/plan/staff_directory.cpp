#include "engine/plan/staff_directory.hpp"

#include <algorithm>

#include "engine/staff_ref.hpp"

namespace rosterform::engine {

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

StaffDirectory::StaffDirectory(const KindInputs& staff, const Matching& matching) {
  const auto& desired = *staff.desired;
  const auto& remote = *staff.remote;
  for (std::uint32_t i = 0; i < desired.size(); ++i) {
    std::string_view email = desired[i].fields.value_or_empty(staff.fields.email);
    std::size_t e = add(to_lower_ascii(email.empty() ? std::string_view(desired[i].key) : email));
    m_entries[e].desired = i;
    m_entries[e].reassign_clients_to = to_lower_ascii(desired[i].reassign_clients_to);
    if (i < matching.desired.size() && matching.desired[i].remote != k_no_index) {
      m_entries[e].remote = matching.desired[i].remote;
    }
  }
  for (std::uint32_t r = 0; r < remote.size(); ++r) {
    std::uint32_t owner = r < matching.remote_owner.size() ? matching.remote_owner[r] : k_no_index;
    std::size_t e = 0;
    std::string email = to_lower_ascii(remote[r].fields.value_or_empty(staff.fields.email));
    if (owner != k_no_index) {
      std::string_view d_email = desired[owner].fields.value_or_empty(staff.fields.email);
      e = m_by_email.at(
          to_lower_ascii(d_email.empty() ? std::string_view(desired[owner].key) : d_email));
    } else {
      e = add(email);
      if (m_entries[e].remote == k_no_index) {
        m_entries[e].remote = r;
      }
    }
    // until the plan says otherwise
    m_entries[e].active_after = remote[r].is_active(staff.fields.active);
    m_by_user_id.emplace(remote[r].user_id, e);
    if (!email.empty()) {
      m_by_email.emplace(email, e);  // a renamed member is found by its old email too
    }
  }
}

std::size_t StaffDirectory::add(std::string email) {
  auto [it, inserted] = m_by_email.emplace(email, m_entries.size());
  if (inserted) {
    m_entries.push_back(StaffEntry{});
    m_entries.back().email = std::move(email);
  }
  return it->second;
}

const StaffEntry* StaffDirectory::find_email(std::string_view email) const {
  bool lower =
      std::none_of(email.begin(), email.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  auto it = lower ? m_by_email.find(email) : m_by_email.find(to_lower_ascii(email));
  return it == m_by_email.end() ? nullptr : &m_entries[it->second];
}

StaffEntry* StaffDirectory::by_email(std::string_view email) {
  return const_cast<StaffEntry*>(find_email(email));
}

const StaffEntry* StaffDirectory::by_email(std::string_view email) const {
  return find_email(email);
}

const StaffEntry* StaffDirectory::by_user_id(std::string_view id) const {
  auto it = m_by_user_id.find(id);
  return it == m_by_user_id.end() ? nullptr : &m_entries[it->second];
}

const StaffEntry* StaffDirectory::resolve(std::string_view reference) const {
  StaffRef ref = StaffRef::parse(reference);
  switch (ref.kind()) {
    case StaffRef::Kind::email:
      return by_email(ref.value());
    case StaffRef::Kind::healthie_id:
      return by_user_id(ref.value());
  }
  return nullptr;
}

}  // namespace rosterform::engine
