#include "cli/apply_report.hpp"

#include <fmt/format.h>

#include "engine/plan/handle.hpp"
#include "engine/render/mask.hpp"

namespace rosterform::cli {

namespace {

using engine::Outcome;

// The provider's errors already start with the record's label, which the
// line has just given; it is not repeated.
std::string change_line(const engine::Change& c, const engine::ChangeResult& r) {
  std::string label = engine::label(c.address);
  std::string line = fmt::format("  {} {}", engine::symbol(c.action), label);
  if (!r.error.empty()) {
    std::string_view error = r.error;
    if (error.starts_with(label + ": ")) {
      error.remove_prefix(label.size() + 2);
    }
    line += fmt::format(": {}", error);
  }
  return line + "\n";
}

std::vector<std::string> changed_field_names(const engine::Change& c,
                                             const engine::render::RenderOptions& options) {
  std::vector<std::string> names;
  for (const engine::FieldChange& f : c.fields) {
    if (f.changed) {
      names.emplace_back(options.schema(c.address.kind).at(f.field).name);
    }
  }
  return names;
}

}  // namespace

std::string render_apply_report(const engine::Plan& plan, const engine::ApplyReport& report) {
  std::string out;
  for (Outcome outcome : {Outcome::failed, Outcome::not_attempted}) {
    if (report.count(outcome) == 0) {
      continue;
    }
    out += outcome == Outcome::failed ? "\nFailed:\n" : "\nNot attempted:\n";
    for (std::size_t i = 0; i < plan.changes.size(); ++i) {
      if (report.results[i].outcome == outcome) {
        out += change_line(plan.changes[i], report.results[i]);
      }
    }
  }
  std::string verdict = report.interrupted ? "Apply interrupted"
                        : report.ok()      ? "Apply complete!"
                                           : "Apply failed";
  std::string earlier =
      report.count(Outcome::already_applied) == 0
          ? std::string()
          : fmt::format(", {} already applied by an earlier run",
                        report.count(Outcome::already_applied));
  out += fmt::format("\n{} {} succeeded, {} failed, {} not attempted{}.\n", verdict,
                     report.count(Outcome::succeeded), report.count(Outcome::failed),
                     report.count(Outcome::not_attempted), earlier);
  return out;
}

state::AuditEntry audit_entry_for(const engine::Plan& plan, const engine::ApplyReport& report,
                                  const engine::render::RenderOptions& options,
                                  std::string plan_hash, std::string commit) {
  state::AuditEntry entry;
  entry.operation = "apply";
  entry.plan_hash = std::move(plan_hash);
  entry.commit = std::move(commit);
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    const engine::Change& c = plan.changes[i];
    // A create's user id is known once it succeeded (or half-succeeded).
    const std::string& user_id =
        c.address.user_id.empty() ? report.results[i].after.user_id : c.address.user_id;
    entry.changes.push_back({engine::label(c.address), user_id,
                             std::string(engine::to_string(c.action)),
                             changed_field_names(c, options),
                             std::string(engine::to_string(report.results[i].outcome))});
  }
  entry.result = report.interrupted ? "interrupted" : report.ok() ? "succeeded" : "failed";
  return entry;
}

}  // namespace rosterform::cli
