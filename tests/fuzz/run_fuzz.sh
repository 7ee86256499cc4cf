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
  "$src"/kiosk/core/json_nesting.cpp "$src"/kiosk/core/catalog.cpp "$src"/kiosk/core/text.cpp "$src"/kiosk/core/date.cpp \
  "$src/kiosk/app/catalog_loader.cpp" "$src/kiosk/app/points_rules_loader.cpp" \
  $(pkg-config --cflags --libs libsodium libzstd) -o "$out/sync_wire_fuzz"
# The sealed seeds, made with the target's fixed keys (also committed in tests/fuzz/corpus).
# shellcheck disable=SC2086
$cxx -std=c++20 -O1 -I"$src" -I"$src/kiosk" -I"$src/platform/include" -I"$src/platform" \
  "$src/tests/fuzz/make_sealed_seeds.cpp" "$src"/sync/protocol/*.cpp "$src"/platform/files/*.cpp \
  "$src"/platform/crypto/*.cpp "$src"/kiosk/core/json_nesting.cpp \
  $(pkg-config --cflags --libs libsodium libzstd) -o "$out/make_sealed_seeds"
# Seed corpus (tests/fuzz/corpus, committed): real messages of every kind, the catalog and the
# points rules, envelope and bundle framing, nesting deeper than the limit, numbers beyond
# int64 and 1e300, envelopes of every kind sealed with the fixed keys and their zstd frames.
# Copied so the run's own findings do not land in the source tree.
cp "$src"/tests/fuzz/corpus/* "$out/corpus/"
"$out/make_sealed_seeds" "$out/corpus"
# -max_len: real messages (a push of 100 operations, a catalog) run to tens of KB; libFuzzer's
# default of 4 KB never reached them.
"$out/sync_wire_fuzz" -max_total_time="$seconds" -max_len=262144 -rss_limit_mb=1024 -print_final_stats=1 \
  -dict="$src/tests/fuzz/sync_wire.dict" "$out/corpus"
