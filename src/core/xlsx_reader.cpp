#include "core/xlsx_reader.hpp"

#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <set>

#include <pugixml.hpp>
#include <zlib.h>

#include "core/errors.hpp"

namespace core {
namespace {

constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kDirectoryEntry = 0x02014b50;
constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::size_t kEndRecordSize = 22;
constexpr std::size_t kMaxComment = 0xffff;

// Read failures carry the message only; read_xlsx names the field. `detail` says what is
// wrong for the English text (API clients, logs); the Danish and Swedish ones tell people
// to save the file again instead.
struct Malformed {
  Message message;
};

[[noreturn]] void fail(const char* key, const std::string& detail = "") {
  throw Malformed{Message{key, {{"detail", detail}}}};
}

std::uint32_t u16(std::string_view b, std::size_t at) {
  if (at + 2 > b.size()) fail("err.xlsx_invalid", "truncated");
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8;
}

std::uint32_t u32(std::string_view b, std::size_t at) {
  if (at + 4 > b.size()) fail("err.xlsx_invalid", "truncated");
  return u16(b, at) | u16(b, at + 2) << 16;
}

struct Entry {
  std::uint16_t method = 0;
  std::uint16_t flags = 0;
  std::uint32_t crc = 0;
  std::size_t compressed = 0;
  std::size_t uncompressed = 0;
  std::size_t local_offset = 0;
};

class Archive {
 public:
  Archive(std::string_view bytes, const XlsxLimits& limits) : bytes_(bytes), limits_(limits) {
    if (bytes.size() < kEndRecordSize) fail("err.xlsx_invalid", "not a ZIP archive");
    std::size_t lowest = bytes.size() > kEndRecordSize + kMaxComment
                             ? bytes.size() - kEndRecordSize - kMaxComment
                             : 0;
    std::optional<std::size_t> end;
    for (std::size_t at = bytes.size() - kEndRecordSize + 1; at-- > lowest;) {
      if (u32(bytes, at) == kEndOfDirectory) {
        end = at;
        break;
      }
    }
    if (!end) fail("err.xlsx_invalid", "not a ZIP archive");
    std::size_t count = u16(bytes, *end + 10);
    std::size_t size = u32(bytes, *end + 12);
    std::size_t offset = u32(bytes, *end + 16);
    if (count == 0xffff || offset == 0xffffffff) fail("err.xlsx_unsupported", "ZIP64 archive");
    if (count > limits.max_entries) fail("err.xlsx_too_many_parts");
    if (offset > bytes.size() || size > bytes.size() - offset)
      fail("err.xlsx_invalid", "damaged ZIP directory");
    std::size_t at = offset;
    for (std::size_t i = 0; i < count; ++i) {
      if (u32(bytes, at) != kDirectoryEntry) fail("err.xlsx_invalid", "damaged ZIP directory");
      Entry e;
      e.flags = static_cast<std::uint16_t>(u16(bytes, at + 8));
      e.method = static_cast<std::uint16_t>(u16(bytes, at + 10));
      e.crc = u32(bytes, at + 16);
      e.compressed = u32(bytes, at + 20);
      e.uncompressed = u32(bytes, at + 24);
      std::size_t name_length = u16(bytes, at + 28);
      std::size_t extra = u16(bytes, at + 30);
      std::size_t comment = u16(bytes, at + 32);
      e.local_offset = u32(bytes, at + 42);
      if (at + 46 + name_length > bytes.size()) fail("err.xlsx_invalid", "damaged ZIP directory");
      std::string name(bytes.substr(at + 46, name_length));
      entries_.emplace(std::move(name), e);
      at += 46 + name_length + extra + comment;
    }
  }

  bool has(const std::string& name) const { return entries_.count(name) > 0; }

  std::string read(const std::string& name) {
    auto it = entries_.find(name);
    if (it == entries_.end()) fail("err.xlsx_invalid", name + " is missing");
    const Entry& e = it->second;
    if (e.flags & 1) fail("err.xlsx_encrypted");
    std::size_t at = e.local_offset;
    if (u32(bytes_, at) != kLocalHeader) fail("err.xlsx_invalid", "damaged ZIP entry");
    std::size_t start = at + 30 + u16(bytes_, at + 26) + u16(bytes_, at + 28);
    if (start > bytes_.size() || e.compressed > bytes_.size() - start)
      fail("err.xlsx_invalid", "damaged ZIP entry");
    std::string_view data = bytes_.substr(start, e.compressed);
    std::size_t budget = limits_.max_uncompressed - inflated_;
    if (e.uncompressed > budget) fail("err.xlsx_too_large");
    std::string out;
    if (e.method == 0) {
      if (data.size() != e.uncompressed) fail("err.xlsx_invalid", "damaged ZIP entry");
      out.assign(data);
    } else if (e.method == 8) {
      out = inflate_raw(data, e.uncompressed);
    } else {
      fail("err.xlsx_unsupported", "unknown compression");
    }
    auto crc = crc32(0L, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size()));
    if (crc != e.crc) fail("err.xlsx_invalid", "checksum mismatch");
    inflated_ += out.size();
    return out;
  }

 private:
  // Inflates at most `expected` bytes: a part that unpacks to more than its directory
  // entry says is refused, so the directory's sizes (checked against the budget) hold.
  static std::string inflate_raw(std::string_view data, std::size_t expected) {
    std::string out(expected, '\0');
    z_stream zs;
    std::memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) fail("err.xlsx_unpack");
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    // One spare byte: inflating into it means the part is longer than declared.
    char spare = 0;
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(expected);
    int rc = inflate(&zs, Z_FINISH);
    if ((rc == Z_BUF_ERROR || rc == Z_OK) && zs.avail_out == 0) {
      zs.next_out = reinterpret_cast<Bytef*>(&spare);
      zs.avail_out = 1;
      rc = inflate(&zs, Z_FINISH);
      if (rc != Z_STREAM_END || zs.avail_out != 1) {
        inflateEnd(&zs);
        fail("err.xlsx_invalid",
             zs.avail_out == 0 ? "a part is larger than declared" : "damaged compressed data");
      }
    }
    inflateEnd(&zs);
    if (rc != Z_STREAM_END || zs.total_out != expected)
      fail("err.xlsx_invalid", "damaged compressed data");
    return out;
  }

  std::string_view bytes_;
  const XlsxLimits& limits_;
  std::map<std::string, Entry> entries_;
  std::size_t inflated_ = 0;
};

pugi::xml_document parse_xml(const std::string& text, const std::string& part) {
  pugi::xml_document doc;
  auto r = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!r) fail("err.xlsx_invalid", part + " is not well-formed XML");
  return doc;
}

// Element and attribute names without their namespace prefix ("x:row" → "row").
std::string_view local(const char* name) {
  std::string_view n(name);
  auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node n, std::string_view name) {
  for (auto c : n.children())
    if (c.type() == pugi::node_element && local(c.name()) == name) return c;
  return {};
}

std::string attr(pugi::xml_node n, std::string_view name) {
  for (auto a : n.attributes())
    if (local(a.name()) == name) return a.value();
  return {};
}

// All text of the <t> elements under a string item, leaving out phonetic runs (<rPh>).
void text_of(pugi::xml_node n, std::string& out) {
  for (auto c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    auto name = local(c.name());
    if (name == "t") {
      out += c.text().get();
    } else if (name != "rPh") {
      text_of(c, out);
    }
  }
}

// Whether a number format shows a date: the built-in date formats, or a custom code
// with a day or year in it once quoted text, escapes and [colour] sections are gone.
bool is_date_format(int id, const std::map<int, std::string>& custom) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
      (id >= 50 && id <= 58))
    return true;
  auto it = custom.find(id);
  if (it == custom.end()) return false;
  const std::string& code = it->second;
  bool quoted = false, bracket = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (quoted) {
      quoted = c != '"';
    } else if (bracket) {
      bracket = c != ']';
    } else if (c == '"') {
      quoted = true;
    } else if (c == '[') {
      bracket = true;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') {
      return true;
    }
  }
  return false;
}

std::string iso_date(long days_since_1970) {
  long z = days_since_1970 + 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
  return buf;
}

// A serial day number as ISO date; nullopt outside 1900–2999 or not a number.
std::optional<std::string> serial_to_date(const std::string& v, bool date1904) {
  char* end = nullptr;
  double serial = std::strtod(v.c_str(), &end);
  if (v.empty() || end != v.c_str() + v.size() || !(serial >= 1) || serial > 401768) {
    return std::nullopt;
  }
  long days = static_cast<long>(serial);
  // 1900 system: day 0 is 1899-12-31 and Excel counts a 29 February 1900 that never
  // was, so from day 61 on the epoch is 1899-12-30 (-25569 days from 1970-01-01).
  long since_1970 = date1904 ? days - 24107 : (days >= 61 ? days - 25569 : days - 25568);
  return iso_date(since_1970);
}

// "BC12" → column 54 (0-based) and row 11 (0-based); false when not a reference.
bool parse_ref(const std::string& ref, std::size_t& column, std::size_t& row) {
  std::size_t i = 0, c = 0, r = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    c = c * 26 + static_cast<std::size_t>(ref[i] - 'A' + 1);
    if (c > 16384) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    r = r * 10 + static_cast<std::size_t>(ref[i] - '0');
    if (r > 1048576) return false;
  }
  if (r == 0) return false;
  column = c - 1;
  row = r - 1;
  return true;
}

std::string sheet_part(Archive& zip) {
  std::string fallback = "xl/worksheets/sheet1.xml";
  if (!zip.has("xl/workbook.xml")) fail("err.xlsx_invalid", "xl/workbook.xml is missing");
  auto workbook = parse_xml(zip.read("xl/workbook.xml"), "xl/workbook.xml");
  auto sheets = child(child(workbook, "workbook"), "sheets");
  auto first = child(sheets, "sheet");
  if (!first) fail("err.xlsx_no_worksheet");
  std::string rid = attr(first, "id");
  if (rid.empty() || !zip.has("xl/_rels/workbook.xml.rels")) return fallback;
  auto rels = parse_xml(zip.read("xl/_rels/workbook.xml.rels"), "xl/_rels/workbook.xml.rels");
  for (auto rel : child(rels, "Relationships").children()) {
    if (attr(rel, "Id") != rid) continue;
    std::string target = attr(rel, "Target");
    if (target.empty()) break;
    return target[0] == '/' ? target.substr(1) : "xl/" + target;
  }
  return fallback;
}

bool uses_1904(Archive& zip) {
  auto workbook = parse_xml(zip.read("xl/workbook.xml"), "xl/workbook.xml");
  std::string v = attr(child(child(workbook, "workbook"), "workbookPr"), "date1904");
  return v == "1" || v == "true";
}

std::vector<std::string> shared_strings(Archive& zip) {
  std::vector<std::string> out;
  if (!zip.has("xl/sharedStrings.xml")) return out;
  auto doc = parse_xml(zip.read("xl/sharedStrings.xml"), "xl/sharedStrings.xml");
  for (auto si : child(doc, "sst").children()) {
    if (si.type() != pugi::node_element || local(si.name()) != "si") continue;
    std::string s;
    text_of(si, s);
    out.push_back(std::move(s));
  }
  return out;
}

// For every cell style (index into cellXfs), whether it formats a date.
std::vector<bool> date_styles(Archive& zip) {
  std::vector<bool> out;
  if (!zip.has("xl/styles.xml")) return out;
  auto doc = parse_xml(zip.read("xl/styles.xml"), "xl/styles.xml");
  auto sheet = child(doc, "styleSheet");
  std::map<int, std::string> custom;
  for (auto f : child(sheet, "numFmts").children())
    custom[std::atoi(attr(f, "numFmtId").c_str())] = attr(f, "formatCode");
  for (auto xf : child(sheet, "cellXfs").children()) {
    if (xf.type() != pugi::node_element) continue;
    out.push_back(is_date_format(std::atoi(attr(xf, "numFmtId").c_str()), custom));
  }
  return out;
}

}  // namespace

bool looks_like_zip(std::string_view bytes) {
  return bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\3\4", 4);
}

std::vector<std::vector<std::string>> read_xlsx(std::string_view bytes, const std::string& field,
                                                const XlsxLimits& limits) {
  try {
    Archive zip(bytes, limits);
    std::string part = sheet_part(zip);
    bool date1904 = uses_1904(zip);
    auto strings = shared_strings(zip);
    auto dates = date_styles(zip);
    auto doc = parse_xml(zip.read(part), part);
    auto data = child(child(doc, "worksheet"), "sheetData");
    std::vector<std::vector<std::string>> table;
    std::size_t next_row = 0;
    for (auto row : data.children()) {
      if (row.type() != pugi::node_element || local(row.name()) != "row") continue;
      std::size_t r = next_row;
      if (auto n = attr(row, "r"); !n.empty()) {
        char* end = nullptr;
        long v = std::strtol(n.c_str(), &end, 10);
        if (end != n.c_str() + n.size() || v < 1 || v > 1048576)
          fail("err.xlsx_damaged", "a damaged row number");
        r = static_cast<std::size_t>(v - 1);
      }
      if (r < next_row) fail("err.xlsx_damaged", "its rows out of order");
      if (r >= limits.max_rows)
        throw Malformed{Message{"err.xlsx_too_many_rows", {{"max", 100000}}}};
      table.resize(r + 1);
      next_row = r + 1;
      auto& cells = table[r];
      std::size_t next_column = 0;
      for (auto c : row.children()) {
        if (c.type() != pugi::node_element || local(c.name()) != "c") continue;
        std::size_t column = next_column, ref_row = r;
        if (auto ref = attr(c, "r"); !ref.empty() && !parse_ref(ref, column, ref_row))
          fail("err.xlsx_damaged", "a damaged cell reference");
        if (column >= limits.max_columns)
          throw Malformed{Message{"err.xlsx_too_many_columns", {{"max", 256}}}};
        next_column = column + 1;
        std::string type = attr(c, "t");
        std::string v = child(c, "v").text().get();
        std::string text;
        if (type == "s") {
          char* end = nullptr;
          unsigned long i = std::strtoul(v.c_str(), &end, 10);
          if (v.empty() || end != v.c_str() + v.size() || i >= strings.size())
            fail("err.xlsx_damaged", "a damaged shared string reference");
          text = strings[i];
        } else if (type == "inlineStr") {
          text_of(child(c, "is"), text);
        } else if (type == "b") {
          text = v == "1" ? "TRUE" : v.empty() ? "" : "FALSE";
        } else if (type == "str" || type == "e") {
          text = v;
        } else {
          text = v;
          std::string style = attr(c, "s");
          std::size_t s = style.empty() ? 0 : std::strtoul(style.c_str(), nullptr, 10);
          if (!v.empty() && s < dates.size() && dates[s]) {
            if (auto d = serial_to_date(v, date1904)) text = *d;
          }
        }
        if (cells.size() <= column) cells.resize(column + 1);
        cells[column] = std::move(text);
      }
    }
    return table;
  } catch (const Malformed& m) {
    throw ValidationError(field, m.message);
  } catch (const std::bad_alloc&) {
    throw ValidationError(field, Message{"err.xlsx_too_large"});
  }
}

}  // namespace core
