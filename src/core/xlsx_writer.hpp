#pragma once

#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/csv.hpp"

namespace core {

// The table as an Excel workbook (.xlsx, one sheet) in memory: headings bold with
// an autofilter and frozen, cells in `date_columns` that hold YYYY-MM-DD written as
// real dates, everything else as text (so nothing is ever read as a formula).
// libxlsxwriter writes to a file, so this goes through a private temporary file.
// The same workbook written a row at a time (the first row the headings) into a private
// temporary file, for tables too large to hold: with `constant_memory` libxlsxwriter keeps
// one row in memory instead of every cell until the end (strings then stand in the sheet
// itself, not in a shared table).
class XlsxStream {
 public:
  XlsxStream(const std::string& sheet_name, std::set<std::size_t> date_columns,
             bool constant_memory);
  ~XlsxStream();
  XlsxStream(const XlsxStream&) = delete;
  XlsxStream& operator=(const XlsxStream&) = delete;
  void add_row(const std::vector<std::string>& row);
  // Finishes the workbook: an open file at its start, already gone from the directory.
  std::shared_ptr<std::FILE> finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

std::string to_xlsx(const Table& table, const std::string& sheet_name,
                    const std::set<std::size_t>& date_columns);

}  // namespace core
