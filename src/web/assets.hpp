#pragma once

#include <optional>
#include <string>

#include "http/router.hpp"

namespace web {

// "/assets/app.<hash>.js": the name changes with the content, so browsers may cache
// it for a year.
std::string asset_url(const std::string& name);

void add_asset_routes(http::Router& router);

}  // namespace web
