#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/message.hpp"

namespace web {

inline const std::vector<std::string> kLocales = {"da", "sv", "en"};
inline constexpr const char* kDefaultLocale = "da";

bool is_locale(const std::string& locale);

// The first of the reader's languages (an Accept-Language header, "sv-SE,sv;q=0.9,en;q=0.8")
// that fremdrift speaks; empty when none. Quality values are taken in the order given, which
// is how browsers send them.
std::string accepted_locale(std::string_view accept_language);

// The whole catalogue of one language (i18n/<locale>.json), as a flat object.
const nlohmann::json& catalogue(const std::string& locale);

// One string; falls back to English, then to the key itself.
std::string t(const std::string& locale, const std::string& key);

// The catalogue's words for a code stored in `column` of a kind of object (a singular such as
// "unit", or a table name), under the prefixes the features use: unit.kind.team, role.owner,
// stakeholder_group_other, benefit_category_citizen_quality. nullopt for anything that is not
// a short lower-case code, or that no catalogue names.
std::optional<std::string> code_words(const std::string& locale, const std::string& kind,
                                      const std::string& column, const std::string& value);

// A number as Danish and Swedish readers write it (decimal comma: "12,5") or English
// ("12.5"); up to `decimals` places, trailing zeros dropped.
std::string format_number(const std::string& locale, double value, int decimals = 2);

// The message's text in `locale`: its catalogue entry with each {name} replaced by the
// parameter (numbers formatted for the locale).
std::string render_message(const std::string& locale, const core::Message& message);

// A text a store kept as a core::Message whose key starts with `key_prefix` (a generated
// decision text), in `locale`; any other text (typed by people, or stored before such
// texts were messages) as it is.
std::string stored_text(const std::string& locale, const std::string& stored,
                        const std::string& key_prefix);

// Server messages (validation and errors) are written in English; the catalogue's
// "msg." entries translate them, with any number carried over ("at most {n}").
std::string translate_message(const std::string& locale, const std::string& english);

// A server message for a page: the catalogue's hand-written "msg." entry for the English
// text when there is one (it may say more: a range's unit, the names of choices), else
// the Message (`message` may be null: errors not yet built from keys), else the English.
std::string message_text(const std::string& locale, const std::string& english,
                         const core::Message* message);
// Whether message_text has a translation (pages show internals' English texts, like
// "no unit with id …", as the status's plain explanation instead).
bool knows_message(const std::string& english, const core::Message* message);

}  // namespace web
