// Reading a result's cells, the same on both engines.
#include <string>

#include "db/query.hpp"

namespace db {

const Cell& Rows::at(std::size_t row, std::string_view column) const {
  const auto& names = *columns_;
  for (std::size_t c = 0; c < names.size(); ++c)
    if (names[c] == column) return cells_[row * names.size() + c];
  throw soci::soci_error("no column named " + std::string(column));
}

const Cell& Row::cell(std::string_view column) const { return rows_->at(index_, column); }

std::string_view Row::text_of(const Cell& c) const { return rows_->text_of(c); }

std::optional<std::int64_t> opt_integer(const Cell& c, std::string_view text) {
  switch (c.kind) {
    case Cell::Kind::kNull:
      return std::nullopt;
    case Cell::Kind::kInteger:
      return c.integer;
    case Cell::Kind::kReal:
      return static_cast<std::int64_t>(c.real);
    case Cell::Kind::kText:
      return std::stoll(std::string(text));
  }
  return std::nullopt;
}

std::optional<std::string> opt_text(const Row& r, std::string_view column) {
  const Cell& c = r.cell(column);
  switch (c.kind) {
    case Cell::Kind::kNull:
      return std::nullopt;
    case Cell::Kind::kInteger:
      return std::to_string(c.integer);
    case Cell::Kind::kReal:
      return std::to_string(c.real);
    case Cell::Kind::kText:
      return std::string(r.text_of(c));
  }
  return std::nullopt;
}

std::string text(const Row& r, std::string_view column) { return opt_text(r, column).value_or(""); }

std::optional<std::int64_t> opt_integer(const Row& r, std::string_view column) {
  const Cell& c = r.cell(column);
  return opt_integer(c, r.text_of(c));
}

std::int64_t integer(const Row& r, std::string_view column) {
  return opt_integer(r, column).value_or(0);
}

std::optional<double> opt_real(const Row& r, std::string_view column) {
  const Cell& c = r.cell(column);
  switch (c.kind) {
    case Cell::Kind::kNull:
      return std::nullopt;
    case Cell::Kind::kInteger:
      return static_cast<double>(c.integer);
    case Cell::Kind::kReal:
      return c.real;
    case Cell::Kind::kText:
      return std::stod(std::string(r.text_of(c)));
  }
  return std::nullopt;
}

double real(const Row& r, std::string_view column) { return opt_real(r, column).value_or(0.0); }

}  // namespace db
