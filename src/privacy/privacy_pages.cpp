// Personal data pages for tenant administrators: a person's export (printable) with the erase
// form, the retention settings and the record of processing.
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "audit/audit_store.hpp"
#include "audit/audit_view.hpp"
#include "core/errors.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "privacy/personal_data_store.hpp"
#include "privacy/places.hpp"
#include "privacy/privacy_routes.hpp"
#include "privacy/record.hpp"
#include "privacy/retention.hpp"
#include "web/i18n.hpp"
#include "web/local_time.hpp"
#include "web/render.hpp"

namespace privacy {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// A stored time (UTC, or the tenant's wall-clock time) as the tenant's local time in the
// reader's format; a calendar day in the reader's format; anything else as it is.
std::string when_text(const Request& req, const std::string& column, const std::string& value) {
  const bool instant = column == "at" || ends_with(column, "_at");
  if (instant) {
    return web::local_time_text(req.locale, req.who().tenant_time_zone, value);
  }
  if (value.size() != 10 || !core::is_valid_date(value)) return value;
  return web::render_message(
      req.locale,
      {"privacy_date_format",
       {{"year", value.substr(0, 4)}, {"month", value.substr(5, 2)}, {"day", value.substr(8, 2)}}});
}

std::string cell_text(const Request& req, const std::string& column, const json& v) {
  if (v.is_null()) return "–";
  if (v.is_string()) return when_text(req, column, v.get<std::string>());
  return v.dump();
}

// Codes whose words the catalogues keep under a feature's own prefix.
const std::map<std::pair<std::string, std::string>, std::string> kCodePrefixes = {
    {{"meeting_attendance", "status"}, "attendance_"},
};

// Cells as a person reads them: the names of the people, units and projects an id column
// points at, the catalogue's words for a coded value (a role, a status, a kind), yes or no
// for a flag, times in the tenant's zone. Unknown ids and codes stay as stored.
class CellReader {
 public:
  CellReader(const Request& req, soci::session& sql) : req_(req), sql_(sql) {}

  std::optional<std::string> name_of(const std::string& id) {
    auto it = names_.find(id);
    if (it == names_.end())
      it = names_.emplace(id, audit::display_name(sql_, req_.who().tenant_id, id)).first;
    return it->second;
  }

  std::string text(const std::string& table, const std::string& column, const json& v) {
    if (column == "active" && v.is_number_integer())
      return web::t(req_.locale, v.get<long long>() != 0 ? "yes" : "no");
    if (!v.is_string()) return cell_text(req_, column, v);
    const auto value = v.get<std::string>();
    if (column != "id" && ends_with(column, "_id")) {
      if (auto name = name_of(value)) return *name;
    }
    if (auto it = kCodePrefixes.find({table, column}); it != kCodePrefixes.end()) {
      if (web::catalogue(req_.locale).contains(it->second + value))
        return web::t(req_.locale, it->second + value);
    }
    if (auto words = web::code_words(req_.locale, table, column, value)) return *words;
    return cell_text(req_, column, v);
  }

 private:
  const Request& req_;
  soci::session& sql_;
  std::map<std::string, std::optional<std::string>> names_;
};

const Place* declared(const json& place) {
  for (const auto& p : places())
    if (p.table == place["table"].get<std::string>() &&
        p.column == place["column"].get<std::string>())
      return &p;
  return nullptr;
}

std::string heading_of(const std::string& locale, const json& place) {
  const auto* p = declared(place);
  return p ? web::t(locale, place_key(*p)) : place["table"].get<std::string>();
}

json column_labels(const std::string& locale, const json& columns) {
  json out = json::array();
  for (const auto& c : columns) out.push_back(web::t(locale, column_key(c.get<std::string>())));
  return out;
}

std::string text_or_empty(const json& v) { return v.is_string() ? v.get<std::string>() : ""; }

// An audit row's kind, action and changes as the change log shows them (audit::readable_rows:
// translated, names for ids, each change "field: before → after").
json readable_audit(const Request& req, CellReader& cells, const json& item) {
  json entry = {{"at", text_or_empty(item["at"])},
                {"actor", text_or_empty(item["actor_name"])},
                {"entity", text_or_empty(item["entity"])},
                {"entity_id", text_or_empty(item["entity_id"])},
                {"action", text_or_empty(item["action"])},
                {"changes", item["changes"].is_object() ? item["changes"] : json::object()}};
  auto row = audit::readable_rows(json::array({entry}), req.locale, [&](const std::string& id) {
               return cells.name_of(id);
             }).at(0);
  std::string changes;
  for (const auto& c : row["changes"]) {
    if (!changes.empty()) changes += "; ";
    changes += c["field"].get<std::string>() + ": " + c["before"].get<std::string>() + " → " +
               c["after"].get<std::string>();
  }
  return {{"entity", row["entity"]}, {"action", row["action"]}, {"changes", changes}};
}

json section_view(const Request& req, CellReader& reader, const json& place, std::size_t index) {
  const auto& columns = place["columns"];  // in the declared order (the rows' keys are sorted)
  const auto table = place["table"].get<std::string>();
  const bool audit = table == "audit_log";
  json rows = json::array();
  const auto& items = place["rows"];
  for (const auto& item : items) {
    json readable = audit ? readable_audit(req, reader, item) : json::object();
    json cells = json::array();
    for (const auto& c : columns) {
      auto name = c.get<std::string>();
      cells.push_back(readable.contains(name) ? readable[name].get<std::string>()
                                              : reader.text(table, name, item[name]));
    }
    rows.push_back({{"cells", cells}});
  }
  auto key = [&](const std::string& prefix, const char* field) {
    return web::t(req.locale, prefix + place[field].get<std::string>());
  };
  return {{"id", "place-" + std::to_string(index)},
          {"feature", key("privacy_feature_", "feature")},
          {"heading", heading_of(req.locale, place)},
          {"purpose", key("privacy_purpose_", "purpose")},
          {"data", key("privacy_data_", "data")},
          {"count", items.size()},
          {"columns", column_labels(req.locale, columns)},
          {"rows", rows}};
}

// One row per free text naming the person: where it is, which record, and the words around.
json mention_rows(const Request& req, CellReader& reader, const json& mentions) {
  json rows = json::array();
  for (const auto& place : mentions) {
    auto where = web::t(req.locale, "privacy_feature_" + place["feature"].get<std::string>()) +
                 ": " + heading_of(req.locale, place);
    for (const auto& item : place["rows"]) {
      json refs = json::array();
      for (const auto& c : place["columns"]) {
        auto name = c.get<std::string>();
        refs.push_back(
            {{"label", web::t(req.locale, column_key(name))},
             {"value", reader.text(place["table"].get<std::string>(), name, item[name])}});
      }
      json row = {{"where", where}, {"refs", refs}, {"excerpt", item["excerpt"]}};
      if (item.contains("project_id") && item["project_id"].is_string())
        row["url"] = "/projects/" + item["project_id"].get<std::string>();
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

Response export_page(db::Database& db, const Request& req, const json& errors, int status) {
  auto sql = db.lease();
  json data = PersonalDataStore(*sql, req.who().tenant_id).export_person(req.param("id"));
  CellReader reader(req, *sql);
  auto view = web::base_view(req);
  view["person"] = {{"id", data["person_id"]}, {"name", data["name"]}};
  view["erased"] = !data["erased_at"].is_null();
  view["generated_at"] = data["generated_at"];
  view["generated_text"] = cell_text(req, "generated_at", data["generated_at"]);
  json sections = json::array();
  for (const auto& place : data["places"])
    sections.push_back(section_view(req, reader, place, sections.size()));
  view["sections"] = sections;
  auto mentions = mention_rows(req, reader, data["mentions"]);
  view["mention_count"] = mentions.size();
  view["has_mentions"] = !mentions.empty();
  view["mentions"] = mentions;
  view["errors"] = errors;
  if (req.query_param("erased")) view["just_erased"] = true;
  return web::page(req, "privacy/personal_data", view, {"privacy_export_title", "people", status});
}

Response show_export(db::Database& db, const Request& req) {
  return export_page(db, req, json::object(), 200);
}

Response erase_form(db::Database& db, const Request& req) {
  auto form = req.form();
  return kit::form_post(
      req,
      [&] {
        auto input = core::Input::from_form(form);
        if (input.optional_bool("confirm") != true)
          input.fail("confirm", core::Message{"privacy_erase_confirm_required"});
        input.check();
        auto sql = db.lease();
        auto label = web::t(req.who().tenant_locale, "privacy_pseudonym_label");
        PersonalDataStore(*sql, req.who().tenant_id).erase(req.who(), req.param("id"), label);
        return Response::redirect("/people/" + req.param("id") + "/personal-data?erased=1");
      },
      [&](const kit::FormRefusal& refused) {
        return export_page(db, req, refused.errors, refused.status);
      });
}

Response settings_page(db::Database& db, const Request& req, json form, const json& errors,
                       int status) {
  Retention r;
  {
    auto sql = db.lease();
    r = RetentionStore(*sql, req.who().tenant_id).get();
  }
  auto view = web::base_view(req);
  auto stored = to_json(r);
  for (const auto& k : {"signal_email_days", "survey_invitation_days", "version"})
    if (!form.contains(k)) form[k] = std::to_string(stored[k].get<long long>());
  view["form"] = form;
  view["errors"] = errors;
  if (req.query_param("saved")) view["saved"] = true;
  return web::page(req, "privacy/settings", view, {"privacy_settings_title", "org", status});
}

Response show_settings(db::Database& db, const Request& req) {
  return settings_page(db, req, json::object(), json::object(), 200);
}

Response save_settings(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = kit::typed_fields(form, {"signal_email_days", "survey_invitation_days"});
  return kit::form_post(
      req,
      [&] {
        auto input = core::Input::from_form(form);
        auto signal = input.optional_int("signal_email_days", 0, kMaxRetentionDays);
        auto survey = input.optional_int("survey_invitation_days", 0, kMaxRetentionDays);
        auto version = input.optional_int("version", 0, 1LL << 40);
        if (!signal) input.fail("signal_email_days", "is required");
        if (!survey) input.fail("survey_invitation_days", "is required");
        if (!version) input.fail("version", "is required");
        input.check();
        Retention changed;
        changed.signal_email_days = static_cast<int>(*signal);
        changed.survey_invitation_days = static_cast<int>(*survey);
        auto sql = db.lease();
        RetentionStore(*sql, req.who().tenant_id).update(req.who(), changed, *version);
        return Response::redirect("/settings/privacy?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        return settings_page(db, req, refused.status == 422 ? typed : json::object(),
                             refused.errors, refused.status);
      });
}

Response record_page(db::Database& db, const Request& req) {
  Retention r;
  {
    auto sql = db.lease();
    r = RetentionStore(*sql, req.who().tenant_id).get();
  }
  auto view = web::base_view(req);
  auto record = record_json(req.locale, r);
  view["activities"] = record["activities"];
  view["tenant_name"] = req.who().tenant_name;
  return web::page(req, "privacy/record", view, {"privacy_record_title", "org", 200});
}

}  // namespace

void add_page_routes(http::Router& router, db::Database& db) {
  const auto admin = http::Access::kAdmin;
  kit::add_page_routes(
      router, db,
      {{"GET", "/people/{id}/personal-data", show_export,
        "Everything held about a person, printable", admin},
       {"POST", "/people/{id}/erase", erase_form, "Erase a person from the confirm form", admin},
       {"GET", "/settings/privacy", show_settings, "Retention of personal data", admin},
       {"POST", "/settings/privacy", save_settings, "Change retention from the form", admin},
       {"GET", "/privacy/record", record_page, "The record of processing activities", admin}});
}

}  // namespace privacy
