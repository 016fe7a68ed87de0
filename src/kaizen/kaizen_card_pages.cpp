// A kaizen card's page: what it says, its edit form and its decision form.
#include "kaizen/kaizen_page_parts.hpp"
#include "kaizen/kaizen_store.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "meetings/meeting_store.hpp"
#include "projects/project_input.hpp"
#include "web/choices.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace kaizen {
namespace {

constexpr const char* kEditFields[] = {"kind",           "text", "raised_by_id", "raised_by_name",
                                       "responsible_id", "pdca", "card_date",    "column"};

json card_form(const Card& c) {
  json form = card_fields().form_values(c);
  form["version"] = std::to_string(c.version);
  return form;
}

json card_summary(const Request& req, const Card& c) {
  return {{"id", c.id},
          {"text", c.text},
          {"kind_label", web::t(req.locale, "kaizen_kind_" + c.kind)},
          {"column_label", web::t(req.locale, "kaizen_column_" + c.column)},
          {"raised_by", raised_by(c)},
          {"responsible", c.responsible_name ? json(*c.responsible_name) : json()},
          {"pdca", c.pdca ? json(*c.pdca) : json()},
          {"date", c.card_date},
          {"url", board_url(c.project_id) + "/cards/" + c.id},
          {"version", std::to_string(c.version)}};
}

json kaizen_meetings(soci::session& sql, const Request& req, const std::string& project_id) {
  json out = json::array();
  for (const auto& m : meetings::MeetingStore(sql, req.who().tenant_id).of_project(project_id)) {
    if (m.kind == "kaizen")
      out.push_back({{"value", m.id}, {"label", m.title + " (" + m.starts_at.substr(0, 10) + ")"}});
  }
  return out;
}

// The select lists of both forms, with what `form` has chosen.
void add_choices(soci::session& sql, const Request& req, const json& form, json& view) {
  auto all = people(sql, req);
  view["people"] = web::select_options(all, form.value("responsible_id", ""));
  view["raisers"] = web::select_options(all, form.value("raised_by_id", ""));
  view["kind_options"] =
      web::select_options(labelled(req, kKinds, "kaizen_kind_"), form.value("kind", ""));
  view["column_options"] =
      web::select_options(labelled(req, kColumns, "kaizen_column_"), form.value("column", ""));
  view["decided_options"] =
      web::select_options(labelled(req, kDecidedColumns, "kaizen_column_"), "done");
}

Response card_page(soci::session& sql, const Request& req, const json& typed, const json& errors,
                   int status) {
  auto c = in_project(sql, req, ProjectRight::kRead);
  kit::ProjectScope scope(sql, req, c.project_id);
  auto view = kit::project_view(req, scope, "kaizen");
  json form = typed.empty() ? card_form(c) : typed;
  view["card"] = card_summary(req, c);
  view["form"] = form;
  add_choices(sql, req, form, view);
  view["meetings"] = kaizen_meetings(sql, req, c.project_id);
  view["rights"] = {{"edit", scope.may(ProjectRight::kEdit)},
                    {"decide", scope.may(ProjectRight::kDecide)}};
  view["errors"] = errors;
  if (req.query_param("saved")) view["saved"] = true;
  return web::page(req, "kaizen/card", view, {"kaizen_card_title", "projects", status});
}

// On 409 the form keeps what was typed, with the stored version.
Response save(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = json::object();
  json posted = json::object();
  for (const char* k : kEditFields) {
    typed[k] = form_value(form, k);
    if (form.count(k)) posted[k] = typed[k];
  }
  typed["version"] = form_value(form, "version");
  return kit::form_post_on(
      db, req, [&](soci::session& sql) { return in_project(sql, req, ProjectRight::kEdit); },
      [&](soci::session& sql, const Card& c) {
        core::Input input(posted, true);
        long long version = form_version(form, input);
        KaizenStore(sql, req.who().tenant_id)
            .update(&req.who(), card_fields().apply(input, c), version);
        return Response::redirect(board_url(c.project_id) + "?saved=1#card-" + c.id);
      },
      [&](soci::session& sql, const kit::FormRefusal& refused) {
        if (refused.status != 409)
          return card_page(sql, req, typed, refused.errors, refused.status);
        typed["version"] = std::to_string(refused.current.value("version", 0LL));
        return card_page(sql, req, typed, {{"_form", web::t(req.locale, "kaizen_conflict")}}, 409);
      });
}

// The decision form: done or rejected, the decision, who took it when, at which meeting.
void decide_from_form(soci::session& sql, const Request& req, const Form& form, const Card& c) {
  core::Input input(json{{"column", form_value(form, "column")},
                         {"decision", form_value(form, "decision")},
                         {"decided_on", form_value(form, "decided_on")},
                         {"decided_by", form_value(form, "decided_by")}},
                    true);
  std::string column = input.required_choice("column", kDecidedColumns);
  auto decision = projects::parse_gate_decision(input, req.who(), false, "kaizen");
  long long version = form_version(form, input);
  input.check();
  decision =
      card_decision(sql, req.who().tenant_id, c, column, decision, form_value(form, "meeting_id"));
  KaizenStore(sql, req.who().tenant_id).decide(&req.who(), c.id, version, column, decision);
}

Response decide(db::Database& db, const Request& req) {
  auto form = req.form();
  return kit::form_post_on(
      db, req, [&](soci::session& sql) { return in_project(sql, req, ProjectRight::kDecide); },
      [&](soci::session& sql, const Card& c) {
        decide_from_form(sql, req, form, c);
        return Response::redirect(board_url(c.project_id) + "?saved=1#card-" + c.id);
      },
      [&](soci::session& sql, const kit::FormRefusal& refused) {
        json errors = json::object();
        for (const auto& [k, v] : refused.errors.items()) errors["decision_" + k] = v;
        if (refused.status == 409) errors = {{"_form", web::t(req.locale, "kaizen_conflict")}};
        return card_page(sql, req, json(), errors, refused.status);
      });
}

Response remove(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto c = in_project(*sql, req, ProjectRight::kEdit);
  KaizenStore(*sql, req.who().tenant_id).remove(&req.who(), c.id);
  return Response::redirect(board_url(c.project_id) + "?saved=1");
}

Response show_card(db::Database& db, const Request& req) {
  return card_page(*db.lease(), req, json(), json::object(), 200);
}

}  // namespace

void add_card_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}/kaizen/cards/{card}", show_card,
        "A kaizen card with its edit and decision forms"},
       {"POST", "/projects/{id}/kaizen/cards/{card}", save, "Save a kaizen card from the form"},
       {"POST", "/projects/{id}/kaizen/cards/{card}/decision", decide,
        "Decide a card and record the decision in the decision log"},
       {"POST", "/projects/{id}/kaizen/cards/{card}/delete", remove,
        "Remove a kaizen card from the form"}});
}

}  // namespace kaizen
