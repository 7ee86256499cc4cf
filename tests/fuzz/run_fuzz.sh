#!/bin/sh
# Builds the sync wire fuzzer with clang and runs it for a bounded time (default 30 s).
#   run_fuzz.sh SOURCE_DIR BUILD_DIR [SECONDS]
set -eu
src=$1
out=$2/fuzz
seconds=${3:-30}
mkdir -p "$out/corpus"
cxx=${CLANGXX:-clang++}
flags="-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
# shellcheck disable=SC2086
$cxx $flags -I"$src" -I"$src/kiosk" -I"$src/platform/include" -I"$src/platform" \
  "$src/tests/fuzz/sync_wire_fuzz.cpp" "$src"/sync/protocol/*.cpp "$src"/platform/files/*.cpp "$src"/platform/crypto/*.cpp \
  $(pkg-config --cflags --libs libsodium libzstd) -o "$out/sync_wire_fuzz"
# Seed corpus: a real envelope-shaped prefix and JSON messages, so the fuzzer starts deep.
printf 'VSKE\001\000\000\000\002{}\000\000\000\000' > "$out/corpus/envelope"
printf 'VSKBUNDLE1\nVSKE\001' > "$out/corpus/bundle"
printf '{"ops":[{"op_id":"a","seq":1,"type":"t","device_time":0,"payload":{}}],"pending_total":0,"device_time":0}' > "$out/corpus/push"
printf '{"changes":[],"next_cursor":0,"more":false,"server_time":0}' > "$out/corpus/pull"
"$out/sync_wire_fuzz" -max_total_time="$seconds" -rss_limit_mb=1024 -print_final_stats=1 "$out/corpus"
