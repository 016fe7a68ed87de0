#pragma once

#include <initializer_list>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "db/database.hpp"
#include "http/paging.hpp"
#include "http/request.hpp"
#include "kit/fields.hpp"
#include "kit/scope.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace kit {

// What a form shows again after a refused post.
struct FormRefusal {
  nlohmann::json errors;   // field → translated message; "_form" for the whole form
  int status = 422;        // 422 invalid, 409 changed by someone else, 403 not allowed
  nlohmann::json current;  // on 409: the stored object, to take its version from
};

// The one way a page handles a form post: `write()` stores and returns the redirect; a
// ValidationError, Conflict or Forbidden instead shows the form again through
// `show(refusal)`, which renders it with what the user typed (the caller keeps that).
template <typename Write, typename Show>
http::Response form_post(const http::Request& req, Write write, Show show) {
  try {
    return write();
  } catch (const core::ValidationError& e) {
    return show(FormRefusal{web::validation_errors(req, e), 422, nullptr});
  } catch (const core::Conflict& e) {
    return show(FormRefusal{{{"_form", web::error_text(req, e)}}, 409, e.current()});
  } catch (const core::Forbidden& e) {
    return show(FormRefusal{{{"_form", web::error_text(req, e)}}, 403, nullptr});
  }
}

// A form posted on the project `{id}`: the caller's scope is read and `right` required inside
// the post (a Forbidden shows the form again), then `write(scope)` stores and returns the
// redirect; form_post otherwise.
template <typename Write, typename Show>
http::Response project_form_post(db::Database& db, const http::Request& req, ProjectRight right,
                                 Write write, Show show) {
  return form_post(
      req,
      [&] {
        auto sql = db.lease();
        ProjectScope scope(*sql, req, req.param("id"));
        scope.require(right);
        return write(scope);
      },
      show);
}

// The fields `keys` of a posted form as the user typed them ("" for one not sent), to show
// the form again.
inline nlohmann::json typed_fields(const std::map<std::string, std::string>& form,
                                   std::initializer_list<const char*> keys) {
  nlohmann::json typed = nlohmann::json::object();
  for (const char* k : keys) typed[k] = form.count(k) ? form.at(k) : "";
  return typed;
}

// A form posted on one object: `load(sql)` reads it and checks the caller's right
// (NotFound and Forbidden answer as error pages, not on the form); then form_post, with
// `write(sql, object)` and `show(sql, refusal)`.
template <typename Load, typename Write, typename Show>
http::Response form_post_on(db::Database& db, const http::Request& req, Load load, Write write,
                            Show show) {
  auto sql = db.lease();
  auto item = load(*sql);
  return form_post(
      req, [&] { return write(*sql, item); },
      [&](const FormRefusal& refused) { return show(*sql, refused); });
}

// The version a form shows again after a refusal: on 409 the stored one, so that the next save
// goes over what is stored now; otherwise the one posted stays.
inline void keep_version(nlohmann::json& typed, const FormRefusal& refused) {
  if (refused.status == 409)
    typed["version"] = std::to_string(refused.current.value("version", 0LL));
}

// A change posted on one object's page: `load(sql, req)` reads the object and the caller's
// scope (NotFound first), the caller must be able to edit the project, `fields` are applied
// to `posted` (the form's fields by name) at the posted version and Store updates it; then a
// redirect to `done(stored object)`. A refusal shows the page through `show(sql, refusal)`.
template <typename Store, typename T, typename Load, typename Done, typename Show>
http::Response form_update(db::Database& db, const http::Request& req, const Fields<T>& fields,
                           const nlohmann::json& posted, Load load, Done done, Show show) {
  return form_post_on(
      db, req,
      [&](soci::session& sql) {
        auto loaded = load(sql, req);
        loaded.second.require(ProjectRight::kEdit);
        return loaded.first;
      },
      [&](soci::session& sql, const T& current) {
        core::Input input(posted, true);
        auto version = http::required_version(req, posted);
        Store(sql, req.who().tenant_id).update(&req.who(), fields.apply(input, current), version);
        return http::Response::redirect(done(current));
      },
      show);
}

}  // namespace kit
