#pragma once
// Which URLs rosterform will send a key to. TLS is always verified; plain
// http:// is accepted only for loopback, where the simulator runs, because a
// key sent in the clear to any other host is a key given away.

#include <string_view>

#include "engine/result.hpp"

namespace rosterform::http {

// Ok for https://host/... and for http://{localhost,127.x.x.x,[::1]}/...;
// otherwise an error that says what is wrong and what to use instead.
[[nodiscard]] engine::Status check_endpoint(std::string_view url);

}  // namespace rosterform::http
