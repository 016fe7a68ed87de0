#include "db/keyset.hpp"

namespace db {

std::string keyset_page(std::string_view key, std::string_view id, Order order) {
  const bool down = order == Order::kDescending;
  const std::string k(key), i(id), after = down ? " < " : " > ", dir = down ? " DESC" : "";
  return "(:from_start = 1 OR " + k + after + ":after_key OR (" + k + " = :after_key AND " + i +
         after + ":after_id)) ORDER BY " + k + dir + ", " + i + dir + " LIMIT :limit";
}

std::vector<Arg> keyset_args(const std::optional<std::string>& after_key,
                             const std::string& after_id, int limit,
                             std::initializer_list<Arg> scope) {
  std::vector<Arg> out(scope);
  out.emplace_back("from_start", after_key ? 0 : 1);
  out.emplace_back("after_key", after_key ? std::string_view(*after_key) : std::string_view(""));
  out.emplace_back("after_id", after_id);
  out.emplace_back("limit", limit + 1);
  return out;
}

}  // namespace db
