#pragma once
// INTERNAL to rosterform_healthie: what doctor.cpp and doctor_inputs.cpp
// share to build `rosterform doctor`'s checks (doctor.hpp).

#include <string>
#include <vector>

#include "providers/healthie/doctor.hpp"
#include "providers/healthie/documents.hpp"
#include "providers/healthie/executor.hpp"
#include "providers/healthie/response.hpp"

namespace rosterform::healthie {

[[nodiscard]] DoctorCheck pass(std::string name, std::string detail);
[[nodiscard]] DoctorCheck failed(std::string name, std::string detail, std::string advice);

// One request, run to its end.
[[nodiscard]] Classified ask(Executor& exec, const Document& doc, const std::string& variables);

// One check per input type rosterform sends ("input createClientInput"),
// from the answer to input_fields_query(): every field name rosterform may
// send (input_fields.hpp) exists, and Healthie requires none it does not
// send. A refused query makes every check not verified (failed under
// `fail_unverified`).
[[nodiscard]] std::vector<DoctorCheck> input_checks(const Classified& answer,
                                                    const std::string& version,
                                                    bool fail_unverified);

}  // namespace rosterform::healthie
