#include "web/i18n.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <regex>

#include "web/resources.hpp"

namespace web {

bool is_locale(const std::string& locale) {
  return std::find(kLocales.begin(), kLocales.end(), locale) != kLocales.end();
}

std::string accepted_locale(std::string_view accept_language) {
  std::size_t from = 0;
  while (from < accept_language.size()) {
    auto comma = accept_language.find(',', from);
    if (comma == std::string_view::npos) comma = accept_language.size();
    auto tag = accept_language.substr(from, comma - from);
    tag = tag.substr(0, tag.find(';'));
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    std::string language(tag.substr(0, tag.find('-')));
    for (auto& c : language) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (is_locale(language)) return language;
    from = comma + 1;
  }
  return "";
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

std::optional<std::string> code_words(const std::string& locale, const std::string& kind,
                                      const std::string& column, const std::string& value) {
  if (value.empty() || value.size() > 40 ||
      value.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos)
    return std::nullopt;
  const std::string one =
      kind.size() > 1 && kind.back() == 's' ? kind.substr(0, kind.size() - 1) : kind;
  const auto& c = catalogue(locale);
  for (const auto& key : {one + "." + column + "." + value, column + "." + value,
                          column + "_" + value, one + "_" + column + "_" + value}) {
    if (c.contains(key)) return t(locale, key);
  }
  return std::nullopt;
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

std::string stored_text(const std::string& locale, const std::string& stored,
                        const std::string& key_prefix) {
  if (stored.empty() || stored.front() != '{') return stored;
  auto message = core::Message::from_stored(stored);
  if (!message || message->key.rfind(key_prefix, 0) != 0) return stored;
  return render_message(locale, *message);
}

std::string message_text(const std::string& locale, const std::string& english,
                         const core::Message* message) {
  std::string translated = translate_message(locale, english);
  if (translated != english || message == nullptr) return translated;
  if (!catalogue(locale).contains(message->key) && !catalogue("en").contains(message->key))
    return english;
  return render_message(locale, *message);
}

bool knows_message(const std::string& english, const core::Message* message) {
  if (translate_message("da", english) != english) return true;
  return message != nullptr && catalogue("en").contains(message->key);
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

namespace {

// A parameter as the reader sees it: whole numbers as they are (ids, versions, limits),
// other numbers with the locale's decimal mark, {"key": …} as that catalogue entry
// (a column's or a field's name, translated too).
std::string shown_param(const std::string& locale, const nlohmann::json& value) {
  if (value.is_number_integer()) return value.dump();
  if (value.is_number()) return format_number(locale, value.get<double>(), 4);
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object() && value.contains("key") && value["key"].is_string())
    return t(locale, value["key"].get<std::string>());
  return value.dump();
}

std::string render_english(const core::Message& message) { return render_message("en", message); }

// Errors built from a Message get their English what() from the "en" catalogue.
[[maybe_unused]] const bool kEnglishInstalled = core::set_english_renderer(&render_english);

}  // namespace

std::string render_message(const std::string& locale, const core::Message& message) {
  std::string text = t(locale, message.key);
  for (const auto& [name, value] : message.params.items()) {
    std::string shown = shown_param(locale, value);
    std::string placeholder = "{" + name + "}";
    for (auto at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + shown.size()))
      text.replace(at, placeholder.size(), shown);
  }
  return text;
}

}  // namespace web
