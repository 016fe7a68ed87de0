#include "db/pg_params.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

namespace db {
namespace {

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

}  // namespace

PgStatement to_positional(std::string_view statement) {
  PgStatement out;
  out.text.reserve(statement.size());
  std::size_t i = 0;
  while (i < statement.size()) {
    char c = statement[i];
    if (c == '\'' || c == '"') {  // copy a literal or quoted identifier whole ('' escapes)
      auto close = statement.find(c, i + 1);
      if (close == std::string_view::npos) close = statement.size() - 1;
      out.text.append(statement.substr(i, close - i + 1));
      i = close + 1;
      continue;
    }
    if (c == ':' && i + 1 < statement.size() && statement[i + 1] == ':') {
      out.text.append("::");
      i += 2;
      continue;
    }
    if (c == ':' && i + 1 < statement.size() && is_name_char(statement[i + 1])) {
      std::size_t end = i + 1;
      while (end < statement.size() && is_name_char(statement[end])) ++end;
      std::string name(statement.substr(i + 1, end - i - 1));
      auto at = std::find(out.names.begin(), out.names.end(), name);
      if (at == out.names.end()) at = out.names.insert(out.names.end(), std::move(name));
      out.text.append("$").append(std::to_string(at - out.names.begin() + 1));
      i = end;
      continue;
    }
    out.text.push_back(c);
    ++i;
  }
  return out;
}

const PgStatement& pg_statement(std::string_view statement) {
  static std::shared_mutex mutex;
  static std::unordered_map<std::string, std::unique_ptr<PgStatement>> known;
  std::string key(statement);
  {
    std::shared_lock lock(mutex);
    if (auto it = known.find(key); it != known.end()) return *it->second;
  }
  auto rewritten = std::make_unique<PgStatement>(to_positional(statement));
  std::unique_lock lock(mutex);
  auto [it, added] = known.emplace(std::move(key), std::move(rewritten));
  return *it->second;
}

std::string pg_double(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", value);
  return buf;
}

}  // namespace db
