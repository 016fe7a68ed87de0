#include "core/imports.hpp"

#include <malloc.h>

#include "core/errors.hpp"

namespace core {

std::atomic<int> ImportSlot::running_{0};

bool ImportListing::take(bool is_error) {
  ++seen_;
  if (seen_ <= kListedRows) {
    if (is_error) ++errors_listed_;
    return true;
  }
  if (is_error && errors_listed_ < kListedErrors) {
    ++errors_listed_;
    return true;
  }
  ++omitted_;
  return false;
}

ImportSlot::ImportSlot() {
  if (running_.fetch_add(1) >= kConcurrentImports) {
    running_.fetch_sub(1);
    throw TooManyRequests("other imports are running; try again in a moment", 5);
  }
}

ImportSlot::~ImportSlot() {
  running_.fetch_sub(1);
  // The file's rows were freed before the slot (declared first, destroyed last): give
  // the memory back to the system instead of keeping it in this thread's malloc arena.
  malloc_trim(0);
}

}  // namespace core
