#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace core {

// Rows of text cells; the first row holds the headings.
using Table = std::vector<std::vector<std::string>>;

// Semicolon: Excel in Danish and Swedish settings splits a double-clicked .csv on
// the list separator, which is ";" there because "," is the decimal comma.
inline constexpr char kCsvSeparator = ';';

// One RFC 4180 field: quoted when it holds the separator, a quote or a line break.
// A cell beginning with = + - @ (or a tab or carriage return) gets a leading ' so
// that a spreadsheet shows it as text instead of running it as a formula.
std::string csv_cell(std::string_view value, char separator = kCsvSeparator);

// One row of a file, cells as csv_cell writes them, ended by CRLF.
std::string csv_line(const std::vector<std::string>& row, char separator = kCsvSeparator);

// The whole file: a UTF-8 byte order mark (Excel reads æ, ø, å right only with it),
// then the rows, each ended by CRLF.
std::string to_csv(const Table& table, char separator = kCsvSeparator);

// Reads a CSV file back into rows: UTF-8 with or without a byte order mark, ";" or ","
// (whichever occurs more often outside quotes in the first line), RFC 4180 quotes with
// doubled quotes and line breaks inside, CRLF or LF. Blank lines are skipped. A leading
// ' that csv_cell added before = + - @ is taken off again. BadRequest on an unclosed quote.
// The rows are handed to `on_row` as they are read, so a caller need not hold the file.
void for_each_csv_row(std::string_view text,
                      const std::function<void(std::vector<std::string>&&)>& on_row);
// The same into a table; PayloadTooLarge as soon as it would hold more than `max_rows`
// rows (the header included), before the rest of the file is read.
Table read_csv(std::string_view text, std::size_t max_rows = SIZE_MAX);

}  // namespace core
