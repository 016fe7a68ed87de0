#pragma once

#include <atomic>
#include <cstddef>
#include <vector>

#include <nlohmann/json.hpp>

namespace core {

// One import (a CSV or XLSX file of KPI measurements or action rows) holds at most this
// many rows below its header; a bigger file is refused while it is read.
inline constexpr std::size_t kMaxImportRows = 100000;

// What an import's report lists, so that the preview of a big file stays small: every
// row up to kListedRows, after that only rows with errors, up to kListedErrors of them.
// The summary always counts every row.
inline constexpr std::size_t kListedRows = 100;
inline constexpr std::size_t kListedErrors = 100;

class ImportListing {
 public:
  // Whether the next row (in file order) is listed.
  bool take(bool is_error);
  std::size_t omitted() const { return omitted_; }

 private:
  std::size_t seen_ = 0;
  std::size_t errors_listed_ = 0;
  std::size_t omitted_ = 0;
};

// The body every import answers with: the counts of rows to create, update and refuse,
// the rows the listing keeps (as `row_json` writes them) and how many it left out.
// `Row` has `action` ("create", "update" or "error").
template <typename Row, typename RowJson>
nlohmann::json import_report(const std::vector<Row>& rows, RowJson row_json) {
  nlohmann::json items = nlohmann::json::array();
  int counts[3] = {0, 0, 0};
  ImportListing listing;
  for (const auto& r : rows) {
    if (listing.take(r.action == "error")) items.push_back(row_json(r));
    counts[r.action == "create" ? 0 : r.action == "update" ? 1 : 2]++;
  }
  return {{"summary", {{"create", counts[0]}, {"update", counts[1]}, {"error", counts[2]}}},
          {"rows", std::move(items)},
          {"rows_not_listed", listing.omitted()}};
}

// Imports are the heaviest requests (a 10 MB file is parsed, checked and stored): at
// most kConcurrentImports run at once in an instance, so the others keep answering. A
// further one is refused with TooManyRequests (429, Retry-After) for the client to retry.
inline constexpr int kConcurrentImports = 2;

class ImportSlot {
 public:
  ImportSlot();
  ~ImportSlot();
  ImportSlot(const ImportSlot&) = delete;
  ImportSlot& operator=(const ImportSlot&) = delete;

 private:
  static std::atomic<int> running_;
};

}  // namespace core
