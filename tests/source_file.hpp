#pragma once

#include <fstream>
#include <iterator>
#include <string>

// Tests read their fixtures (keys, recorded IdP responses, samples, the shipped help) from the
// source tree, not from the build tree, so a fixture changed in git is what the next run reads.
namespace test {

// The file at `rel` below the source tree's root, byte for byte; empty when it is missing.
inline std::string source_file(const std::string& rel) {
  std::ifstream in(std::string(FREMDRIFT_SOURCE_DIR) + "/" + rel, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace test
