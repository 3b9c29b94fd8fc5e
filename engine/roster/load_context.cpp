#include "engine/roster/load_context.hpp"

namespace rosterform::engine::roster {

namespace {
void init(KindContext& kc, const ResourceSchema& schema) {
  kc.schema = &schema;
  for (const FieldSpec& f : schema.fields) {
    kc.known_keys.push_back(f.name);
  }
  kc.known_keys.emplace_back("previously");
  kc.known_keys.emplace_back(schema.kind == Kind::staff ? "reassign_clients_to" : "key");
}
}  // namespace

LoadContext::LoadContext(const ResourceSchema& staff, const ResourceSchema& clients,
                         CheckContext check_ctx)
    : check(check_ctx) {
  init(m_kinds[0], staff);
  init(m_kinds[1], clients);
}

std::string_view entry_noun(Kind kind) {
  return kind == Kind::staff ? "staff member" : "client";
}

bool may_show(Kind kind, const FieldSpec& spec) {
  return spec.sensitivity == Sensitivity::plain ||
         (kind == Kind::staff && spec.sensitivity == Sensitivity::identity);
}

}  // namespace rosterform::engine::roster
