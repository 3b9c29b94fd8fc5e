#pragma once
// `rosterform doctor`: proves, against the real endpoint and without
// changing anything, that this rosterform can work with it — the endpoint
// answers, the key is accepted and may manage the roster, the API version is
// alive, and Healthie accepts every document rosterform may send for that
// version (docs/provider.md, "doctor").
//
// Reads go out with their smallest page. Mutations go out without their
// required $input variable: Healthie (graphql-ruby) validates the document
// against the version's schema first, then the variables, and executes
// nothing when either fails — so "field doesn't exist" or "argument not
// accepted" proves the document broken, and "$input ... invalid value"
// proves it accepted. The input object's own fields are never seen that way:
// they are checked by introspection (`__type(name:)` per input type), which
// a server may refuse; those checks are then "not verified", which fails
// doctor only under -fail-unverified.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rosterform::healthie {

// not_verified: doctor could not find out (the server refused to say);
// neither a pass nor, unless asked, a failure.
enum class CheckStatus : std::uint8_t { passed, failed, not_verified };

[[nodiscard]] std::string_view to_string(CheckStatus status);  // passed, failed, not_verified

struct DoctorCheck {
  // "endpoint", "API key", "key's user", "API version V", "document X", "input T"
  std::string name;
  CheckStatus status = CheckStatus::failed;
  std::string detail;  // what was found, one line; never the key or a PHI value
  std::string advice;  // how to fix it; empty when passed

  [[nodiscard]] bool failed() const { return status == CheckStatus::failed; }
};

struct DoctorOptions {
  // Also fail when the version's sunset is nearer than this (-fail-before=30d).
  std::optional<std::chrono::days> fail_before;
  // Also fail a check that could not be verified (-fail-unverified).
  bool fail_unverified = false;
  std::chrono::sys_days today{};
};

struct DoctorReport {
  std::string endpoint;
  std::string api_version;
  std::string sunset_date;        // YYYY-MM-DD from Healthie's warning or the table; may be empty
  std::optional<long> days_left;  // until sunset_date
  std::vector<DoctorCheck> checks;

  [[nodiscard]] bool ok() const;  // no check failed
  [[nodiscard]] std::size_t count(CheckStatus status) const;
};

}  // namespace rosterform::healthie
