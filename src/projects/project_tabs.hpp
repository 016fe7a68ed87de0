#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace projects {

// The project's tabs, each a page of its own: "overview", "charter", "maps", "actions",
// "kpis", "kaizen", "decisions", "adoption". The layout draws them above the page.
nlohmann::json project_tabs(const std::string& locale, const std::string& project_id,
                            const std::string& project_title, std::string_view current);

}  // namespace projects
