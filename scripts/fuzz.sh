#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets with clang + ASan/UBSan in build-fuzz
# and fuzzes each for ${FUZZ_SECONDS:-60} s, seeded from its corpus in
# fuzz/corpus/<target> (with fuzz/<target>.dict). Inputs that add coverage are
# merged back into that corpus at the end; crashes land in build-fuzz/artifacts/.
#   scripts/fuzz.sh [--smoke] [TARGET...]
#   --smoke   only replay each corpus once (CI); exit 0 when clean
#   TARGET    json_request, bpmn, xlsx (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}
SMOKE=0
TARGETS=()
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    json_request|bpmn|xlsx) TARGETS+=("$arg") ;;
    *) echo "usage: $0 [--smoke] [json_request|bpmn|xlsx ...]" >&2; exit 2 ;;
  esac
done
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(json_request bpmn xlsx)

# Every library is compiled with ASan/UBSan and with libFuzzer's coverage
# instrumentation (fuzzer-no-link), so the fuzzer sees the edges of the code
# under test and not only of the fuzz target; the fuzz target adds -fsanitize=fuzzer.
# UBSan findings abort (no recover) so libFuzzer reports them as crashes.
SAN_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
SAN_FLAGS+=" -fsanitize=fuzzer-no-link"
CXX=${CXX:-clang++} cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFREMDRIFT_FUZZ=ON -DFREMDRIFT_TESTS=OFF -DFREMDRIFT_BENCH=OFF \
  -DCMAKE_CXX_FLAGS="$SAN_FLAGS" >/dev/null
for t in "${TARGETS[@]}"; do
  cmake --build "$BUILD_DIR" --target "${t}_fuzz" -j2
done

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
mkdir -p "$BUILD_DIR/artifacts"

for t in "${TARGETS[@]}"; do
  FUZZER="$BUILD_DIR/fuzz/${t}_fuzz"
  CORPUS="fuzz/corpus/$t"
  DICT="fuzz/$t.dict"
  if [ "$SMOKE" -eq 1 ]; then
    # Run each corpus file once; any crash, leak, UB or stray exception fails.
    "$FUZZER" -max_len=65536 -timeout=10 -artifact_prefix="$BUILD_DIR/artifacts/" "$CORPUS"/*
    echo "fuzz smoke ($t): $(ls "$CORPUS" | wc -l) corpus inputs replayed cleanly"
    continue
  fi
  # Fuzz into a scratch directory (the repo corpus is only read), then merge.
  WORK="$BUILD_DIR/corpus-$t"
  mkdir -p "$WORK"
  "$FUZZER" "$WORK" "$CORPUS" -dict="$DICT" -max_len=65536 -timeout=10 \
    -max_total_time="${FUZZ_SECONDS:-60}" -print_final_stats=1 \
    -artifact_prefix="$BUILD_DIR/artifacts/"
  # Keep only the inputs that add new edges to the checked-in corpus (edges, not hit
  # counts: -use_counters=0 keeps the corpus small enough for the repository).
  "$FUZZER" -merge=1 -use_counters=0 -max_len=65536 -timeout=10 "$CORPUS" "$WORK"
  echo "corpus ($t): $(ls "$CORPUS" | wc -l) files, $(du -sh "$CORPUS" | cut -f1)"
done
