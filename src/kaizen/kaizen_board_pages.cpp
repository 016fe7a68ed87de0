// The kaizen board page: the columns (drag and drop, keyboard moves, polling), the
// form that raises a card, and the project page's section.
#include "kaizen/kaizen_page_parts.hpp"
#include "kaizen/kaizen_routes.hpp"
#include "kaizen/kaizen_store.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/scope.hpp"
#include "web/choices.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace kaizen {
namespace {

constexpr const char* kFormFields[] = {"kind",           "text", "raised_by_id", "raised_by_name",
                                       "responsible_id", "pdca", "card_date"};

json form_json(const Form& form) {
  json out = json::object();
  for (const char* k : kFormFields) out[k] = form_value(form, k);
  return out;
}

struct Typed {
  json create = json::object();
  json errors = json::object();
  std::string message;  // an alert over the board
  int status = 200;
};

Response board_page(soci::session& sql, const Request& req, const Typed& typed) {
  kit::ProjectScope scope(sql, req, req.param("id"));
  scope.require(ProjectRight::kRead);
  const auto& p = scope.project();
  auto view = kit::project_view(req, scope, "kaizen");
  BoardOptions board_options;
  board_options.may_edit = scope.may(ProjectRight::kEdit);
  view["may_edit"] = board_options.may_edit;
  view["board_html"] = board_html(sql, req, p.id, board_options);
  json create = typed.create.empty() ? json{{"kind", "problem"}} : typed.create;
  view["create"] = create;
  view["kind_options"] =
      web::select_options(labelled(req, kKinds, "kaizen_kind_"), create.value("kind", "problem"));
  view["people"] = web::select_options(people(sql, req), create.value("responsible_id", ""));
  view["errors"] = typed.errors;
  if (!typed.message.empty()) view["message"] = typed.message;
  if (req.query_param("saved")) view["saved"] = true;
  view["kaizen_assets"] = assets();
  return web::page(req, "kaizen/board_page", view, {"kaizen_title", "projects", typed.status});
}

// Anyone who may read the project raises a card; the form puts it in the first column.
Response create(db::Database& db, const Request& req) {
  auto form = req.form();
  auto sql = db.lease();
  kit::ProjectScope scope(*sql, req, req.param("id"));
  scope.require(ProjectRight::kRead);
  return kit::form_post(
      req,
      [&] {
        core::Input input(form_json(form), true);
        auto c = KaizenStore(*sql, scope.tenant_id())
                     .create(&req.who(), scope.project().id, card_fields().parse_new(input));
        return Response::redirect(board_url(c.project_id) + "?saved=1#card-" + c.id);
      },
      [&](const kit::FormRefusal& refused) {
        return board_page(*sql, req, {form_json(form), refused.errors, "", refused.status});
      });
}

struct Move {
  Card card;
  long long version = 0;
};

// Where a move from the board goes: a direction (the keyboard buttons) or a column and
// position (drag and drop); nullopt when the card is at the edge already.
std::optional<Move> move_target(KaizenStore& store, const Form& form, const Card& c,
                                core::Input& input) {
  std::string direction = form_value(form, "direction");
  if (direction.empty()) {
    long long version = form_version(form, input);
    return Move{move_fields().parse_new(input, c), version};
  }
  input.required_choice("direction", kDirections);
  input.check();
  std::vector<Slot> board;
  for (const auto& x : store.of_project(c.project_id))
    board.push_back({x.id, x.column, x.position});
  auto target = step(board, c.id, direction);
  if (!target) return std::nullopt;
  Move move{c, form_version(form, input)};
  input.check();
  move.card.column = target->column;
  move.card.position = target->position;
  move.card.position_asked = true;
  return move;
}

// What the live region says: "moved to <column>, place <n> of <count>".
std::string announcement(KaizenStore& store, const Request& req, const Card& after) {
  int in_column = 0;
  for (const auto& x : store.of_project(after.project_id)) in_column += x.column == after.column;
  std::string said = web::t(req.locale, "kaizen_moved");
  auto put = [&](const std::string& key, const std::string& value) {
    auto pos = said.find(key);
    if (pos != std::string::npos) said.replace(pos, key.size(), value);
  };
  put("{column}", web::t(req.locale, "kaizen_column_" + after.column));
  put("{position}", std::to_string(after.position + 1));
  put("{count}", std::to_string(in_column));
  return said;
}

// The board after a move (or a refused one) for the script; a redirect for a form.
Response after_move(soci::session& sql, const Request& req, const Card& c, std::string said,
                    int status) {
  if (!htmx(req)) return Response::redirect(board_url(c.project_id) + "#card-" + c.id);
  BoardOptions options;
  options.may_edit = true;
  options.announce = std::move(said);
  return Response::html(status, board_html(sql, req, c.project_id, options));
}

// A keyboard or drag move from a form or from the board's script (HX-Request: the
// fresh board comes back instead of a redirect, with what the live region says).
Response move(db::Database& db, const Request& req) {
  auto form = req.form();
  auto sql = db.lease();
  auto c = in_project(*sql, req, ProjectRight::kEdit);
  KaizenStore store(*sql, req.who().tenant_id);
  core::Input input(json{{"direction", form_value(form, "direction")},
                         {"column", form_value(form, "column")},
                         {"position", form_value(form, "position")}},
                    true);
  auto move = move_target(store, form, c, input);
  if (!move)
    return htmx(req) ? Response::no_content()
                     : Response::redirect(board_url(c.project_id) + "#card-" + c.id);
  return kit::form_post(
      req,
      [&] {
        auto after = store.update(&req.who(), move->card, move->version);
        return after_move(*sql, req, c, announcement(store, req, after), 200);
      },
      [&](const kit::FormRefusal& refused) {
        std::string conflict = web::t(req.locale, "kaizen_conflict");
        if (htmx(req)) return after_move(*sql, req, c, conflict, refused.status);
        return board_page(*sql, req, {json::object(), json::object(), conflict, refused.status});
      });
}

// The board's columns alone, for polling: 204 while the board is still at version ?v=.
Response columns(db::Database& db, const Request& req, bool wall) {
  auto sql = db.lease();
  kit::ProjectScope scope(*sql, req, req.param("id"));
  scope.require(ProjectRight::kRead);
  const auto& project_id = scope.project().id;
  auto v = req.query_param("v");
  if (v && *v == std::to_string(KaizenStore(*sql, scope.tenant_id()).board_version(project_id)))
    return Response::no_content();
  BoardOptions options;
  options.wall = wall;
  options.may_edit = !wall && scope.may(ProjectRight::kEdit);
  return Response::html(200, board_html(*sql, req, project_id, options));
}

Response board_fragment(db::Database& db, const Request& req) { return columns(db, req, false); }
Response wall_fragment(db::Database& db, const Request& req) { return columns(db, req, true); }
Response show_board(db::Database& db, const Request& req) {
  return board_page(*db.lease(), req, Typed{});
}

}  // namespace

projects::PageSection project_page_section() {
  return [](const projects::ProjectScope& scope, const Request& req) {
    auto view = kit::section_view(req, scope);
    auto counts = KaizenStore(scope.sql(), scope.tenant_id()).column_counts(scope.project().id);
    view["columns"] = column_counts(req, counts);
    view["has_cards"] = !counts.empty();
    return web::render_template("kaizen/project_section", view);
  };
}

void add_board_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}/kaizen", show_board, "The project's kaizen board"},
       {"POST", "/projects/{id}/kaizen", create, "Raise a kaizen card from the form"},
       {"GET", "/projects/{id}/kaizen/board", board_fragment,
        "The board's columns as a fragment (?v=board version: 204 when unchanged)"},
       {"GET", "/projects/{id}/kaizen/wall/columns", wall_fragment,
        "The wall screen's columns as a fragment (?v=: 204 when unchanged)"},
       {"POST", "/projects/{id}/kaizen/cards/{card}/move", move,
        "Move a card (direction left/right/up/down, or column and position)"}});
}

void add_pages(http::Router& router, db::Database& db) {
  add_board_pages(router, db);
  add_card_pages(router, db);
  add_wall_pages(router, db);
}

}  // namespace kaizen
