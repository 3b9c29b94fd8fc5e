#include "engine/plan/action.hpp"

namespace rosterform::engine {

std::string_view to_string(Action action) {
  switch (action) {
    case Action::no_op:
      return "no-op";
    case Action::create:
      return "create";
    case Action::update:
      return "update";
    case Action::deactivate:
      return "deactivate";
    case Action::reactivate:
      return "reactivate";
    case Action::adopt:
      return "adopt";
    case Action::forget:
      return "forget";
  }
  return "?";
}

char symbol(Action action) {
  switch (action) {
    case Action::no_op:
      return ' ';
    case Action::create:
      return '+';
    case Action::update:
      return '~';
    case Action::deactivate:
      return '-';
    case Action::reactivate:
      return '^';
    case Action::adopt:
      return '<';
    case Action::forget:
      return '/';
  }
  return '?';
}

std::string_view verb_phrase(Action action) {
  switch (action) {
    case Action::no_op:
      return "is unchanged";
    case Action::create:
      return "will be created";
    case Action::update:
      return "will be updated in place";
    case Action::deactivate:
      return "will be deactivated";
    case Action::reactivate:
      return "will be reactivated";
    case Action::adopt:
      return "will be adopted";
    case Action::forget:
      return "will no longer be managed (Healthie is not changed)";
  }
  return "?";
}

}  // namespace rosterform::engine
