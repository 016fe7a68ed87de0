#pragma once

#include <string>
#include <string_view>

namespace web {

// The address people reach this installation at ("https://fremdrift.aarhus.dk"), set once
// at start-up from `serve --public-url` (env FREMDRIFT_PUBLIC_URL). Empty when not set:
// links that leave the site (a calendar event's URL) are then left out rather than built
// from the request's Host header, which the client chooses (docs/decisions.md, D32).
void set_public_url(std::string url);
const std::string& public_url();

// "https://host[:port]" with an optional path prefix, without a trailing slash; throws
// core::ValidationError for anything else (a query, a fragment, user info, no host).
std::string normalize_public_url(std::string_view url);

}  // namespace web
