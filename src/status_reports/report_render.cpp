#include "status_reports/report_render.hpp"

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "projects/method_template.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace status_reports {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// The fields whose value is a catalogue key's tail: "chart_status": "worse" gets
// "chart_status_label" from "report_kpi_status_worse".
const std::map<std::string, std::string> kLabelled = {{"chart_status", "report_kpi_status_"},
                                                      {"status", "action.status."},
                                                      {"kind", "meeting.kind."}};

bool is_localised_text(const json& j) {
  return j.is_object() && j.size() == 3 && j.contains("da") && j.contains("sv") && j.contains("en");
}

// A frozen section's data for one reader: texts in every language in theirs, keys with
// their labels, trends as text.
json localised(const json& data, const std::string& locale) {
  if (is_localised_text(data)) return projects::localized(data, locale);
  if (data.is_array()) {
    json out = json::array();
    for (const auto& item : data) out.push_back(localised(item, locale));
    return out;
  }
  if (!data.is_object()) return data;
  json out = json::object();
  for (const auto& [key, value] : data.items()) {
    out[key] = localised(value, locale);
    if (auto it = kLabelled.find(key); it != kLabelled.end() && value.is_string())
      out[key + "_label"] = web::t(locale, it->second + value.get<std::string>());
    if (key == "trend" && value.is_array()) {
      std::string text;
      for (const auto& v : value)
        text += (text.empty() ? "" : " · ") +
                (v.is_number() ? web::format_number(locale, v.get<double>(), 6) : v.dump());
      out["trend_text"] = text;
    }
    if (value.is_array()) out["has_" + key] = !value.empty();
  }
  return out;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string chromium_path() {
  if (const char* given = std::getenv("FREMDRIFT_CHROMIUM"); given && *given) return given;
  return "/usr/bin/chromium";
}

// Runs argv with a deadline; the exit status, or -1 when it was ended for taking too long.
// The child only calls async-signal-safe functions (the server has other threads), and its
// process group goes with it: Chromium starts helpers of its own.
int run_with_timeout(const std::vector<std::string>& argv, int timeout_seconds) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("cannot start chromium");
  if (pid == 0) {
    setpgid(0, 0);
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) {
      dup2(devnull, STDOUT_FILENO);
      dup2(devnull, STDERR_FILENO);
    }
    execv(args[0], args.data());
    _exit(127);
  }
  setpgid(pid, pid);
  int result = -1;
  for (int waited_ms = 0; waited_ms < timeout_seconds * 1000; waited_ms += 50) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      result = WIFEXITED(status) ? WEXITSTATUS(status) : -2;
      break;
    }
    usleep(50 * 1000);
  }
  kill(-pid, SIGKILL);  // what is left of the group (all of it after a timeout)
  if (result == -1) waitpid(pid, nullptr, 0);
  return result;
}

}  // namespace

json report_view(const StatusReport& r, const std::string& project_title,
                 const std::string& locale) {
  json view = {{"lang", locale},
               {"title", r.title},
               {"project_title", project_title},
               {"issued_on", r.issued_on},
               {"level", r.level},
               {"level_label", web::t(locale, "report_level_" + r.level)}};
  json areas = json::array();
  for (const auto& a : r.areas)
    areas.push_back(
        {{"key", a.key},
         {"label", web::t(locale, "report_area_" + a.key)},
         {"colour", a.colour},
         {"colour_label", web::t(locale, "report_colour_" + a.colour)},
         {"reason", a.reason},
         {"suggested_label", web::t(locale, "report_colour_" + a.suggested)},
         {"because",
          a.suggested_because.key.empty() ? "" : web::render_message(locale, a.suggested_because)},
         {"differs", a.suggested != a.colour}});
  view["areas"] = areas;
  view["decisions"] = r.decisions;
  view["has_decisions"] = !r.decisions.empty();
  json sections = json::array();
  for (const auto& s : r.sections) {
    std::string key = s.value("key", "");
    json section = localised(s.value("data", json::object()), locale);
    section["lang"] = locale;
    sections.push_back({{"key", key},
                        {"heading", web::t(locale, "report_section_" + key)},
                        {"html", web::render_template("status_reports/section_" + key, section)}});
  }
  view["sections"] = sections;
  return view;
}

std::string report_body(const json& view) {
  return web::render_template("status_reports/report", view);
}

std::string standalone_html(const json& view, const std::string& locale) {
  json page = {{"lang", locale},
               {"title_prefix", web::t(locale, "report_title")},
               {"title", view.value("title", "")},
               {"css", web::render_template("status_reports/print_css", json::object())},
               {"body", report_body(view)}};
  return web::render_template("status_reports/standalone", page);
}

std::optional<std::string> html_to_pdf(const std::string& html, int timeout_seconds) {
  std::string chromium = chromium_path();
  if (access(chromium.c_str(), X_OK) != 0) return std::nullopt;
  std::string pattern = (fs::temp_directory_path() / "fremdrift-report-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot make a temporary directory");
  fs::path dir(pattern);
  auto cleanup = [&] {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  };
  try {
    fs::path in = dir / "report.html", out = dir / "report.pdf";
    std::ofstream(in, std::ios::binary) << html;
    int status =
        run_with_timeout({chromium, "--headless", "--no-sandbox", "--disable-gpu",
                          "--disable-dev-shm-usage", "--no-first-run", "--no-pdf-header-footer",
                          "--user-data-dir=" + (dir / "profile").string(),
                          "--print-to-pdf=" + out.string(), "file://" + in.string()},
                         timeout_seconds);
    if (status == -1)
      throw std::runtime_error("chromium took longer than " + std::to_string(timeout_seconds) +
                               " s");
    if (!fs::exists(out) || fs::file_size(out) == 0)
      throw std::runtime_error("chromium made no PDF (exit " + std::to_string(status) + ")");
    std::string pdf = read_file(out);
    cleanup();
    return pdf;
  } catch (...) {
    cleanup();
    throw;
  }
}

std::string download_name(const StatusReport& r, const std::string& extension) {
  return "status-report-" + r.issued_on + "." + extension;
}

}  // namespace status_reports
