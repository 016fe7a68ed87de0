#include "core/xlsx_writer.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <utility>

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

struct XlsxStream::State {
  TempDir dir;
  std::string file = (dir.path / "export.xlsx").string();
  std::string tmpdir = dir.path.string();
  std::set<std::size_t> date_columns;
  lxw_workbook* workbook = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* heading = nullptr;
  lxw_format* date = nullptr;
  std::vector<std::size_t> widths;
  lxw_row_t rows = 0;
};

XlsxStream::XlsxStream(const std::string& sheet_name, std::set<std::size_t> date_columns,
                       bool constant_memory)
    : state_(std::make_unique<State>()) {
  auto& s = *state_;
  s.date_columns = std::move(date_columns);
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  options.tmpdir = s.tmpdir.data();
  options.use_zip64 = LXW_FALSE;
  s.workbook = workbook_new_opt(s.file.c_str(), &options);
  if (s.workbook == nullptr) throw std::runtime_error("xlsx: could not create the workbook");
  s.sheet = workbook_add_worksheet(s.workbook, sheet_name_for(sheet_name).c_str());
  s.heading = workbook_add_format(s.workbook);
  format_set_bold(s.heading);
  s.date = workbook_add_format(s.workbook);
  format_set_num_format(s.date, "yyyy-mm-dd");
}

XlsxStream::~XlsxStream() {
  if (state_->workbook != nullptr) lxw_workbook_free(state_->workbook);  // an export given up
}

void XlsxStream::add_row(const std::vector<std::string>& row) {
  auto& s = *state_;
  if (s.widths.size() < row.size()) s.widths.resize(row.size(), 8);
  for (std::size_t c = 0; c < row.size(); ++c) {
    const std::string& value = row[c];
    s.widths[c] = std::max(s.widths[c], std::min<std::size_t>(display_width(value) + 2, 60));
    auto col_no = static_cast<lxw_col_t>(c);
    if (value.empty()) continue;
    if (s.rows == 0) {
      worksheet_write_string(s.sheet, s.rows, col_no, value.c_str(), s.heading);
    } else if (auto dt = s.date_columns.count(c) != 0 ? parse_date(value) : std::nullopt) {
      worksheet_write_datetime(s.sheet, s.rows, col_no, &*dt, s.date);
    } else {
      worksheet_write_string(s.sheet, s.rows, col_no, value.c_str(), nullptr);
    }
  }
  ++s.rows;
}

std::shared_ptr<std::FILE> XlsxStream::finish() {
  auto& s = *state_;
  for (std::size_t c = 0; c < s.widths.size(); ++c) {
    worksheet_set_column(s.sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                         static_cast<double>(s.widths[c]), nullptr);
  }
  if (s.rows > 0 && !s.widths.empty()) {
    worksheet_freeze_panes(s.sheet, 1, 0);
    worksheet_autofilter(s.sheet, 0, 0, s.rows - 1, static_cast<lxw_col_t>(s.widths.size() - 1));
  }
  lxw_workbook* workbook = std::exchange(s.workbook, nullptr);
  check(workbook_close(workbook));
  // Open before the private directory goes: the open file outlives its name.
  std::shared_ptr<std::FILE> out(std::fopen(s.file.c_str(), "rb"), [](std::FILE* f) {
    if (f != nullptr) std::fclose(f);
  });
  if (!out) throw std::runtime_error("xlsx: could not read the workbook back");
  return out;
}

std::string to_xlsx(const Table& table, const std::string& sheet_name,
                    const std::set<std::size_t>& date_columns) {
  XlsxStream stream(sheet_name, date_columns, false);
  for (const auto& row : table) stream.add_row(row);
  auto file = stream.finish();
  std::string out;
  char buffer[65536];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0;)
    out.append(buffer, n);
  return out;
}

}  // namespace core
