# Every dependency comes from a Debian package; scripts/bootstrap installs them.
# A missing one fails here with the package to install, not later in a compile.
function(rosterform_require pkg debian)
  find_package(${pkg} ${ARGN} QUIET)
  if(NOT ${pkg}_FOUND)
    message(FATAL_ERROR
      "rosterform: dependency '${pkg}' was not found.\n"
      "Install it with: apt-get install ${debian}\n"
      "(or run scripts/bootstrap, which installs everything the build needs)")
  endif()
endfunction()

rosterform_require(yaml-cpp libyaml-cpp-dev)
rosterform_require(CURL libcurl4-openssl-dev)
rosterform_require(simdjson libsimdjson-dev)
rosterform_require(fmt libfmt-dev)
rosterform_require(nlohmann_json nlohmann-json3-dev)
rosterform_require(tl-expected libexpected-dev)
rosterform_require(CLI11 libcli11-dev)
rosterform_require(OpenSSL libssl-dev)
rosterform_require(PostgreSQL libpq-dev)
if(ROSTERFORM_BUILD_TESTS)
  rosterform_require(doctest doctest-dev)
  find_program(NODE_EXECUTABLE node)
  if(NOT NODE_EXECUTABLE)
    message(FATAL_ERROR "rosterform: 'node' was not found. Install it with: apt-get install nodejs npm")
  endif()
endif()

# Debian's yaml-cpp 0.7 exports a plain 'yaml-cpp' target; newer ones add a namespace.
if(TARGET yaml-cpp::yaml-cpp)
  set(ROSTERFORM_YAML_TARGET yaml-cpp::yaml-cpp)
else()
  set(ROSTERFORM_YAML_TARGET yaml-cpp)
endif()
