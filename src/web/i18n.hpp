#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace web {

inline const std::vector<std::string> kLocales = {"da", "sv", "en"};
inline constexpr const char* kDefaultLocale = "da";

bool is_locale(const std::string& locale);

// The whole catalogue of one language (i18n/<locale>.json), as a flat object.
const nlohmann::json& catalogue(const std::string& locale);

// One string; falls back to English, then to the key itself.
std::string t(const std::string& locale, const std::string& key);

// Server messages (validation and errors) are written in English; the catalogue's
// "msg." entries translate them, with any number carried over ("at most {n}").
std::string translate_message(const std::string& locale, const std::string& english);

}  // namespace web
