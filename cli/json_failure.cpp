#include "cli/json_failure.hpp"

#include <iostream>
#include <string>

#include <fmt/format.h>

#include "cli/exit_codes.hpp"

namespace rosterform::cli {

namespace {

nlohmann::json location_json(const engine::SourceLocation& at) {
  return {{"file", at.file}, {"line", at.line}, {"column", at.column}};
}

}  // namespace

nlohmann::json diagnostics_json(const engine::Diagnostics& diagnostics) {
  nlohmann::json out = nlohmann::json::array();
  for (const engine::Diagnostic& d : diagnostics.items()) {
    nlohmann::json item = {
        {"severity", d.severity == engine::Severity::error ? "error" : "warning"},
        {"message", d.message},
        {"text", engine::format_diagnostic(d)}};
    item.update(location_json(d.location));
    if (d.related.known()) {
      item["related"] = location_json(d.related);
    }
    out.push_back(std::move(item));
  }
  return out;
}

int print_json_failure(const engine::Diagnostics& diagnostics, std::string_view message) {
  nlohmann::json items = diagnostics_json(diagnostics);
  std::size_t errors = diagnostics.error_count();
  if (errors == 0) {
    items.push_back({{"severity", "error"},
                     {"message", message},
                     {"text", fmt::format("rosterform: error: {}", message)}});
    ++errors;
  }
  nlohmann::json out = {{"format_version", "1.0"},
                        {"valid", false},
                        {"error_count", errors},
                        {"warning_count", items.size() - errors},
                        {"diagnostics", std::move(items)}};
  std::cout << out.dump(2) << '\n';
  return k_exit_error;
}

}  // namespace rosterform::cli
