#include "risks/risk_view.hpp"

#include "web/i18n.hpp"
#include "web/render.hpp"

namespace risks {

using nlohmann::json;

std::string heat_map_html(const std::vector<Risk>& risks, const Bands& bands, const HeatMap& how) {
  auto m = matrix(risks, how.after);
  const std::string view = how.after ? "after" : "before";
  json rows = json::array();
  for (int p = kScale; p >= 1; --p) {
    json cells = json::array();
    for (int c = 1; c <= kScale; ++c) {
      int count = m.counts.at(p - 1).at(c - 1);
      auto s = score(p, c);
      json cell = {{"count", count},
                   {"band", band(s, bands)},
                   {"band_label", web::t(how.locale, "risk_band_" + band(s, bands))},
                   {"score", s},
                   {"probability", p},
                   {"consequence", c},
                   {"selected", p == how.selected_p && c == how.selected_c}};
      if (!how.link.empty())
        cell["href"] = how.link + "p=" + std::to_string(p) + "&c=" + std::to_string(c) +
                       "&view=" + view + "#risk-log";
      cells.push_back(std::move(cell));
    }
    rows.push_back({{"probability", p}, {"cells", std::move(cells)}});
  }
  json v = {{"lang", how.locale}};
  v["rows"] = std::move(rows);
  v["consequences"] = json::array({1, 2, 3, 4, 5});
  v["total"] = m.total;
  v["caption"] = web::t(how.locale, how.after ? "risk_map_after" : "risk_map_before");
  return web::render_template("risks/heat_map", v);
}

json view_switch(const std::string& locale, const std::string& base, bool after) {
  return json::array({{{"href", base + "view=before"},
                       {"label", web::t(locale, "risk_map_before")},
                       {"current", !after}},
                      {{"href", base + "view=after"},
                       {"label", web::t(locale, "risk_map_after")},
                       {"current", after}}});
}

json risk_row(const Risk& r, const std::string& locale) {
  json row = to_json(r);
  row["status_label"] = web::t(locale, "risk_status_" + r.status);
  row["band_label"] = web::t(locale, "risk_band_" + row["band"].get<std::string>());
  if (row["band_after"].is_string())
    row["band_after_label"] = web::t(locale, "risk_band_" + row["band_after"].get<std::string>());
  row["href"] = "/projects/" + r.project_id + "/risks/" + r.id;
  return row;
}

}  // namespace risks
