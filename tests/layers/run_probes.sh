#!/bin/sh
# Proves the layer check (cmake/layers.cmake) can fail: configures tests/layers/probe in each
# scenario; "good" must configure, every bad one must fail naming the broken rule (the last
# one at compile time: a header of a layer that is not linked is not on the include path).
# Usage: run_probes.sh SOURCE_DIR WORK_DIR
set -u
src=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
status=0
probe() {
  scenario=$1
  want=$2   # "ok" or a message the failure must contain
  out="$work/$scenario.log"
  if cmake -S "$src/tests/layers/probe" -B "$work/$scenario" -DSCENARIO="$scenario" \
      -DVSK_LAYERS_CMAKE="$src/cmake/layers.cmake" > "$out" 2>&1; then
    result=ok
  else
    result=failed
  fi
  if [ "$result" = ok ] && [ "${3:-}" = build ]; then
    cmake --build "$work/$scenario" --target probe_domain >> "$out" 2>&1 || result=failed
  fi
  if [ "$want" = ok ]; then
    if [ "$result" != ok ]; then echo "FAIL $scenario: should configure"; cat "$out"; status=1
    else echo "ok   $scenario: configures"; fi
  elif [ "$result" = ok ]; then
    echo "FAIL $scenario: configured, but must fail with: $want"; status=1
  elif ! tr -s ' \n' '  ' < "$out" | grep -qF "$want"; then
    echo "FAIL $scenario: failed, but without: $want"; cat "$out"; status=1
  else
    echo "ok   $scenario: $want"
  fi
}
probe good ok
probe ui_two_steps_private "probe_domain must not depend on ui, but links probe_domain -> probe_mid -> PkgConfig::SDL2"
probe sql_through_interface "probe_domain must not depend on sql, but links probe_domain -> probe_edge -> SQLite::SQLite3"
probe curl_as_library_path "must not depend on curl, but links probe_domain -> probe_mid -> probe_curl_wrapper -> /usr/lib/x86_64-linux-gnu/libcurl.so"
probe include_without_link "probe_domain must not include sql headers"
probe parent_relative_include 'probe_domain: no "../" includes'
probe header_of_unlinked_layer "other/other.h: No such file or directory" build
exit $status
