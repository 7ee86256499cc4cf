# Build variants, chosen by CMakePresets.json (docs/BUILD.md):
#   VSK_SANITIZE  "address,undefined" or "thread": every target compiled and linked with it;
#                 UBSan findings abort (no recovery), so a test that triggers one fails.
#   VSK_WERROR    ON: warnings are errors (our code; Debian's ImGui backend stays -w).
include_guard(GLOBAL)

set(VSK_SANITIZE "" CACHE STRING "Sanitizers for every target: address,undefined | thread | empty")
option(VSK_WERROR "Treat compiler warnings as errors" OFF)

if(VSK_SANITIZE)
  if(NOT VSK_SANITIZE MATCHES "^(address,undefined|address|undefined|thread)$")
    message(FATAL_ERROR "VSK_SANITIZE='${VSK_SANITIZE}': use address,undefined or thread")
  endif()
  add_compile_options(-fsanitize=${VSK_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${VSK_SANITIZE})
  if(VSK_SANITIZE MATCHES "undefined")
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
  # Runtime options and suppressions (tests/sanitizers/) come from the preset's environment,
  # so they hold for gtest's test discovery at build time as for ctest.
endif()

if(VSK_WERROR)
  add_compile_options(-Werror)
endif()
