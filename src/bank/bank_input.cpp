#include "bank/bank_input.hpp"

#include <algorithm>
#include <charconv>

#include "core/errors.hpp"
#include "http/paging.hpp"
#include "projects/coverage.hpp"

namespace bank {
namespace {

constexpr std::size_t kSummaryMax = 4000;
constexpr std::size_t kQueryMax = 500;
// Deep pages of a ranked search cost as much as everything before them.
constexpr std::size_t kMaxOffset = 10000;

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    auto item = text.substr(start, end - start);
    auto b = item.find_first_not_of(" \t");
    auto e = item.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
    start = end + 1;
  }
  return out;
}

std::optional<std::string> non_empty(const std::optional<std::string>& v) {
  if (!v || v->empty()) return std::nullopt;
  return v;
}

}  // namespace

Classification parse_classification(core::Input& input, const std::string& language) {
  Classification c;
  c.summary = input.required_text("summary", kSummaryMax);
  c.service_area = input.required_choice("service_area", kServiceAreas);
  c.kle = non_empty(input.optional_text("kle", 8));
  if (c.kle && !valid_kle(*c.kle)) input.fail("kle", core::Message{"bank_err_kle"});
  const auto& raw = input.raw();
  if (auto it = raw.find("tags"); it != raw.end() && it->is_array()) {
    for (const auto& t : *it)
      if (t.is_string() && !t.get<std::string>().empty()) c.tags.push_back(t.get<std::string>());
  } else if (auto text = input.optional_text("tags", 1000)) {
    c.tags = split(*text);
  }
  c.licence = input.required_choice("licence", kLicences);
  c.contact_role = input.required_choice("contact_role", projects::kRoles);
  c.language = input.optional_choice("language", kLanguages).value_or(language);
  if (c.language.empty()) c.language = language;
  return c;
}

SearchFilters parse_search(const http::Request& req) {
  SearchFilters f;
  f.text = req.query_param("q").value_or("");
  if (f.text.size() > kQueryMax) throw core::ValidationError("q", "is too long");
  auto choice = [&req](const char* name,
                       const std::vector<std::string>& allowed) -> std::optional<std::string> {
    auto v = non_empty(req.query_param(name));
    if (v && std::find(allowed.begin(), allowed.end(), *v) == allowed.end())
      throw core::ValidationError(name, "is not one of the allowed values");
    return v;
  };
  f.area = choice("area", kServiceAreas);
  f.tenant_kind = choice("tenant_kind", {"municipality", "umbrella"});
  f.kle = non_empty(req.query_param("kle"));
  if (f.kle && !valid_kle(*f.kle))
    throw core::ValidationError("kle", "must be a KLE number such as 27.24");
  for (const auto& e : split(req.query_param("effect").value_or(""))) {
    if (std::find(kEffects.begin(), kEffects.end(), e) == kEffects.end())
      throw core::ValidationError("effect", "must be fewer_handovers or shorter_lead_time");
    f.effects.push_back(e);
  }
  const std::string cursor = req.query_param("cursor").value_or("");
  if (!cursor.empty()) {
    std::size_t offset = 0;
    auto [end, ec] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), offset);
    if (ec != std::errc() || end != cursor.data() + cursor.size() || offset > kMaxOffset)
      throw core::ValidationError("cursor", "is not a cursor of this list");
    f.offset = offset;
  }
  f.limit = http::Page::limit_from(req);
  return f;
}

std::optional<long long> parse_version(const http::Request& req) {
  const std::string text = req.query_param("version").value_or("");
  if (text.empty()) return std::nullopt;
  long long n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 1)
    throw core::ValidationError("version", "must be a version number");
  return n;
}

nlohmann::json search_body(std::vector<Listed> rows, const SearchFilters& f) {
  nlohmann::json items = nlohmann::json::array();
  bool more = rows.size() > static_cast<std::size_t>(f.limit);
  if (more) rows.resize(static_cast<std::size_t>(f.limit));
  for (const auto& r : rows) items.push_back(to_json(r));
  return {{"items", items},
          {"next_cursor",
           more ? nlohmann::json(std::to_string(f.offset + rows.size())) : nlohmann::json()}};
}

}  // namespace bank
