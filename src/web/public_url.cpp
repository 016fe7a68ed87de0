#include "web/public_url.hpp"

#include <algorithm>
#include <utility>

#include "core/errors.hpp"

namespace web {
namespace {

std::string& stored() {
  static std::string url;
  return url;
}

}  // namespace

void set_public_url(std::string url) { stored() = std::move(url); }

const std::string& public_url() { return stored(); }

std::string normalize_public_url(std::string_view url) {
  std::string out(url);
  while (!out.empty() && out.back() == '/') out.pop_back();
  auto scheme_end = out.find("://");
  std::string scheme = scheme_end == std::string::npos ? "" : out.substr(0, scheme_end);
  std::string rest = scheme_end == std::string::npos ? "" : out.substr(scheme_end + 3);
  std::string host = rest.substr(0, rest.find('/'));
  bool plain = std::all_of(out.begin(), out.end(), [](char c) {
    return c > 0x20 && c < 0x7f && c != '"' && c != '<' && c != '>' && c != '\\';
  });
  if ((scheme != "https" && scheme != "http") || host.empty() || !plain ||
      out.find_first_of("?#@") != std::string::npos)
    throw core::ValidationError("public_url",
                                "must be an address like https://fremdrift.example.dk, without a "
                                "query, fragment or user name");
  return out;
}

}  // namespace web
