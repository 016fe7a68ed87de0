#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "bank/bank_entry.hpp"
#include "bank/bank_store.hpp"
#include "http/request.hpp"

namespace bank {

// An entry's content for a page in the reader's language: classification, the figures
// before and after, KPIs with their medians, tasks, lessons and lanes. The publish page's
// preview and the entry page show the same.
nlohmann::json entry_view(const http::Request& req, const Entry& e);

// A search result or the entry page's head: title, publisher, area, KLE, figures, used by.
nlohmann::json listed_view(const http::Request& req, const Listed& l);

// {value, label, selected} of the service areas, licences, contact roles and effects.
nlohmann::json area_choices(const http::Request& req, const std::string& chosen);
nlohmann::json licence_choices(const http::Request& req, const std::string& chosen);
nlohmann::json role_choices(const http::Request& req, const std::string& chosen);
nlohmann::json language_choices(const http::Request& req, const std::string& chosen);

}  // namespace bank
