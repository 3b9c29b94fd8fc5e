#pragma once
// The boundary between the engine and a remote system. The engine plans and
// applies through this interface only, so it is tested with fakes and never
// links an HTTP or JSON library (docs/ARCHITECTURE.md).
//
// Read side: preflight, then a complete read. The write side (mutations used
// by apply) is declared alongside as it is built.

#include "engine/current_state.hpp"
#include "engine/result.hpp"

namespace rosterform::engine {

class Provider {
 public:
  virtual ~Provider() = default;

  // Checks the credentials and the API version before anything else and
  // returns who the key belongs to. A key that authenticates as nobody is an
  // error here, never an empty roster later.
  virtual Result<Caller> preflight() = 0;

  // Reads every staff member and client the key can see, active and
  // archived, in the vocabulary of the provider's ResourceSchema. Either the
  // whole state or an error: never a partial read.
  virtual Result<CurrentState> read_current_state() = 0;
};

}  // namespace rosterform::engine
