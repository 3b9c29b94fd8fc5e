#include "engine/plan/fingerprint.hpp"

#include <algorithm>

namespace rosterform::engine {

namespace {

constexpr std::size_t k_digest_hex = 16;

std::vector<std::pair<FieldId, std::string>> field_digests(const Record& fields,
                                                           const ValueHasher& hasher) {
  std::vector<std::pair<FieldId, std::string>> out;
  for (const auto& [id, value] : fields.fields()) {
    out.emplace_back(id, hasher.hex_digest(value).substr(0, k_digest_hex));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Fields whose digest differs, or that are present on one side only.
std::vector<FieldId> differing(const std::vector<std::pair<FieldId, std::string>>& a,
                               const std::vector<std::pair<FieldId, std::string>>& b) {
  std::vector<FieldId> out;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].first < b[j].first)) {
      out.push_back(a[i++].first);
    } else if (i == a.size() || b[j].first < a[i].first) {
      out.push_back(b[j++].first);
    } else {
      if (a[i].second != b[j].second) {
        out.push_back(a[i].first);
      }
      ++i;
      ++j;
    }
  }
  return out;
}

}  // namespace

Fingerprint fingerprint_of(const RemoteUser* r, const ValueHasher* hasher,
                          const ResourceSchema& schema) {
  Fingerprint fp;
  if (r != nullptr) {
    fp.updated_at = r->updated_at;
    fp.active = r->is_active(schema.id_of("active"));
    for (const auto& [id, value] : r->fields.fields()) {
      if (schema.at(id).sensitivity == Sensitivity::identity) {
        fp.identity.emplace_back(id, std::string(value));
      }
    }
    if (hasher != nullptr) {
      fp.fields_digest = hasher->hex_digest(fingerprint_message(r->fields));
      fp.field_digests = field_digests(r->fields, *hasher);
    }
  }
  return fp;
}

Movement movement_since(const Fingerprint& planned, const std::string& user_id,
                        const RemoteUser& now, const ValueHasher* hasher,
                        const ResourceSchema& schema) {
  Movement m;
  if (now.user_id != user_id) {
    m.other_user = m.moved = true;
    return m;
  }
  std::optional<FieldId> active = schema.id_of("active");
  m.active = now.is_active(active) != planned.active;
  if (hasher != nullptr && !planned.field_digests.empty()) {
    m.fields = differing(planned.field_digests, field_digests(now.fields, *hasher));
    // `active` is a field of the record too; it is reported once, as m.active.
    std::erase_if(m.fields, [&](FieldId f) { return active && f == *active; });
  } else {
    m.updated_at_only = now.updated_at != planned.updated_at;
  }
  m.moved = m.active || !m.fields.empty() || m.updated_at_only;
  return m;
}

}  // namespace rosterform::engine
