#include "programmes/csv.hpp"

namespace programmes {

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

std::string to_csv(const Table& table, char separator) {
  std::string out = "\xEF\xBB\xBF";
  for (const auto& row : table) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out.push_back(separator);
      out += csv_cell(row[i], separator);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace programmes
