#include "core/csv.hpp"

#include <algorithm>

#include "core/errors.hpp"

namespace core {

std::string csv_cell(std::string_view value, char separator) {
  std::string cell;
  if (!value.empty() && (value.front() == '=' || value.front() == '+' || value.front() == '-' ||
                         value.front() == '@' || value.front() == '\t' || value.front() == '\r')) {
    cell.push_back('\'');
  }
  cell.append(value);
  if (cell.find_first_of(std::string{separator, '"', '\n', '\r'}) == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

std::string csv_line(const std::vector<std::string>& row, char separator) {
  std::string out;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out.push_back(separator);
    out += csv_cell(row[i], separator);
  }
  return out + "\r\n";
}

std::string to_csv(const Table& table, char separator) {
  std::string out = "\xEF\xBB\xBF";
  for (const auto& row : table) out += csv_line(row, separator);
  return out;
}

namespace {

char guess_separator(std::string_view text) {
  int semicolons = 0, commas = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    semicolons += c == ';';
    commas += c == ',';
  }
  return commas > semicolons ? ',' : ';';
}

std::string unguard(std::string cell) {
  if (cell.size() >= 2 && cell[0] == '\'' &&
      (cell[1] == '=' || cell[1] == '+' || cell[1] == '-' || cell[1] == '@' || cell[1] == '\t' ||
       cell[1] == '\r')) {
    return cell.substr(1);
  }
  return cell;
}

}  // namespace

void for_each_csv_row(std::string_view text,
                      const std::function<void(std::vector<std::string>&&)>& on_row) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  char separator = guess_separator(text);
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, any = false;
  auto end_cell = [&] {
    row.push_back(unguard(cell));
    cell.clear();
  };
  auto end_row = [&] {
    end_cell();
    bool blank = std::all_of(row.begin(), row.end(), [](const std::string& c) {
      return c.find_first_not_of(" \t") == std::string::npos;
    });
    if (!blank) on_row(std::move(row));
    row.clear();
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell.push_back(c);
      }
      continue;
    }
    any = true;
    if (c == '"' && cell.empty()) {
      quoted = true;
    } else if (c == separator) {
      end_cell();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
    } else {
      cell.push_back(c);
    }
  }
  if (quoted) throw core::BadRequest("the CSV file ends inside a quoted cell", "malformed_csv");
  if (any || !cell.empty() || !row.empty()) end_row();
}

Table read_csv(std::string_view text, std::size_t max_rows) {
  Table table;
  for_each_csv_row(text, [&](std::vector<std::string>&& row) {
    if (table.size() >= max_rows)
      throw PayloadTooLarge("has too many rows (at most " + std::to_string(max_rows - 1) + ")");
    table.push_back(std::move(row));
  });
  return table;
}

}  // namespace core
