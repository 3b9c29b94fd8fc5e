#pragma once
// Normal failures are values, not exceptions (docs/error-model.md).
//
// `Result<T>` is tl::expected<T, Error>: a function that can fail in the
// ordinary course of things (a file that is missing, an HTTP call that times
// out) returns one, and its caller decides. Exceptions are reserved for bugs
// and are caught once, in cli::run.

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace rosterform::engine {

// A failure with a message fit for the user: what is wrong, where, and how to
// fix it. It must never contain an API key or a PHI value.
struct Error {
  std::string message;

  explicit Error(std::string msg) : message(std::move(msg)) {}
};

template <typename T>
using Result = tl::expected<T, Error>;

using Status = Result<void>;

inline tl::unexpected<Error> fail(std::string message) {
  return tl::unexpected<Error>(Error(std::move(message)));
}

}  // namespace rosterform::engine

// Propagates a failed Result to the caller; the value, if any, is discarded.
#define ROSTERFORM_TRY(expr)                                          \
  do {                                                                \
    auto rosterform_try_result_ = (expr);                             \
    if (!rosterform_try_result_) {                                    \
      return tl::unexpected(std::move(rosterform_try_result_.error())); \
    }                                                                 \
  } while (false)
