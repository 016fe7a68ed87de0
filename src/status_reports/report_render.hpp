#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "status_reports/status_report.hpp"

namespace status_reports {

// The report's document in `locale`: its heading, the areas with their colours, the
// decisions asked for and each frozen section through its template
// (templates/status_reports/section_<key>.mustache). `project_title` heads it.
nlohmann::json report_view(const StatusReport& r, const std::string& project_title,
                           const std::string& locale);
// The document's HTML (inside the site's layout or the standalone file).
std::string report_body(const nlohmann::json& view);
// A file that stands alone: the print CSS inlined, no external assets, A4 pages.
std::string standalone_html(const nlohmann::json& view, const std::string& locale);

// The HTML as a PDF printed by headless Chromium (`chromium` from Debian, or
// FREMDRIFT_CHROMIUM) on temporary files, ended after `timeout_seconds`. nullopt when
// Chromium is not installed; std::runtime_error when it failed.
std::optional<std::string> html_to_pdf(const std::string& html, int timeout_seconds = 60);

// The file name of a download: "statusrapport-2026-05-04.html".
std::string download_name(const StatusReport& r, const std::string& extension);

}  // namespace status_reports
