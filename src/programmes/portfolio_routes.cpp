#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string_view>

#include "core/csv.hpp"
#include "core/time.hpp"
#include "core/xlsx_writer.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "kit/pages.hpp"
#include "kit/routes.hpp"
#include "org/org.hpp"
#include "org/unit_store.hpp"
#include "programmes/page_sections.hpp"
#include "programmes/portfolio_store.hpp"
#include "programmes/programme_routes.hpp"
#include "projects/method_template.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace programmes {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

// Columns of the exports (catalogue keys); the three dates are real dates in the workbook.
constexpr const char* kColumns[] = {
    "project_title",         "project_method", "project_phase",        "project_status",
    "charter_status_reason", "charter_units",  "portfolio_programmes", "portfolio_tracks",
    "charter_start",         "charter_end",    "portfolio_last_update"};
const std::set<std::size_t> kDateColumns = {8, 9, 10};

constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

std::string phase_name(const PortfolioRow& r, const std::string& locale) {
  const auto* t = projects::find_template(r.template_key);
  const auto* ph = t ? t->phase(r.phase_key) : nullptr;
  return ph ? projects::localized(ph->name, locale) : r.phase_key;
}

std::string method_name(const PortfolioRow& r, const std::string& locale) {
  const auto* t = projects::find_template(r.template_key);
  return t ? projects::localized(t->name, locale) : r.template_key;
}

// Rows of a page of the portfolio (at most kMaxLimit on the API).
constexpr int kPageRows = 50;
// Rows an export reads from the database at a time: a sort without an index sorts once a batch
// (docs/performance.md, the portfolio at 20,000 projects).
constexpr int kExportBatch = 2000;
// libxlsxwriter keeps one row in memory, not every cell of the workbook: at 20,000 rows four
// exports at a time peaked at 45 MB of RSS instead of 118 MB.
constexpr bool kXlsxConstantMemory = true;

const PortfolioCursor* from(const PortfolioAsk& ask) { return ask.cursor ? &*ask.cursor : nullptr; }

std::vector<std::string> export_row(const PortfolioRow& r, const std::string& locale) {
  std::vector<std::string> programme_titles;
  for (const auto& p : r.programmes) programme_titles.push_back(p.second);
  return {r.title,
          method_name(r, locale),
          phase_name(r, locale),
          web::t(locale, "project.status." + r.status),
          r.status_reason.value_or(""),
          join(r.unit_names),
          join(programme_titles),
          join(r.tracks),
          r.start_date.value_or(""),
          r.end_date.value_or(""),
          r.last_update.substr(0, 10)};
}

// Every row of the export, headings first, read from the database a batch at a time and
// handed on at once, so no export holds more than a batch.
void export_rows(db::Database& db, const Request& req,
                 const std::function<void(const std::vector<std::string>&)>& write) {
  auto query = parse_portfolio_query(req.query);
  std::vector<std::string> headings;
  for (const char* key : kColumns) headings.emplace_back(web::t(req.locale, key));
  write(headings);
  auto sql = db.lease();
  PortfolioStore(*sql, req.who().tenant_id).each(query, kExportBatch, [&](const PortfolioRow& r) {
    write(export_row(r, req.locale));
  });
}

Response download(std::shared_ptr<std::FILE> file, const std::string& type,
                  const std::string& extension) {
  auto r = Response::attachment(type, "",
                                "portfolio-" + core::now_iso().substr(0, 10) + "." + extension);
  r.file = std::move(file);
  return r;
}

// Written to a temporary file as the rows come, which the server then sends from disk.
Response csv_export(db::Database& db, const Request& req) {
  std::shared_ptr<std::FILE> file(std::tmpfile(), [](std::FILE* f) {
    if (f != nullptr) std::fclose(f);
  });
  if (!file) throw std::runtime_error("no temporary file for the export");
  auto put = [&](std::string_view text) { std::fwrite(text.data(), 1, text.size(), file.get()); };
  put("\xEF\xBB\xBF");
  export_rows(db, req, [&](const std::vector<std::string>& row) { put(core::csv_line(row)); });
  if (std::fflush(file.get()) != 0 || std::ferror(file.get()) != 0)
    throw std::runtime_error("could not write the export");
  return download(std::move(file), "text/csv; charset=utf-8", "csv");
}

Response xlsx_export(db::Database& db, const Request& req) {
  core::XlsxStream xlsx(web::t(req.locale, "portfolio.title"), kDateColumns, kXlsxConstantMemory);
  export_rows(db, req, [&](const std::vector<std::string>& row) { xlsx.add_row(row); });
  return download(xlsx.finish(), kXlsxType, "xlsx");
}

json option(const std::string& value, const std::string& label, const std::string& current) {
  return {{"value", value}, {"label", label}, {"selected", value == current}};
}

// The choices of the filter form, taken from what the tenant's projects hold.
json filter_view(const Request& req, const PortfolioChoices& choices,
                 const std::vector<org::Unit>& units, const PortfolioQuery& q) {
  const std::string& loc = req.locale;
  json phases = json::array();
  std::set<std::string> seen_phases;
  for (const auto& t : projects::shipped_templates()) {
    for (const auto& ph : t.phases) {
      bool used = choices.phases.count({t.key, ph.key}) != 0;
      if (used && seen_phases.insert(ph.key).second) {
        phases.push_back(option(
            ph.key,
            projects::localized(ph.name, loc) + " (" + projects::localized(t.name, loc) + ")",
            q.phase));
      }
    }
  }
  json statuses = json::array();
  for (const char* s : {"green", "yellow", "red"})
    statuses.push_back(option(s, web::t(loc, std::string("project.status.") + s), q.status));
  json unit_options = json::array();
  for (const auto& row : org::tree_order(units)) {
    std::string indent;
    for (int i = 0; i < row.depth; ++i) indent += "\u2014 ";
    unit_options.push_back(option(row.unit->id, indent + row.unit->name, q.unit));
  }
  json track_options = json::array();
  for (const auto& t : choices.tracks) track_options.push_back(option(t, t, q.track));
  json programme_options = json::array();
  for (const auto& [id, title] : choices.programmes)
    programme_options.push_back(option(id, title, q.programme));
  json sorts = json::array();
  for (const auto& s : kSorts)
    sorts.push_back(option(s, web::t(loc, "portfolio.sort." + s), q.sort));
  return {{"phases", phases},
          {"statuses", statuses},
          {"units", unit_options},
          {"tracks", track_options},
          {"has_tracks", !track_options.empty()},
          {"programmes", programme_options},
          {"has_programmes", !programme_options.empty()},
          {"sorts", sorts},
          {"dirs",
           json::array(
               {option("asc", web::t(loc, "portfolio.dir.asc"), q.descending ? "" : "asc"),
                option("desc", web::t(loc, "portfolio.dir.desc"), q.descending ? "desc" : "")})}};
}

// Column headings that sort when followed, keeping the filters; aria-sort on the
// column the list is sorted by.
json sort_headers(const PortfolioQuery& q) {
  json out = json::object();
  for (const auto& s : kSorts) {
    PortfolioQuery next = q;
    next.sort = s;
    next.descending = q.sort == s && !q.descending;
    std::string qs = to_query_string(next);
    out[s] = {{"href", "/portfolio" + (qs.empty() ? "" : "?" + qs)},
              {"aria", q.sort == s ? json(q.descending ? "descending" : "ascending") : json()}};
  }
  return out;
}

json page_rows(const Request& req, const std::vector<PortfolioRow>& chosen) {
  json out = json::array();
  for (const auto& r : chosen) {
    json programmes = json::array();
    for (const auto& [id, title] : r.programmes)
      programmes.push_back({{"id", id}, {"title", title}});
    out.push_back(
        {{"id", r.id},
         {"title", r.title},
         {"phase", phase_name(r, req.locale)},
         {"status",
          {{"value", r.status}, {"label", web::t(req.locale, "project.status." + r.status)}}},
         {"units", join(r.unit_names)},
         {"programmes", programmes},
         {"tracks", join(r.tracks)},
         {"end_date", r.end_date ? json(*r.end_date) : json()},
         {"last_update", r.last_update.substr(0, 10)}});
  }
  return out;
}

// The page's "next" and "previous" links: the cursor keeps the filters and the order, which
// the address names too, so the form shows them.
std::string page_url(const PortfolioQuery& q, const PortfolioPlace& place, bool before) {
  std::string qs = to_query_string(q);
  return "/portfolio?" + (qs.empty() ? "" : qs + "&") +
         "cursor=" + encode_cursor({q, place, before});
}

// The page's rows and its "next"/"previous" links; going back to the start shows the first
// page as it is now.
json shown_page(const Request& req, PortfolioStore& store, PortfolioAsk ask) {
  auto shown = store.page(ask.query, from(ask), kPageRows);
  bool back = ask.cursor && ask.cursor->before;
  if (back && !shown.more) {
    ask.cursor.reset();
    back = false;
    shown = store.page(ask.query, nullptr, kPageRows);
  }
  json out = {{"rows", page_rows(req, shown.rows)}, {"has_rows", !shown.rows.empty()}};
  if (!shown.rows.empty() && (back || shown.more))
    out["next_url"] = page_url(ask.query, shown.rows.back().place, false);
  if (!shown.rows.empty() && ask.cursor)
    out["previous_url"] = page_url(ask.query, shown.rows.front().place, true);
  return out;
}

Response portfolio_page(db::Database& db, const Request& req) {
  auto ask = parse_portfolio_ask(req.query);
  const auto& query = ask.query;
  std::string qs = to_query_string(query);
  auto sql = db.lease();
  PortfolioStore store(*sql, req.who().tenant_id);
  auto view = web::base_view(req);
  view.update(shown_page(req, store, ask));
  view["filters"] =
      filter_view(req, store.choices(), org::UnitStore(*sql, req.who().tenant_id).all(), query);
  auto total = store.total();
  view["count"] = std::to_string(qs.empty() ? total : store.count(query));
  view["total"] = std::to_string(total);
  view["filtered"] = !qs.empty();
  view["sort"] = sort_headers(query);
  view["csv_url"] = "/portfolio.csv" + (qs.empty() ? "" : "?" + qs);
  view["xlsx_url"] = "/portfolio.xlsx" + (qs.empty() ? "" : "?" + qs);
  std::string sections;
  for (const auto& section : page_sections())
    if (section.portfolio) sections += section.portfolio(*sql, req);
  view["sections"] = sections;
  return web::page(req, "programmes/portfolio", view, {"portfolio.title", "portfolio", 200});
}

void register_schemas() {
  json list = {{"type", "array"}, {"items", {{"type", "string"}}}};
  json row = {{"type", "object"},
              {"properties",
               {{"id", {{"type", "string"}}},
                {"title", {{"type", "string"}}},
                {"template", {{"type", "string"}}},
                {"phase", {{"type", "string"}}},
                {"status", {{"enum", {"green", "yellow", "red"}}}},
                {"status_reason", {{"type", {"string", "null"}}}},
                {"start_date", {{"type", {"string", "null"}}, {"format", "date"}}},
                {"end_date", {{"type", {"string", "null"}}, {"format", "date"}}},
                {"last_update", {{"type", "string"}, {"format", "date-time"}}},
                {"unit_ids", list},
                {"units", list},
                {"programmes", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                {"tracks", list}}}};
  row["description"] =
      "A project of your organisation. The list takes the filters ?phase= &status= &unit= "
      "(unit id) &track= (track name) &programme= (id) and the order ?sort=title|phase|status|"
      "last_update|end_date &dir=asc|desc; its cursor keeps them for the next page.";
  http::register_schema("PortfolioProject", row);
}

Response portfolio_json(db::Database& db, const Request& req) {
  auto ask = parse_portfolio_ask(req.query);
  int limit = http::Page::limit_from(req);
  auto sql = db.lease();
  auto page = PortfolioStore(*sql, req.who().tenant_id).page(ask.query, from(ask), limit);
  json items = json::array();
  for (const auto& r : page.rows) items.push_back(to_json(r));
  json next = nullptr;
  bool back = ask.cursor && ask.cursor->before;
  if (!page.rows.empty() && (page.more || back))
    next = encode_cursor({ask.query, page.rows.back().place, false});
  return Response::json(200, {{"items", std::move(items)}, {"next_cursor", next}});
}

}  // namespace

void add_portfolio_routes(http::Router& router, db::Database& db) {
  register_schemas();
  kit::add_routes(
      router, db,
      {{"GET",
        "/api/v1/portfolio",
        Access::kAuthenticated,
        portfolio_json,
        {"Your organisation's projects, filtered and sorted", "portfolio", "", "PortfolioProject",
         true}},
       {"GET",
        "/api/v1/portfolio.csv",
        Access::kAuthenticated,
        csv_export,
        {"The same list as CSV (UTF-8 with BOM, semicolon separated, for Excel)", "portfolio"}},
       {"GET",
        "/api/v1/portfolio.xlsx",
        Access::kAuthenticated,
        xlsx_export,
        {"The same list as an Excel workbook", "portfolio"}}});
  kit::add_page_routes(
      router, db,
      {{"GET", "/portfolio", portfolio_page, "Portfolio: all projects with filters and sorting"},
       {"GET", "/portfolio.csv", csv_export, "The filtered portfolio as CSV"},
       {"GET", "/portfolio.xlsx", xlsx_export, "The filtered portfolio as an Excel workbook"}});
}

}  // namespace programmes
