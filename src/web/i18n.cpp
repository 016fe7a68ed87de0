#include "web/i18n.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <regex>

#include "web/resources.hpp"

namespace web {

bool is_locale(const std::string& locale) {
  return std::find(kLocales.begin(), kLocales.end(), locale) != kLocales.end();
}

const nlohmann::json& catalogue(const std::string& locale) {
  static const std::map<std::string, nlohmann::json> kCatalogues = [] {
    std::map<std::string, nlohmann::json> out;
    for (const auto& l : kLocales) {
      auto data = resources::find("i18n/" + l + ".json");
      out[l] = data ? nlohmann::json::parse(*data) : nlohmann::json::object();
    }
    return out;
  }();
  auto it = kCatalogues.find(is_locale(locale) ? locale : kDefaultLocale);
  return it->second;
}

std::string t(const std::string& locale, const std::string& key) {
  const auto& c = catalogue(locale);
  if (auto it = c.find(key); it != c.end()) return it->get<std::string>();
  const auto& en = catalogue("en");
  if (auto it = en.find(key); it != en.end()) return it->get<std::string>();
  return key;
}

std::string translate_message(const std::string& locale, const std::string& english) {
  static const std::regex kNumber("[0-9]+");
  std::smatch m;
  std::string number;
  std::string pattern = english;
  if (std::regex_search(english, m, kNumber)) {
    number = m.str();
    pattern = std::regex_replace(english, kNumber, "{n}", std::regex_constants::format_first_only);
  }
  const auto& c = catalogue(locale);
  auto it = c.find("msg." + pattern);
  if (it == c.end()) return english;
  std::string out = it->get<std::string>();
  if (auto pos = out.find("{n}"); pos != std::string::npos) out.replace(pos, 3, number);
  return out;
}

std::string format_number(const std::string& locale, double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string out = buf;
  if (out.find('.') != std::string::npos) {
    while (!out.empty() && out.back() == '0') out.pop_back();
    if (!out.empty() && out.back() == '.') out.pop_back();
  }
  if (out == "-0") out = "0";
  if (locale != "en") {
    auto dot = out.find('.');
    if (dot != std::string::npos) out[dot] = ',';
  }
  return out;
}

std::string render_message(const std::string& locale, const core::Message& message) {
  std::string text = t(locale, message.key);
  for (const auto& [name, value] : message.params.items()) {
    std::string shown = value.is_number()   ? format_number(locale, value.get<double>(), 4)
                        : value.is_string() ? value.get<std::string>()
                                            : value.dump();
    std::string placeholder = "{" + name + "}";
    for (auto at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + shown.size()))
      text.replace(at, placeholder.size(), shown);
  }
  return text;
}

}  // namespace web
