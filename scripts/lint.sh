#!/usr/bin/env bash
# Style and static checks with the pinned .clang-format and .clang-tidy.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
status=0

mapfile -t cxx < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'tools/*.cpp' \
                                 'fuzz/*.cpp' 'bench/*.cpp')
if ! clang-format --dry-run --Werror "${cxx[@]}" 2>/tmp/fremdrift-format.log; then
  echo "clang-format: these files need \`make format\`:"
  grep -oE '^[^:]+\.(cpp|hpp):' /tmp/fremdrift-format.log | sort -u | sed 's/^/  /'
  status=1
else
  echo "clang-format: ${#cxx[@]} files clean"
fi

if [ ! -f "$BUILD_DIR/compile_commands.json" ]; then
  echo "clang-tidy: no $BUILD_DIR/compile_commands.json; build first" >&2
  exit 1
fi
# The build's precompiled header is GCC's, which clang cannot read: clang-tidy gets the compile
# commands without it, so each file is also checked to include what it uses (D52).
mkdir -p "$BUILD_DIR/tidy"
python3 - "$BUILD_DIR/compile_commands.json" "$BUILD_DIR/tidy/compile_commands.json" <<'PY'
import json, re, sys
commands = json.load(open(sys.argv[1]))
for entry in commands:
    entry["command"] = re.sub(r" -Winvalid-pch| -include \S+cmake_pch\.hxx", "", entry["command"])
json.dump(commands, open(sys.argv[2], "w"), indent=0)
PY
mapfile -t sources < <(git ls-files 'src/*.cpp')
if printf '%s\n' "${sources[@]}" |
    xargs -P 2 -n 4 clang-tidy -p "$BUILD_DIR/tidy" --quiet >/tmp/fremdrift-tidy.log 2>&1; then
  echo "clang-tidy: ${#sources[@]} files clean"
else
  grep -E "error:|warning:" /tmp/fremdrift-tidy.log | sort -u | head -50
  echo "clang-tidy: problems found (full log: /tmp/fremdrift-tidy.log)"
  status=1
fi
# The OpenAPI document as code generators see it: redocly's recommended rules.
if "$BUILD_DIR/fremdrift" openapi >"$BUILD_DIR/openapi.json" 2>/dev/null &&
    node_modules/.bin/redocly lint "$BUILD_DIR/openapi.json" --config redocly.yaml \
      --format=stylish >/tmp/fremdrift-redocly.log 2>&1; then
  echo "redocly: OpenAPI document clean"
else
  grep -E "error|warning" /tmp/fremdrift-redocly.log | head -30
  echo "redocly: problems in the OpenAPI document (full log: /tmp/fremdrift-redocly.log)"
  status=1
fi
exit $status
