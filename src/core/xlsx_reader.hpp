#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace core {

// Limits against zip bombs and absurd sheets; a file over any of them is refused.
struct XlsxLimits {
  std::size_t max_entries = 2000;                   // files in the ZIP archive
  std::size_t max_uncompressed = 20 * 1024 * 1024;  // bytes inflated, all parts together
  std::size_t max_rows = 100000;
  std::size_t max_columns = 256;
};

// The first worksheet of an Office Open XML workbook (.xlsx) as rows of text cells,
// without any library beyond zlib and pugixml: the ZIP central directory is read
// here, stored and deflated parts are inflated with a cap, and xl/workbook.xml, its
// relationships, xl/sharedStrings.xml, xl/styles.xml and the sheet are parsed.
//
// Cells: shared and inline strings as written; numbers as in the file ("12.5");
// booleans as TRUE/FALSE; a number in a cell whose style has a date format (the
// built-in date formats or a custom one with d or y in it) as an ISO date
// "2026-03-31" (the 1900 and the 1904 date systems). Row i of the result is row
// i + 1 of the sheet (empty rows stay as empty vectors); missing cells are "".
//
// Anything malformed (not a ZIP, ZIP64, encryption, a bad checksum, a part over the
// limits, broken XML) throws ValidationError(field, message) — never a crash.
std::vector<std::vector<std::string>> read_xlsx(std::string_view bytes,
                                                const std::string& field = "file",
                                                const XlsxLimits& limits = {});

// Whether the bytes begin like a ZIP archive ("PK\3\4").
bool looks_like_zip(std::string_view bytes);

}  // namespace core
