#include "actions/action_import.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "projects/project.hpp"

namespace actions {
namespace {

std::string lower_trim(std::string s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
  // ASCII only: headings and names compare without touching æ, ø, å bytes.
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return c < 0x80 ? std::tolower(c) : c; });
  return s;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// Column key → index in the file, after checking every heading.
std::map<std::string, std::size_t> read_header(const std::vector<std::string>& header,
                                               const ImportVocabulary& vocab) {
  std::map<std::string, std::size_t> at;
  std::map<std::string, std::string> errors;
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string heading = trim(header[i]);
    if (heading.empty()) continue;
    auto it = vocab.columns.find(lower_trim(heading));
    if (it == vocab.columns.end()) {
      errors[heading] = "is not a column of the action plan";
    } else if (at.count(it->second)) {
      errors[heading] = "appears twice";
    } else {
      at[it->second] = i;
    }
  }
  for (const auto& c : kRequiredColumns) {
    if (!at.count(c)) errors[c] = "column is missing";
  }
  if (!errors.empty()) throw core::ValidationError(errors);
  return at;
}

}  // namespace

std::optional<std::string> import_date(const std::string& cell) {
  std::string d = trim(cell);
  if (d.size() >= 10 && d[4] == '-') d = d.substr(0, 10);  // "2026-03-31 00:00:00"
  if (core::is_valid_date(d)) return d;
  if (d.size() == 10 && (d[2] == '-' || d[2] == '.' || d[2] == '/') && d[5] == d[2]) {
    std::string iso = d.substr(6, 4) + "-" + d.substr(3, 2) + "-" + d.substr(0, 2);
    if (core::is_valid_date(iso)) return iso;
  }
  return std::nullopt;
}

std::vector<ImportRow> plan_import(const core::Table& table, const ImportVocabulary& vocab,
                                   const PeopleIndex& people,
                                   const std::set<std::string>& project_action_ids,
                                   const std::map<std::string, std::string>& kpis_by_name) {
  if (table.empty())
    throw core::ValidationError("csv", "is empty; the first line names the columns");
  auto at = read_header(table.front(), vocab);
  std::vector<ImportRow> out;
  for (std::size_t r = 1; r < table.size(); ++r) {
    const auto& cells = table[r];
    ImportRow row;
    row.row = static_cast<int>(r) + 1;
    auto cell = [&](const std::string& column) -> std::optional<std::string> {
      auto it = at.find(column);
      if (it == at.end()) return std::nullopt;
      return it->second < cells.size() ? trim(cells[it->second]) : std::string();
    };
    auto text = [&](const std::string& column, std::size_t max) -> std::optional<std::string> {
      auto v = cell(column);
      if (v && v->size() > max) row.errors[column] = "is too long";
      if (v && !core::is_valid_utf8(*v)) row.errors[column] = "is not valid UTF-8";
      return v;
    };
    if (cells.size() > table.front().size()) row.errors["row"] = "has more cells than the header";
    if (auto id = cell("id"); id && !id->empty()) {
      if (project_action_ids.count(*id)) {
        row.id = *id;
      } else {
        row.errors["id"] = "no action with this id in the project";
      }
    }
    row.task = text("task", kTaskMax).value_or("");
    if (row.task.empty()) row.errors["task"] = "is required";
    row.fields.task = row.task;
    auto optional_text = [](const std::optional<std::string>& v) {
      return v && !v->empty() ? std::optional<std::string>(*v) : std::optional<std::string>();
    };
    row.fields.effect = optional_text(text("effect", kTextMax));
    row.fields.how = optional_text(text("how", kTextMax));
    if (auto kpi = text("kpi", 200)) {
      auto named = kpis_by_name.find(lower_trim(*kpi));
      if (named != kpis_by_name.end()) {
        row.fields.kpi_id = std::optional<std::string>(named->second);
      } else if (kpi->size() > 64) {
        row.errors["kpi"] = "is too long";
      } else {
        row.fields.kpi_id = optional_text(kpi);
      }
    }
    auto who = cell("responsible").value_or("");
    if (who.empty()) {
      row.fields.responsible_id = std::optional<std::string>();
    } else if (people.ids.count(who)) {
      row.fields.responsible_id = std::optional<std::string>(who);
    } else if (auto it = people.by_name.find(lower_trim(who)); it != people.by_name.end()) {
      if (it->second.size() == 1) {
        row.fields.responsible_id = std::optional<std::string>(it->second.front());
      } else {
        row.errors["responsible"] = "several people have this name; use the id";
      }
    } else {
      row.errors["responsible"] = "no person with this name or id";
    }
    auto deadline = cell("deadline").value_or("");
    if (deadline.empty()) {
      row.fields.deadline = std::optional<std::string>();
    } else if (auto d = import_date(deadline)) {
      row.fields.deadline = std::optional<std::string>(*d);
    } else {
      row.errors["deadline"] = "must be a date like 2026-03-31";
    }
    auto status = lower_trim(cell("status").value_or(""));
    if (status.empty()) {
      row.fields.status = "not_started";
    } else if (auto it = vocab.statuses.find(status); it != vocab.statuses.end()) {
      row.fields.status = it->second;
    } else {
      row.errors["status"] = "must be one of: not_started, in_progress, done, dropped";
    }
    row.action = !row.errors.empty() ? "error" : row.id ? "update" : "create";
    out.push_back(std::move(row));
  }
  return out;
}

nlohmann::json to_json(const ImportRow& row) {
  nlohmann::json errors = nlohmann::json::object();
  for (const auto& [k, v] : row.errors) errors[k] = v;
  return {{"row", row.row},
          {"action", row.action},
          {"id", row.id ? nlohmann::json(*row.id) : nlohmann::json()},
          {"task", row.task},
          {"errors", errors}};
}

}  // namespace actions
