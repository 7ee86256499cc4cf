# Layer rules, proved at configure time (docs/BUILD.md, "Layers").
#
# 1. Include roots: each library exports only its own directory under the prefix its users
#    write (`#include "core/date.h"`): vsk_include_root() links <binary>/include-roots/<target>/
#    <prefix> to the source directory and puts that root on the target's PUBLIC include path.
#    A core file that writes `#include "store/..."` does not compile, because no root of core's
#    (or of anything core links) holds store/.
# 2. Forbidden dependencies: vsk_forbid(<target> <kind>...) walks the target's links
#    transitively (LINK_LIBRARIES, INTERFACE_LINK_LIBRARIES, imported targets' own links,
#    $<LINK_ONLY:...>) and fails the configure naming the chain, e.g.
#    "vsk_app -> vsk_sdl -> PkgConfig::SDL2". It also scans the target's own sources (and
#    the header beside each) for #include lines of the forbidden kind (a system header such as
#    <sqlite3.h> is always on the compiler's path, so links alone would not catch it).
#    Kinds: ui (SDL, ImGui), sql (SQLite, PostgreSQL), curl, speech (espeak-ng, librime).
#    An `#include "../..."` in those files fails too: it would step around the include roots.
#
# tests/layers/ holds deliberately bad probe projects that include this file and must fail.

include_guard(GLOBAL)

# Link names of each kind (targets, imported targets and plain library names or paths).
set(VSK_KIND_LINKS_ui "^(vsk_sdl|vsk_ui|PkgConfig::SDL2|PkgConfig::IMGUI)$|SDL2|[/]?libimgui|^imgui$")
set(VSK_KIND_LINKS_sql "^(vsk_sqlite|vsk_postgres|SQLite::SQLite3|PkgConfig::LIBPQ)$|libsqlite3|^sqlite3$|libpq\\.|^pq$")
set(VSK_KIND_LINKS_curl "^PkgConfig::CURL$|libcurl|^curl$")
set(VSK_KIND_LINKS_speech "^(PkgConfig::ESPEAK|PkgConfig::RIME)$|libespeak|librime|^espeak-ng$|^rime$")
# #include lines of each kind.
set(VSK_KIND_INCLUDES_ui "#include[ \t]*[<\"](SDL|SDL2/|imgui|ui/|sdl/)")
set(VSK_KIND_INCLUDES_sql "#include[ \t]*[<\"](sqlite3\\.h|libpq-fe\\.h|sqlite/|postgres/)")
set(VSK_KIND_INCLUDES_curl "#include[ \t]*[<\"]curl/")
set(VSK_KIND_INCLUDES_speech "#include[ \t]*[<\"](espeak-ng/|rime_api\\.h|linux/(espeak_synth|hanzi_pinyin|rime_pinyin)\\.h)")

function(vsk_include_root target prefix dir)
  set(root ${CMAKE_BINARY_DIR}/include-roots/${target})
  get_filename_component(parent ${root}/${prefix} DIRECTORY)
  file(MAKE_DIRECTORY ${parent})
  if(NOT EXISTS ${root}/${prefix})
    file(CREATE_LINK ${dir} ${root}/${prefix} SYMBOLIC)
  endif()
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    target_include_directories(${target} INTERFACE ${root})
  else()
    target_include_directories(${target} PUBLIC ${root})
  endif()
endfunction()

# Strips the generator expressions CMake itself writes into link lists.
function(_vsk_link_name item out)
  string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" item "${item}")
  string(REGEX REPLACE "^\\$<BUILD_INTERFACE:(.*)>$" "\\1" item "${item}")
  if(item MATCHES "^\\$<" OR item MATCHES "^-")  # other expressions, flags: not a library
    set(item "")
  endif()
  set(${out} "${item}" PARENT_SCOPE)
endfunction()

# Depth-first walk; sets <out> to the first chain "a -> b -> c" whose last name matches <regex>.
function(_vsk_find_chain name regex chain visited_var out)
  set(${out} "" PARENT_SCOPE)
  if(name MATCHES "${regex}")
    set(${out} "${chain}" PARENT_SCOPE)
    return()
  endif()
  if(NOT TARGET ${name})
    return()
  endif()
  get_property(visited GLOBAL PROPERTY ${visited_var})
  if(name IN_LIST visited)
    return()
  endif()
  set_property(GLOBAL APPEND PROPERTY ${visited_var} ${name})
  get_target_property(aliased ${name} ALIASED_TARGET)
  set(links "")
  if(aliased)
    list(APPEND links ${aliased})
  else()
    get_target_property(type ${name} TYPE)
    get_target_property(imported ${name} IMPORTED)
    if(NOT type STREQUAL "INTERFACE_LIBRARY" AND NOT imported)
      get_target_property(own ${name} LINK_LIBRARIES)
      if(own)
        list(APPEND links ${own})
      endif()
    endif()
    get_target_property(iface ${name} INTERFACE_LINK_LIBRARIES)
    if(iface)
      list(APPEND links ${iface})
    endif()
  endif()
  foreach(item IN LISTS links)
    _vsk_link_name("${item}" dep)
    if(dep STREQUAL "")
      continue()
    endif()
    _vsk_find_chain("${dep}" "${regex}" "${chain} -> ${dep}" ${visited_var} found)
    if(found)
      set(${out} "${found}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
endfunction()

# A target's own source files and the header beside each (same name, .h).
function(_vsk_own_files target out)
  get_target_property(srcs ${target} SOURCES)
  get_target_property(base ${target} SOURCE_DIR)
  set(files "")
  foreach(s IN LISTS srcs)
    if(s MATCHES "^\\$<")
      continue()
    endif()
    if(NOT IS_ABSOLUTE "${s}")
      set(s ${base}/${s})
    endif()
    list(APPEND files ${s})
    string(REGEX REPLACE "\\.cpp$" ".h" h "${s}")
    if(NOT h STREQUAL s AND EXISTS ${h})
      list(APPEND files ${h})
    endif()
  endforeach()
  set(${out} "${files}" PARENT_SCOPE)
endfunction()

function(vsk_forbid target)
  if(NOT TARGET ${target})
    message(FATAL_ERROR "vsk_forbid: no target ${target}")
  endif()
  _vsk_own_files(${target} files)
  # "../" would step around the include roots (a quoted include is first looked up beside the file).
  foreach(f IN LISTS files)
    file(STRINGS ${f} hits REGEX "#include[ \t]*\"\\.\\./")
    if(hits)
      list(GET hits 0 first)
      message(FATAL_ERROR "layer rule: ${target}: no \"../\" includes (name the layer: \"core/...\"), but ${f} has: ${first}")
    endif()
  endforeach()
  foreach(kind IN LISTS ARGN)
    if(NOT DEFINED VSK_KIND_LINKS_${kind})
      message(FATAL_ERROR "vsk_forbid: unknown kind '${kind}' (ui, sql, curl, speech)")
    endif()
    set_property(GLOBAL PROPERTY _vsk_visited_${target}_${kind} "")
    _vsk_find_chain(${target} "${VSK_KIND_LINKS_${kind}}" ${target} _vsk_visited_${target}_${kind} chain)
    if(chain AND NOT chain STREQUAL target)
      message(FATAL_ERROR "layer rule: ${target} must not depend on ${kind}, but links ${chain}")
    endif()
    foreach(f IN LISTS files)
      file(STRINGS ${f} hits REGEX "${VSK_KIND_INCLUDES_${kind}}")
      if(hits)
        list(GET hits 0 first)
        message(FATAL_ERROR "layer rule: ${target} must not include ${kind} headers, but ${f} has: ${first}")
      endif()
    endforeach()
  endforeach()
endfunction()
