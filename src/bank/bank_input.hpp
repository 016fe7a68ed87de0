#pragma once

#include <string>

#include "bank/bank_entry.hpp"
#include "bank/bank_store.hpp"
#include "core/input.hpp"
#include "http/request.hpp"

namespace bank {

// The publisher's classification from the API's JSON or the page's form: summary,
// service_area, kle, tags (a JSON array, or a form's text split at commas), licence,
// contact_role and language (default `language`). Records problems on `input`.
Classification parse_classification(core::Input& input, const std::string& language);

// The search from ?q=, ?area=, ?kle=, ?tenant_kind=, ?effect= (repeated or comma-separated),
// ?cursor= (an offset the previous page gave) and ?limit=.
SearchFilters parse_search(const http::Request& req);

// ?version=n of an entry: nullopt when absent; ValidationError when not a number from 1.
std::optional<long long> parse_version(const http::Request& req);

// The list envelope of a search page: the next cursor when the store found one row more.
nlohmann::json search_body(std::vector<Listed> rows, const SearchFilters& filters);

}  // namespace bank
