#pragma once

#include <set>
#include <string>

#include "core/csv.hpp"

namespace core {

// The table as an Excel workbook (.xlsx, one sheet) in memory: headings bold with
// an autofilter and frozen, cells in `date_columns` that hold YYYY-MM-DD written as
// real dates, everything else as text (so nothing is ever read as a formula).
// libxlsxwriter writes to a file, so this goes through a private temporary file.
std::string to_xlsx(const Table& table, const std::string& sheet_name,
                    const std::set<std::size_t>& date_columns);

}  // namespace core
