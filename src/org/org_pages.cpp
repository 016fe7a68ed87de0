// The organisation pages' shared parts; the pages are in unit_pages.cpp and people_pages.cpp.
#include "org/org_pages.hpp"

#include <algorithm>

#include "org/org_routes.hpp"
#include "org/person_store.hpp"
#include "web/i18n.hpp"

namespace org {
namespace pages {

using nlohmann::json;

json unit_options(const std::vector<Unit>& units, const std::string& selected,
                  const std::string& exclude) {
  json out = json::array();
  for (const auto& row : tree_order(units)) {
    if (row.unit->id == exclude) continue;
    std::string indent;
    for (int i = 0; i < row.depth; ++i) indent += "\u2003";
    out.push_back({{"id", row.unit->id},
                   {"label", indent + row.unit->name},
                   {"selected", row.unit->id == selected}});
  }
  return out;
}

namespace {

// Every person, a page of 200 at a time.
template <typename Visit>
void each_person(soci::session& sql, const std::string& tenant_id, Visit visit) {
  PersonStore people(sql, tenant_id);
  std::string after;
  for (;;) {
    auto page = people.page(after, 200);
    for (std::size_t i = 0; i < page.size() && i < 200; ++i) visit(page[i]);
    if (page.size() <= 200) break;
    after = page[199].id;
  }
}

}  // namespace

json person_options(soci::session& sql, const std::string& tenant_id, const std::string& selected) {
  json out = json::array();
  each_person(sql, tenant_id, [&](const Person& p) {
    out.push_back({{"id", p.id}, {"label", p.name}, {"selected", p.id == selected}});
  });
  std::sort(out.begin(), out.end(),
            [](const json& a, const json& b) { return a["label"] < b["label"]; });
  return out;
}

std::map<std::string, std::string> person_names(soci::session& sql, const std::string& tenant_id) {
  std::map<std::string, std::string> out;
  each_person(sql, tenant_id, [&](const Person& p) { out[p.id] = p.name; });
  return out;
}

json kind_options(const http::Request& req, const std::string& selected) {
  json out = json::array();
  for (const auto& k : kUnitKinds) {
    out.push_back({{"value", k},
                   {"label", web::t(req.locale, "unit.kind." + k)},
                   {"selected", k == selected}});
  }
  return out;
}

json locale_options(const http::Request& req, const std::string& selected) {
  json out = json::array({{{"value", ""},
                           {"label", web::t(req.locale, "person.locale_default")},
                           {"selected", selected.empty()}}});
  for (const auto& l : web::kLocales) {
    out.push_back({{"value", l}, {"label", web::t(l, "lang.self")}, {"selected", l == selected}});
  }
  return out;
}

json typed(const std::map<std::string, std::string>& form) {
  json out = json::object();
  for (const auto& [k, v] : form) {
    if (k != "_csrf") out[k] = v;
  }
  return out;
}

long long form_version(core::Input& input) {
  auto version = input.optional_int("version", 1, 1LL << 40);
  if (!version) input.fail("version", "is required");
  return version.value_or(0);
}

}  // namespace pages

void add_pages(http::Router& router, db::Database& db) {
  pages::add_unit_pages(router, db);
  pages::add_people_pages(router, db);
}

}  // namespace org
