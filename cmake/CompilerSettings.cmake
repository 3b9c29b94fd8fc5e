# Two INTERFACE targets carry our own compile settings. They are linked PRIVATE
# to first-party targets only, so third-party headers never see -Werror.
add_library(rosterform_settings INTERFACE)
add_library(rosterform_warnings INTERFACE)

target_include_directories(rosterform_settings INTERFACE ${PROJECT_SOURCE_DIR})
target_compile_definitions(rosterform_settings INTERFACE
  ROSTERFORM_VERSION="${PROJECT_VERSION}"
  $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)

target_compile_options(rosterform_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion
  -Wnull-dereference -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(ROSTERFORM_WERROR)
  target_compile_options(rosterform_warnings INTERFACE -Werror)
endif()

# The fuzz build (tests/fuzz, docs/fuzzing.md) instruments every target for
# coverage (fuzzer-no-link) under ASan+UBSan, with libstdc++'s checks on at any
# optimisation level; only the harnesses link libFuzzer itself.
if(ROSTERFORM_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "ROSTERFORM_FUZZ needs clang (libFuzzer): configure with "
      "-DCMAKE_CXX_COMPILER=clang++ (Debian packages clang and libclang-rt-dev)")
  endif()
  if(NOT ROSTERFORM_SANITIZE)
    set(ROSTERFORM_SANITIZE "address,undefined")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
  add_compile_definitions(_GLIBCXX_ASSERTIONS)
endif()

if(ROSTERFORM_SANITIZE)
  string(REPLACE "," ";" _sanitizers "${ROSTERFORM_SANITIZE}")
  foreach(_s IN LISTS _sanitizers)
    if(NOT _s MATCHES "^(address|undefined|thread|leak)$")
      message(FATAL_ERROR "ROSTERFORM_SANITIZE: unknown sanitizer '${_s}' (use address, undefined, thread or leak)")
    endif()
  endforeach()
  set(_flag "-fsanitize=${ROSTERFORM_SANITIZE}")
  # Sanitizers apply to the whole program, so they go on every target.
  add_compile_options(${_flag} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(${_flag})
endif()

# Declares a first-party static library from the sources in its folder.
# Globbing keeps folders independent: adding a file needs no CMake edit.
# A subfolder with its own CMakeLists.txt is a library of its own: pass its
# name after the library's to leave it out (e.g. state/postgres).
function(rosterform_library name)
  file(GLOB_RECURSE _srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  list(FILTER _srcs EXCLUDE REGEX "/main\\.cpp$")
  foreach(_sub IN LISTS ARGN)
    list(FILTER _srcs EXCLUDE REGEX "${CMAKE_CURRENT_SOURCE_DIR}/${_sub}/")
  endforeach()
  add_library(${name} STATIC ${_srcs})
  target_link_libraries(${name} PUBLIC rosterform_settings PRIVATE rosterform_warnings)
endfunction()
