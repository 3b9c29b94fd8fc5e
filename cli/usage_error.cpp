#include "cli/usage_error.hpp"

#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "engine/roster/suggest.hpp"

namespace rosterform::cli {

namespace {

using engine::roster::did_you_mean;
using engine::roster::looks_like_name;

bool is_root(const CLI::App& app) { return app.get_parent() == nullptr; }

std::vector<CLI::App*> subcommands_of(CLI::App& app) {
  return app.get_subcommands([](CLI::App*) { return true; });
}

std::string help_hint(CLI::App& app) {
  if (is_root(app)) {
    return "Run 'rosterform help' for the list of commands.";
  }
  return fmt::format("Run 'rosterform help {}' for its {}.", command_path(app),
                     subcommands_of(app).empty() ? "flags" : "subcommands and flags");
}

// "state: " for a command, nothing at the root.
std::string prefix(const CLI::App& app) {
  return is_root(app) ? std::string() : command_path(app) + ": ";
}

std::string suggestion(std::string_view word, const std::vector<std::string>& names,
                       std::string_view dash) {
  std::vector<std::string_view> candidates(names.begin(), names.end());
  auto near = did_you_mean(word, candidates);
  return near ? fmt::format("; did you mean '{}{}'?", dash, *near) : std::string();
}

std::string unknown_word(CLI::App& app, const std::string& word) {
  std::vector<std::string> names;
  for (CLI::App* sub : subcommands_of(app)) {
    names.push_back(sub->get_name());
  }
  std::string_view what = is_root(app) ? "command" : "subcommand";
  if (!looks_like_name(word)) {
    return fmt::format("unknown {} (an argument that is not a {} name)", what, what);
  }
  return fmt::format("unknown {} '{}'{}", what, word, suggestion(word, names, ""));
}

// "--outt=x" -> "outt".
std::string flag_name(const std::string& arg) {
  std::string name = arg.substr(arg.find_first_not_of('-'));
  return name.substr(0, name.find('='));
}

std::string unknown_flag(CLI::App& app, const std::string& arg) {
  std::string name = flag_name(arg);
  if (name == "chdir" && !is_root(app)) {
    return fmt::format("-chdir is a global flag: write it before the command (rosterform "
                       "-chdir=DIR {})",
                       command_path(app));
  }
  if (!looks_like_name(name)) {
    return "an unknown flag";
  }
  std::vector<std::string> names{"help"};
  for (const CLI::Option* opt : app.get_options()) {
    for (const std::string& l : opt->get_lnames()) {
      names.push_back(l);
    }
  }
  return fmt::format("unknown flag '-{}'{}", name, suggestion(name, names, "-"));
}

std::string extra_problem(CLI::App& app, const std::string& arg) {
  if (!arg.empty() && arg[0] == '-' && arg.size() > 1) {
    return unknown_flag(app, arg);
  }
  if (is_root(app) || !subcommands_of(app).empty()) {
    return unknown_word(app, arg);
  }
  return looks_like_name(arg) ? fmt::format("unexpected argument '{}'", arg)
                              : std::string("an unexpected argument");
}

// The command that holds the arguments CLI11 could not place: the deepest
// parsed one that has any, else the deepest parsed one.
CLI::App& context_of(CLI::App& root) {
  std::vector<CLI::App*> chain{&root};
  while (!chain.back()->get_subcommands().empty()) {
    chain.push_back(chain.back()->get_subcommands().back());
  }
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (!(*it)->remaining().empty()) {
      return **it;
    }
  }
  return *chain.back();
}

std::string shown_flag(std::string name) {
  return name.rfind("--", 0) == 0 ? name.substr(1) : name;
}

std::string value_problem(CLI::App& app, const std::string& what) {
  // "Could not convert: --parallelism = many"
  constexpr std::string_view lead = "Could not convert: ";
  std::size_t eq = what.find(" = ");
  if (what.rfind(lead, 0) != 0 || eq == std::string::npos) {
    return {};
  }
  std::string name = what.substr(lead.size(), eq - lead.size());
  std::string value = what.substr(eq + 3);
  const CLI::Option* opt = app.get_option_no_throw(name);
  std::string shown = looks_like_name(value) ? fmt::format(", not '{}'", value) : std::string();
  if (opt != nullptr && opt->get_items_expected_max() == 0) {  // a flag: -lock=false
    return fmt::format("{} needs true or false ({}=false)", shown_flag(name), shown_flag(name));
  }
  if (opt != nullptr && opt->get_type_name() == "INT") {
    return fmt::format("{} needs a whole number{}", shown_flag(name), shown);
  }
  return fmt::format("{} has an invalid value{}", shown_flag(name), shown);
}

std::string problem_of(CLI::App& app, const CLI::ParseError& e) {
  const std::string what = e.what();
  std::vector<std::string> extras = app.remaining();
  if (!extras.empty() && (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr ||
                          what == "A subcommand is required")) {
    return extra_problem(app, extras.front());
  }
  if (what == "A subcommand is required") {
    std::vector<std::string> names;
    for (CLI::App* sub : subcommands_of(app)) {
      names.push_back(sub->get_name());
    }
    std::string list = names.size() < 2 ? fmt::format("{}", fmt::join(names, ""))
                                        : fmt::format("{} or {}",
                                                      fmt::join(names.begin(), names.end() - 1, ", "),
                                                      names.back());
    return fmt::format("a subcommand is required: {}", list);
  }
  if (what.ends_with(": Should be true/false or a number")) {
    std::string flag = shown_flag(what.substr(0, what.find(':')));
    return fmt::format("{} needs true or false ({}=false)", flag, flag);
  }
  if (dynamic_cast<const CLI::ConversionError*>(&e) != nullptr) {
    if (std::string p = value_problem(app, what); !p.empty()) {
      return p;
    }
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr && what.find(" missing") != std::string::npos) {
    std::string flag = shown_flag(what.substr(0, what.find(':')));
    return fmt::format("{} needs a value ({}=VALUE)", flag, flag);
  }
  if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr && what.ends_with(" is required") &&
      what.rfind("-", 0) != 0) {
    return fmt::format("the argument {}", what);
  }
  std::string text = what;
  for (std::size_t at = text.find("--"); at != std::string::npos; at = text.find("--", at + 1)) {
    text.erase(at, 1);
  }
  if (!text.empty()) {
    text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  }
  return text;
}

}  // namespace

std::string command_path(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* a = &app; a != nullptr && !is_root(*a); a = a->get_parent()) {
    names.insert(names.begin(), a->get_name());
  }
  return fmt::format("{}", fmt::join(names, " "));
}

const CLI::App& parsed_command(const CLI::App& root) {
  const CLI::App* a = &root;
  while (!a->get_subcommands().empty()) {
    a = a->get_subcommands().back();
  }
  return *a;
}

std::string usage_error_message(const CLI::App& root, const CLI::ParseError& e) {
  // CLI11's lookups are not const; nothing here changes the parse.
  CLI::App& app = context_of(const_cast<CLI::App&>(root));
  std::string problem = problem_of(app, e);
  if (problem.starts_with("-chdir is a global flag")) {
    return fmt::format("rosterform: error: {}{}", prefix(app), problem);
  }
  return fmt::format("rosterform: error: {}{}\n{}", prefix(app), problem, help_hint(app));
}

std::string unknown_command_message(const CLI::App& parent, const std::string& word,
                                    const std::string& context) {
  CLI::App& app = const_cast<CLI::App&>(parent);
  return fmt::format("rosterform: error: {}{}{}\n{}", context,
                     is_root(app) ? std::string() : command_path(app) + ": ",
                     unknown_word(app, word), help_hint(app));
}

}  // namespace rosterform::cli
