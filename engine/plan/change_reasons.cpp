#include "engine/plan/change_reasons.hpp"

#include <fmt/format.h>

namespace rosterform::engine {

std::string join_names(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) {
      out += i + 1 == names.size() ? " and " : ", ";
    }
    out += names[i];
  }
  return out;
}

std::string describe_differences(const SchemaFields& f, const std::vector<FieldChange>& fields) {
  std::vector<std::string_view> changed;
  std::vector<std::string_view> drifted;
  for (const FieldChange& fc : fields) {
    if (!fc.changed || (f.active && fc.field == *f.active)) {
      continue;
    }
    changed.push_back(f.schema->at(fc.field).name);
    if (fc.drifted) {
      drifted.push_back(f.schema->at(fc.field).name);
    }
  }
  if (changed.empty()) {
    return {};
  }
  std::string out =
      fmt::format("{} {}", join_names(changed), changed.size() == 1 ? "differs" : "differ");
  if (!drifted.empty()) {
    out += fmt::format("; {} changed outside rosterform", join_names(drifted));
  }
  return out;
}

std::string join_reason(std::initializer_list<std::string> parts) {
  std::string out;
  for (const std::string& p : parts) {
    if (!p.empty()) {
      out += (out.empty() ? "" : "; ") + p;
    }
  }
  return out;
}

std::string_view inactive_word(Kind kind) {
  return kind == Kind::client ? "archived" : "deactivated";
}

std::string adopt_reason(Kind kind, MatchedBy by) {
  std::string_view who = kind == Kind::staff ? "staff member" : "client";
  switch (by) {
    case MatchedBy::email:
      return fmt::format("matches a Healthie {} by email", who);
    case MatchedBy::record_identifier:
      return fmt::format("matches a Healthie {} by record_identifier", who);
    case MatchedBy::email_and_name:
      return fmt::format("matches a Healthie {} by email and name", who);
    case MatchedBy::none:
    case MatchedBy::state:
      break;
  }
  return "matches a Healthie user";
}

std::string rename_reason(Kind kind, std::string_view moved_from) {
  if (moved_from.empty()) {
    return {};
  }
  if (is_derived_client_key(kind, moved_from)) {
    return "renamed from its former email or record_identifier, not shown";
  }
  return fmt::format("renamed from {}", message_address(kind, moved_from));
}

}  // namespace rosterform::engine
