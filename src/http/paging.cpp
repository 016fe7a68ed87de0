#include "http/paging.hpp"

#include "core/errors.hpp"
#include "core/ids.hpp"

namespace http {
namespace {

std::optional<std::pair<std::string, std::string>> decode_keyed(const std::string& cursor) {
  auto dot = cursor.find('.');
  if (cursor.size() < 3 || cursor[0] != 'k' || dot == std::string::npos) return std::nullopt;
  auto key = from_hex(std::string_view(cursor).substr(1, dot - 1));
  std::string id = cursor.substr(dot + 1);
  if (!key || (!id.empty() && !core::looks_like_id(id)) || key->size() > 200) return std::nullopt;
  return std::pair{*key, id};
}

}  // namespace

std::string to_hex(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() * 2);
  for (unsigned char c : text) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  auto digit = [](char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  };
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

int Page::limit_from(const Request& req) {
  auto limit = req.query_param("limit");
  if (!limit) return kDefaultLimit;
  int value = 0;
  try {
    std::size_t used = 0;
    value = std::stoi(*limit, &used);
    if (used != limit->size()) throw std::invalid_argument("trailing");
  } catch (const std::exception&) {
    throw core::ValidationError("limit", "must be a whole number from 1 to 200");
  }
  if (value < 1 || value > kMaxLimit)
    throw core::ValidationError("limit", "must be a whole number from 1 to 200");
  return value;
}

Page Page::from(const Request& req) {
  Page page;
  page.limit = limit_from(req);
  if (auto cursor = req.query_param("cursor"); cursor && !cursor->empty()) {
    if (core::looks_like_id(*cursor)) {
      page.after = *cursor;
    } else if (auto decoded = decode_keyed(*cursor)) {
      page.after_key = decoded->first;
      page.after = decoded->second;
    } else {
      throw core::ValidationError("cursor", "is not a valid cursor");
    }
  }
  return page;
}

// A keyed cursor is "k" + the key in hex + "." + the id: opaque, and safe in an address.
std::string encode_cursor(const std::string& id, const std::optional<std::string>& key) {
  if (!key) return id;
  return "k" + to_hex(*key) + "." + id;
}

nlohmann::json page_body(nlohmann::json items, const Page& page, const std::string& key_field) {
  nlohmann::json next = nullptr;
  if (items.size() > static_cast<std::size_t>(page.limit)) {
    items.erase(items.begin() + page.limit, items.end());
    const auto& last = items.back();
    std::optional<std::string> key;
    if (!key_field.empty()) key = last.at(key_field).get<std::string>();
    next = encode_cursor(last.at("id").get<std::string>(), key);
  }
  return {{"items", std::move(items)}, {"next_cursor", next}};
}

Slice slice_in_order(const Request& req, std::size_t size,
                     const std::function<std::string(std::size_t)>& id_at) {
  auto page = Page::from(req);
  std::size_t start = 0;
  if (!page.after.empty() || page.after_key) {
    std::size_t place = 0;
    try {
      place = page.after_key ? std::stoul(*page.after_key) : 0;
    } catch (const std::exception&) {
      throw core::ValidationError("cursor", "is not a valid cursor");
    }
    // Found, the page starts after the cursor's item; removed meanwhile, the item after it
    // has moved up into its place.
    bool item_named = page.after_key && !page.after.empty();
    start = std::min(item_named ? place : place + 1, size);
    if (!page.after.empty()) {
      for (std::size_t i = 0; i < size; ++i)
        if (id_at(i) == page.after) start = i + 1;
    }
  }
  std::size_t end = std::min(size, start + static_cast<std::size_t>(page.limit));
  nlohmann::json next = nullptr;
  if (end < size) next = encode_cursor(id_at(end - 1), std::to_string(end - 1));
  return {start, end, std::move(next)};
}

nlohmann::json page_in_order(const Request& req, nlohmann::json items) {
  auto slice = slice_in_order(req, items.size(), [&items](std::size_t i) {
    const auto& item = items[i];
    return item.is_object() && item.contains("id") && item["id"].is_string()
               ? item["id"].get<std::string>()
               : std::string();
  });
  nlohmann::json page = nlohmann::json::array();
  for (std::size_t i = slice.start; i < slice.end; ++i) page.push_back(std::move(items[i]));
  return {{"items", std::move(page)}, {"next_cursor", std::move(slice.next_cursor)}};
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
