#pragma once

// The fields a refused input names, for the tests of field rules.

#include <map>
#include <string>

#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace testing_kit {

// The field errors of the ValidationError `run` throws; a failure (and none) when it throws
// none.
template <typename Run>
std::map<std::string, std::string> field_errors(Run run) {
  try {
    run();
  } catch (const core::ValidationError& e) {
    return e.fields();
  }
  ADD_FAILURE() << "no ValidationError";
  return {};
}

}  // namespace testing_kit
