#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "risks/risk.hpp"

namespace risks {

// The heat map as HTML (templates/risks/heat_map): probability 5→1 down, consequence 1→5
// across, each cell coloured by its band with its count; when `link` is not empty each cell
// links to `link` + "p=…&c=…&view=…" (the list filtered to it). `after` draws the scores
// after mitigation; `selected_*` marks the cell the list is filtered to.
struct HeatMap {
  std::string locale;
  std::string link;  // "/projects/{id}/risks?" or "" (cells are not links)
  bool after = false;
  int selected_p = 0, selected_c = 0;
};
std::string heat_map_html(const std::vector<Risk>& risks, const Bands& bands, const HeatMap& how);

// The before/after switch above a heat map: two links to `base` + "view=before|after".
nlohmann::json view_switch(const std::string& locale, const std::string& base, bool after);

// A risk as a row of the log: its fields, translated status and band labels, its page.
nlohmann::json risk_row(const Risk& r, const std::string& locale);

}  // namespace risks
