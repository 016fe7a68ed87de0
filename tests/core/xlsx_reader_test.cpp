#include "core/xlsx_reader.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>

#include <unistd.h>
#include <xlsxwriter.h>
#include <zlib.h>

#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace core {
namespace {

// A workbook written by libxlsxwriter into a temporary file and read back as bytes.
std::string workbook(const std::function<void(lxw_workbook*, lxw_worksheet*)>& fill,
                     bool constant_memory = false) {
  auto path = std::filesystem::temp_directory_path() /
              ("xlsx-reader-test-" + std::to_string(::getpid()) + ".xlsx");
  lxw_workbook_options options{constant_memory ? LXW_TRUE : LXW_FALSE, nullptr, LXW_FALSE};
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* sheet = workbook_add_worksheet(wb, "Målinger");
  fill(wb, sheet);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  return bytes;
}

std::string field_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ValidationError& e) {
    return e.fields().begin()->first + ": " + e.fields().begin()->second;
  }
  return "no error";
}

TEST(XlsxReaderTest, ReadsSharedStringsNumbersAndDates) {
  auto bytes = workbook([](lxw_workbook* wb, lxw_worksheet* s) {
    lxw_format* iso = workbook_add_format(wb);
    format_set_num_format(iso, "yyyy-mm-dd");
    lxw_format* danish = workbook_add_format(wb);
    format_set_num_format(danish, "dd.mm.yyyy");
    lxw_format* two = workbook_add_format(wb);
    format_set_num_format(two, "0.00");
    worksheet_write_string(s, 0, 0, "Periode", nullptr);
    worksheet_write_string(s, 0, 1, "Værdi", nullptr);
    worksheet_write_string(s, 1, 0, "2026-W14", nullptr);
    worksheet_write_number(s, 1, 1, 12.5, nullptr);
    lxw_datetime d1{2026, 3, 31, 0, 0, 0};
    worksheet_write_datetime(s, 2, 0, &d1, iso);
    worksheet_write_number(s, 2, 1, 7, two);
    lxw_datetime d2{1999, 12, 31, 0, 0, 0};
    worksheet_write_datetime(s, 4, 0, &d2, danish);  // row 4 stays empty
    worksheet_write_number(s, 4, 2, -0.25, nullptr);
  });
  auto t = read_xlsx(bytes);
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[0], (std::vector<std::string>{"Periode", "Værdi"}));
  EXPECT_EQ(t[1], (std::vector<std::string>{"2026-W14", "12.5"}));
  EXPECT_EQ(t[2], (std::vector<std::string>{"2026-03-31", "7"}));  // 0.00 is not a date
  EXPECT_TRUE(t[3].empty());
  EXPECT_EQ(t[4], (std::vector<std::string>{"1999-12-31", "", "-0.25"}));
}

TEST(XlsxReaderTest, ReadsInlineStrings) {
  // Constant-memory mode writes inline strings instead of the shared table.
  auto bytes = workbook(
      [](lxw_workbook*, lxw_worksheet* s) {
        worksheet_write_string(s, 0, 0, "Vecka", nullptr);
        worksheet_write_string(s, 0, 1, "Värde", nullptr);
        worksheet_write_string(s, 1, 0, "2026-W02", nullptr);
        worksheet_write_string(s, 1, 1, "3,5", nullptr);
      },
      true);
  auto t = read_xlsx(bytes);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0], (std::vector<std::string>{"Vecka", "Värde"}));
  EXPECT_EQ(t[1], (std::vector<std::string>{"2026-W02", "3,5"}));
}

TEST(XlsxReaderTest, EarlyAndLateSerialDatesInThe1900System) {
  auto bytes = workbook([](lxw_workbook* wb, lxw_worksheet* s) {
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format_index(date, 14);            // built-in m/d/yyyy
    worksheet_write_number(s, 0, 0, 1, date);         // 1900-01-01
    worksheet_write_number(s, 1, 0, 61, date);        // 1900-03-01 (after the phantom 29 Feb)
    worksheet_write_number(s, 2, 0, 46112.75, date);  // 2026-03-31 18:00
  });
  auto t = read_xlsx(bytes);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0][0], "1900-01-01");
  EXPECT_EQ(t[1][0], "1900-03-01");
  EXPECT_EQ(t[2][0], "2026-03-31");
}

TEST(XlsxReaderTest, MalformedInputNamesTheFieldAndNeverCrashes) {
  EXPECT_EQ(field_of([] { read_xlsx("", "file"); }),
            "file: is not a valid .xlsx file (not a ZIP archive)");
  EXPECT_EQ(field_of([] { read_xlsx("period;value\r\n2026-W01;3\r\n", "upload"); }),
            "upload: is not a valid .xlsx file (not a ZIP archive)");
  auto good = workbook(
      [](lxw_workbook*, lxw_worksheet* s) { worksheet_write_string(s, 0, 0, "period", nullptr); });
  // Truncated anywhere, or with bytes flipped, it is refused with a message.
  for (std::size_t cut : {good.size() / 4, good.size() / 2, good.size() - 30, good.size() - 1}) {
    auto msg = field_of([&] { read_xlsx(good.substr(0, cut)); });
    EXPECT_EQ(msg.rfind("file: ", 0), 0u) << cut << " " << msg;
  }
  for (std::size_t at = 0; at < good.size(); at += 97) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x5a);
    try {
      read_xlsx(bad);
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.fields().begin()->first, "file");
    }
  }
}

// A ZIP of stored or deflated entries, written by hand; `lie_about_size` is the size
// the last entry claims to unpack to.
std::string zip_of(const std::vector<std::pair<std::string, std::string>>& files,
                   bool compress = true, std::size_t lie_about_size = 0) {
  auto le16 = [](std::string& s, unsigned v) {
    s += static_cast<char>(v & 0xff);
    s += static_cast<char>((v >> 8) & 0xff);
  };
  auto le32 = [&](std::string& s, unsigned long v) {
    le16(s, v & 0xffff);
    le16(s, (v >> 16) & 0xffff);
  };
  std::string out, dir;
  for (const auto& [name, data] : files) {
    std::string packed = data;
    if (compress) {
      z_stream zs{};
      deflateInit2(&zs, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
      packed.resize(deflateBound(&zs, data.size()));
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
      zs.avail_in = static_cast<uInt>(data.size());
      zs.next_out = reinterpret_cast<Bytef*>(packed.data());
      zs.avail_out = static_cast<uInt>(packed.size());
      deflate(&zs, Z_FINISH);
      packed.resize(zs.total_out);
      deflateEnd(&zs);
    }
    auto crc =
        crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
    bool last = &data == &files.back().second;
    std::size_t size = lie_about_size && last ? lie_about_size : data.size();
    std::size_t offset = out.size();
    // The local header and the central directory entry share these, from the flags on.
    auto shared_fields = [&](std::string& s) {
      le16(s, 0);  // flags
      le16(s, compress ? 8 : 0);
      le32(s, 0);  // time and date
      le32(s, crc);
      le32(s, packed.size());
      le32(s, size);
      le16(s, name.size());
      le16(s, 0);  // extra field
    };
    le32(out, 0x04034b50);
    le16(out, 20);
    shared_fields(out);
    out += name + packed;
    le32(dir, 0x02014b50);
    le16(dir, 20);
    le16(dir, 20);
    shared_fields(dir);
    le16(dir, 0);  // comment
    le16(dir, 0);  // disk
    le16(dir, 0);  // internal attributes
    le32(dir, 0);  // external attributes
    le32(dir, offset);
    dir += name;
  }
  std::size_t dir_at = out.size();
  out += dir;
  le32(out, 0x06054b50);
  le16(out, 0);
  le16(out, 0);
  le16(out, files.size());
  le16(out, files.size());
  le32(out, dir.size());
  le32(out, dir_at);
  le16(out, 0);
  return out;
}

const char* kWorkbook =
    "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

// A workbook of one sheet, zipped as zip_of does.
std::string book_of(const std::string& sheet, bool compress = true,
                    std::size_t lie_about_size = 0) {
  return zip_of({{"xl/workbook.xml", kWorkbook}, {"xl/worksheets/sheet1.xml", sheet}}, compress,
                lie_about_size);
}

TEST(XlsxReaderTest, AHandMadeMinimalWorkbookWithoutRelationshipsReads) {
  std::string sheet =
      "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>period</t></is></c>"
      "<c r=\"B1\" t=\"inlineStr\"><is><r><t>val</t></r><r><t>ue</t></r></is></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"str\"><v>2026-W03</v></c><c r=\"B2\"><v>4</v></c></row>"
      "</sheetData></worksheet>";
  auto t = read_xlsx(book_of(sheet, false));
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0], (std::vector<std::string>{"period", "value"}));
  EXPECT_EQ(t[1], (std::vector<std::string>{"2026-W03", "4"}));
}

TEST(XlsxReaderTest, ZipBombsAndLiesAreRefused) {
  // 30 MB of zeros deflates to a few kB: over the 20 MB cap.
  std::string zeros(30u * 1024 * 1024, '\0');
  auto bomb = book_of(zeros);
  EXPECT_LT(bomb.size(), 100000u);
  EXPECT_EQ(field_of([&] { read_xlsx(bomb); }), "file: is too large when unpacked (over 20 MB)");
  // A part that says it is small but unpacks to more is refused too.
  std::string sheet(100000, ' ');
  auto liar = book_of(sheet, true, 1000);
  EXPECT_EQ(field_of([&] { read_xlsx(liar); }),
            "file: is not a valid .xlsx file (a part is larger than declared)");
  // Too many entries.
  XlsxLimits small;
  small.max_entries = 1;
  auto two = book_of("<x/>");
  EXPECT_EQ(field_of([&] { read_xlsx(two, "file", small); }),
            "file: has too many parts to be a spreadsheet");
  // A far-away cell reference would allocate a huge row.
  std::string far =
      "<worksheet><sheetData><row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row></sheetData></worksheet>";
  EXPECT_EQ(field_of([&] { read_xlsx(book_of(far)); }), "file: has too many columns (at most 256)");
  std::string deep =
      "<worksheet><sheetData><row r=\"1048576\"><c><v>1</v></c></row></sheetData></worksheet>";
  EXPECT_EQ(field_of([&] { read_xlsx(book_of(deep)); }),
            "file: has too many rows (at most 100000)");
}

TEST(XlsxReaderTest, BrokenXmlAndReferencesAreValidationErrors) {
  EXPECT_EQ(field_of([&] { read_xlsx(book_of("<worksheet><sheetData><row>")); }),
            "file: is not a valid .xlsx file (xl/worksheets/sheet1.xml is not well-formed XML)");
  EXPECT_EQ(field_of([&] {
              read_xlsx(
                  book_of("<worksheet><sheetData><row><c t=\"s\"><v>7</v></c></row>"
                          "</sheetData></worksheet>"));
            }),
            "file: has a damaged shared string reference");
  EXPECT_EQ(field_of([&] {
              read_xlsx(zip_of({{"xl/worksheets/sheet1.xml", "<x/>"}}));
            }),
            "file: is not a valid .xlsx file (xl/workbook.xml is missing)");
}

}  // namespace
}  // namespace core
