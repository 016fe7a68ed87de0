#include "db/row.hpp"

#include <string>

namespace db {

std::optional<std::string> opt_text(const soci::row& r, const std::string& column) {
  const auto& props = r.get_properties(column);
  if (r.get_indicator(column) == soci::i_null) return std::nullopt;
  switch (props.get_data_type()) {
    case soci::dt_string:
      return r.get<std::string>(column);
    case soci::dt_integer:
      return std::to_string(r.get<int>(column));
    case soci::dt_long_long:
      return std::to_string(r.get<long long>(column));
    case soci::dt_unsigned_long_long:
      return std::to_string(r.get<unsigned long long>(column));
    case soci::dt_double:
      return std::to_string(r.get<double>(column));
    default:
      return r.get<std::string>(column);
  }
}

std::string text(const soci::row& r, const std::string& column) {
  return opt_text(r, column).value_or("");
}

std::int64_t integer(const soci::row& r, const std::string& column) {
  if (r.get_indicator(column) == soci::i_null) return 0;
  switch (r.get_properties(column).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(column);
    case soci::dt_long_long:
      return r.get<long long>(column);
    case soci::dt_unsigned_long_long:
      return static_cast<std::int64_t>(r.get<unsigned long long>(column));
    case soci::dt_double:
      return static_cast<std::int64_t>(r.get<double>(column));
    case soci::dt_string:
      return std::stoll(r.get<std::string>(column));
    default:
      return r.get<long long>(column);
  }
}

void map_constraint(const soci::soci_error& e, const std::vector<ConstraintRule>& rules) {
  std::string_view message = e.what();
  for (const auto& rule : rules) {
    if (message.find(rule.constraint) != std::string_view::npos ||
        (!rule.sqlite_hint.empty() && message.find(rule.sqlite_hint) != std::string_view::npos)) {
      rule.raise();
    }
  }
}

bool is_foreign_key_violation(const soci::soci_error& e) {
  std::string_view message = e.what();
  return message.find("FOREIGN KEY constraint failed") != std::string_view::npos ||
         message.find("violates foreign key constraint") != std::string_view::npos;
}

}  // namespace db
