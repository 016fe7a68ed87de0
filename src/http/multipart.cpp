#include "http/multipart.hpp"

#include <algorithm>
#include <cctype>

#include "core/errors.hpp"

namespace http {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// The value of `key=` in a header's parameters ("form-data; name=\"file\"").
std::optional<std::string> parameter(std::string_view header, std::string_view key) {
  std::size_t at = 0;
  while (at < header.size()) {
    auto semi = header.find(';', at);
    if (semi == std::string_view::npos) return std::nullopt;
    at = semi + 1;
    auto rest = trim(header.substr(at));
    auto eq = rest.find('=');
    if (eq == std::string_view::npos) continue;
    if (lower(trim(rest.substr(0, eq))) != key) continue;
    auto value = rest.substr(eq + 1);
    if (!value.empty() && value.front() == '"') {
      std::string out;
      for (std::size_t i = 1; i < value.size(); ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) {
          out += value[++i];
        } else if (value[i] == '"') {
          return out;
        } else {
          out += value[i];
        }
      }
      return out;
    }
    auto end = value.find(';');
    return std::string(trim(value.substr(0, end)));
  }
  return std::nullopt;
}

}  // namespace

bool is_multipart(std::string_view content_type) {
  return lower(content_type.substr(0, 19)) == "multipart/form-data";
}

std::vector<FormPart> parse_multipart(std::string_view content_type, std::string_view body) {
  auto boundary = parameter(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 200)
    throw core::BadRequest("multipart/form-data without a boundary");
  std::string delimiter = "--" + *boundary;
  std::vector<FormPart> parts;
  auto at = body.find(delimiter);
  if (at == std::string_view::npos) throw core::BadRequest("malformed multipart body");
  at += delimiter.size();
  while (true) {
    if (body.substr(at, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(at, 2) != "\r\n") throw core::BadRequest("malformed multipart body");
    at += 2;
    auto head_end = body.find("\r\n\r\n", at);
    if (head_end == std::string_view::npos) throw core::BadRequest("malformed multipart body");
    FormPart part;
    std::string_view headers = body.substr(at, head_end - at);
    std::size_t line_at = 0;
    bool named = false;
    while (line_at <= headers.size()) {
      auto eol = headers.find("\r\n", line_at);
      auto line = headers.substr(
          line_at, eol == std::string_view::npos ? std::string_view::npos : eol - line_at);
      auto colon = line.find(':');
      if (colon != std::string_view::npos) {
        auto name = lower(trim(line.substr(0, colon)));
        auto value = trim(line.substr(colon + 1));
        if (name == "content-disposition") {
          if (auto n = parameter(value, "name")) {
            part.name = *n;
            named = true;
          }
          part.filename = parameter(value, "filename");
        } else if (name == "content-type") {
          part.content_type = std::string(value);
        }
      }
      if (eol == std::string_view::npos) break;
      line_at = eol + 2;
    }
    if (!named) throw core::BadRequest("a multipart part has no name");
    auto data_at = head_end + 4;
    auto next = body.find("\r\n" + delimiter, data_at);
    if (next == std::string_view::npos) throw core::BadRequest("malformed multipart body");
    part.data = std::string(body.substr(data_at, next - data_at));
    parts.push_back(std::move(part));
    at = next + 2 + delimiter.size();
  }
}

}  // namespace http
