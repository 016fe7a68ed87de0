#include "projects/project_tabs.hpp"

#include <array>
#include <utility>

#include "web/i18n.hpp"

namespace projects {
namespace {

// Tab key → path under /projects/{id}.
constexpr auto kTabs = std::to_array<std::pair<std::string_view, std::string_view>>({
    {"overview", ""},
    {"charter", "/roles"},
    {"maps", "/maps"},
    {"actions", "/actions"},
    {"kpis", "/kpis"},
    {"kaizen", "/kaizen"},
    {"decisions", "/decisions"},
    {"adoption", "/adoption"},
    {"benefits", "/benefits"},
    {"risks", "/risks"},
    {"stakeholders", "/stakeholders"},
    {"work_packages", "/work-packages"},
    {"communication", "/communication"},
    {"reports", "/status-reports"},
});

}  // namespace

nlohmann::json project_tabs(const std::string& locale, const std::string& project_id,
                            const std::string& project_title, std::string_view current) {
  nlohmann::json tabs = nlohmann::json::array();
  const std::string base = "/projects/" + project_id;
  for (const auto& [key, path] : kTabs) {
    tabs.push_back({{"href", base + std::string(path)},
                    {"label", web::t(locale, "tab." + std::string(key))},
                    {"current", key == current}});
  }
  return {{"id", project_id}, {"title", project_title}, {"tabs", std::move(tabs)}};
}

}  // namespace projects
