#include "http/paging.hpp"

#include "core/errors.hpp"
#include "core/ids.hpp"

namespace http {

Page Page::from(const Request& req) {
  Page page;
  if (auto limit = req.query_param("limit")) {
    try {
      std::size_t used = 0;
      page.limit = std::stoi(*limit, &used);
      if (used != limit->size()) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
      throw core::ValidationError("limit", "must be a whole number from 1 to 200");
    }
    if (page.limit < 1 || page.limit > kMaxLimit) {
      throw core::ValidationError("limit", "must be a whole number from 1 to 200");
    }
  }
  if (auto cursor = req.query_param("cursor"); cursor && !cursor->empty()) {
    if (!core::looks_like_id(*cursor))
      throw core::ValidationError("cursor", "is not a valid cursor");
    page.after = *cursor;
  }
  return page;
}

std::string encode_cursor(const std::string& id) { return id; }

nlohmann::json page_body(nlohmann::json items, const Page& page) {
  nlohmann::json next = nullptr;
  if (items.size() > static_cast<std::size_t>(page.limit)) {
    items.erase(items.begin() + page.limit, items.end());
    next = encode_cursor(items.back().at("id").get<std::string>());
  }
  return {{"items", std::move(items)}, {"next_cursor", next}};
}

}  // namespace http

namespace http {
namespace {

std::optional<long long> parse_version(std::string s) {
  if (s.rfind("W/", 0) == 0) s = s.substr(2);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  try {
    std::size_t used = 0;
    long long v = std::stoll(s, &used);
    if (used == s.size() && v > 0) return v;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

}  // namespace

std::optional<long long> optional_version(const Request& req) {
  auto header = req.header("if-match");
  if (!header) return std::nullopt;
  auto v = parse_version(*header);
  if (!v)
    throw core::ValidationError("version", "If-Match must hold the object's version, e.g. \"3\"");
  return v;
}

long long required_version(const Request& req, const nlohmann::json& body) {
  if (auto v = optional_version(req)) return *v;
  if (body.is_object() && body.contains("version")) {
    const auto& field = body["version"];
    if (field.is_number_integer() && field.get<long long>() > 0) return field.get<long long>();
    if (field.is_string()) {
      if (auto v = parse_version(field.get<std::string>())) return *v;
    }
    throw core::ValidationError("version", "must be the object's current version number");
  }
  throw core::ValidationError(
      "version", "is required: send If-Match or a version field with the version you read");
}

}  // namespace http
