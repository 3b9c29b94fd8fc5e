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
// proves it accepted.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace rosterform::healthie {

struct DoctorCheck {
  std::string name;    // "endpoint", "API key", "key's user", "API version", "document X"
  bool ok = false;
  std::string detail;  // what was found, one line; never the key or a PHI value
  std::string advice;  // how to fix it; empty when ok
};

struct DoctorOptions {
  // Also fail when the version's sunset is nearer than this (-fail-before=30d).
  std::optional<std::chrono::days> fail_before;
  std::chrono::sys_days today{};
};

struct DoctorReport {
  std::string endpoint;
  std::string api_version;
  std::string sunset_date;        // YYYY-MM-DD from Healthie's warning or the table; may be empty
  std::optional<long> days_left;  // until sunset_date
  std::vector<DoctorCheck> checks;

  [[nodiscard]] bool ok() const;
};

}  // namespace rosterform::healthie
