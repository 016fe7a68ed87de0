#include "core/xlsx_writer.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>

#include <xlsxwriter.h>

#include "core/ids.hpp"

namespace core {
namespace {

namespace fs = std::filesystem;

std::optional<lxw_datetime> parse_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  lxw_datetime dt{};
  dt.year = std::stoi(s.substr(0, 4));
  dt.month = std::stoi(s.substr(5, 2));
  dt.day = std::stoi(s.substr(8, 2));
  if (dt.year < 1900 || dt.month < 1 || dt.month > 12 || dt.day < 1 || dt.day > 31)
    return std::nullopt;
  return dt;
}

// Excel allows 31 characters and none of []:*?/\ in a sheet name.
std::string sheet_name_for(const std::string& wanted) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < wanted.size() && chars < 31; ++i) {
    char c = wanted[i];
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) continue;
    out.push_back(c);
    // Count characters, not bytes: continuation bytes of UTF-8 do not start one.
    if (i + 1 >= wanted.size() || (static_cast<unsigned char>(wanted[i + 1]) >> 6) != 2) ++chars;
  }
  return out.empty() ? "Sheet1" : out;
}

std::size_t display_width(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) >> 6) != 2; }));
}

// Removes the private directory however the export ends.
struct TempDir {
  fs::path path;
  TempDir() : path(fs::temp_directory_path() / ("fremdrift-xlsx-" + core::random_token(12))) {
    fs::create_directory(path);
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::replace);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

void check(lxw_error err) {
  if (err != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx: ") + lxw_strerror(err));
}

}  // namespace

std::string to_xlsx(const Table& table, const std::string& sheet_name,
                    const std::set<std::size_t>& date_columns) {
  TempDir dir;
  std::string file = (dir.path / "export.xlsx").string();
  std::string tmpdir = dir.path.string();
  lxw_workbook_options options{LXW_FALSE, tmpdir.data(), LXW_FALSE};
  lxw_workbook* workbook = workbook_new_opt(file.c_str(), &options);
  if (workbook == nullptr) throw std::runtime_error("xlsx: could not create the workbook");
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_name_for(sheet_name).c_str());
  lxw_format* heading = workbook_add_format(workbook);
  format_set_bold(heading);
  lxw_format* date = workbook_add_format(workbook);
  format_set_num_format(date, "yyyy-mm-dd");
  std::vector<std::size_t> widths;
  for (std::size_t r = 0; r < table.size(); ++r) {
    const auto& row = table[r];
    if (widths.size() < row.size()) widths.resize(row.size(), 8);
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string& value = row[c];
      widths[c] = std::max(widths[c], std::min<std::size_t>(display_width(value) + 2, 60));
      auto row_no = static_cast<lxw_row_t>(r);
      auto col_no = static_cast<lxw_col_t>(c);
      if (value.empty()) continue;
      if (r == 0) {
        worksheet_write_string(sheet, row_no, col_no, value.c_str(), heading);
      } else if (auto dt = date_columns.count(c) != 0 ? parse_date(value) : std::nullopt) {
        worksheet_write_datetime(sheet, row_no, col_no, &*dt, date);
      } else {
        worksheet_write_string(sheet, row_no, col_no, value.c_str(), nullptr);
      }
    }
  }
  for (std::size_t c = 0; c < widths.size(); ++c) {
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                         static_cast<double>(widths[c]), nullptr);
  }
  if (!table.empty() && !widths.empty()) {
    worksheet_freeze_panes(sheet, 1, 0);
    worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.size() - 1),
                         static_cast<lxw_col_t>(widths.size() - 1));
  }
  check(workbook_close(workbook));
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace core
