#include "actions/action_view.hpp"

#include <algorithm>

#include "web/i18n.hpp"

namespace actions {
namespace {

std::string lower_ascii(std::string s) {
  for (auto& c : s) {
    if (static_cast<unsigned char>(c) < 0x80) c = static_cast<char>(std::tolower(c));
  }
  return s;
}

ImportVocabulary build_vocabulary() {
  ImportVocabulary v;
  for (const auto& c : kColumns) v.columns[c] = c;
  v.columns["responsible_id"] = "responsible";
  v.columns["kpi_id"] = "kpi";
  for (const auto& s : kStatuses) v.statuses[s] = s;
  for (const auto& loc : web::kLocales) {
    for (const auto& c : kColumns)
      v.columns.emplace(lower_ascii(web::t(loc, "action.col." + c)), c);
    for (const auto& s : kStatuses)
      v.statuses.emplace(lower_ascii(web::t(loc, "action.status." + s)), s);
  }
  return v;
}

}  // namespace

const ImportVocabulary& import_vocabulary() {
  static const ImportVocabulary v = build_vocabulary();
  return v;
}

std::string status_label(const std::string& locale, const std::string& status) {
  return web::t(locale, "action.status." + status);
}

core::Table export_table(const std::vector<Action>& rows, const std::string& locale) {
  core::Table table;
  std::vector<std::string> headings;
  for (const auto& c : kColumns) headings.push_back(web::t(locale, "action.col." + c));
  table.push_back(headings);
  for (const auto& a : rows) {
    table.push_back({a.id, a.task, a.responsible_name.value_or(""), a.unit_name.value_or(""),
                     a.effect.value_or(""), a.how.value_or(""), a.deadline.value_or(""),
                     status_label(locale, a.status), a.kpi_name.value_or(a.kpi_id.value_or("")),
                     web::t(locale, "action.origin." + a.origin)});
  }
  return table;
}

}  // namespace actions
