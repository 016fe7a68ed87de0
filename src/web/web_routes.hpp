#pragma once

#include "http/router.hpp"

namespace web {

// Front page, language switch and assets.
void add_web_routes(http::Router& router);

inline constexpr const char* kLangCookie = "fremdrift_lang";

}  // namespace web
