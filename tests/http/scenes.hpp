#pragma once

// Steps many HTTP tests take to set their scene: units, people and projects made through
// the API, and a login through the form as a browser does it. Each creating step expects
// its 201 itself, so a broken step fails where it happens.

#include <map>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "http/test_server.hpp"

namespace testing_http {

// POST `body` to `collection`; returns the new object.
inline nlohmann::json created_object(Client& c, const std::string& collection,
                                     const nlohmann::json& body) {
  auto r = c.send_json("POST", collection, body);
  EXPECT_EQ(r.status, 201) << r.body;
  return r.json();
}

// POST `body` to `collection`; returns the new object's id.
inline std::string created_id(Client& c, const std::string& collection,
                              const nlohmann::json& body) {
  return created_object(c, collection, body).value("id", "");
}

inline std::string new_unit(Client& c, const std::string& name) {
  return created_id(c, "/api/v1/units", {{"name", name}});
}

// `fields`: the person's fields besides the name (unit_id, email, …).
inline std::string new_person(Client& c, const std::string& name, nlohmann::json fields = {}) {
  fields["name"] = name;
  return created_id(c, "/api/v1/people", fields);
}

// A project from `template_key`; `fields`: more of its fields (unit_ids, …).
inline std::string new_project(Client& c, const std::string& title,
                               const std::string& template_key = "kl-workflow",
                               nlohmann::json fields = {}) {
  fields["title"] = title;
  fields["template"] = template_key;
  return created_id(c, "/api/v1/projects", fields);
}

// Gives the person `person` is logged in as `role` in the project with id `project`.
inline void give_project_role(Client& admin, const std::string& project, Client& person,
                              const std::string& role) {
  std::string person_id = person.get("/api/v1/me").json()["person_id"];
  auto r = admin.send_json("POST", "/api/v1/projects/" + project + "/roles",
                           {{"person_id", person_id}, {"role", role}});
  EXPECT_EQ(r.status, 201) << r.body;
}

// Each GET of `paths` answers `status`.
inline void expect_gets(Client& c, const std::vector<std::string>& paths, int status) {
  for (const auto& path : paths) EXPECT_EQ(c.get(path).status, status) << path;
}

// A form posted without the right to: 403, and the page that comes back says why.
inline void expect_forbidden_form(Client& c, const std::string& path,
                                  const std::map<std::string, std::string>& form) {
  auto r = c.post_form(path, form);
  EXPECT_EQ(r.status, 403) << path;
  EXPECT_NE(r.body.find("role=\"alert\""), std::string::npos) << path;
}

// `collection` lists exactly one object, still at its first version, whose `field` is `value`.
inline void expect_only_unchanged(Client& c, const std::string& collection,
                                  const std::string& field, const nlohmann::json& value) {
  auto items = c.get(collection).json()["items"];
  ASSERT_EQ(items.size(), 1u) << collection;
  EXPECT_EQ(items[0][field], value);
  EXPECT_EQ(items[0]["version"], 1);
}

// Logs `c` in through the login form; returns the status (303 when it worked).
inline int form_login(Client& c, const std::string& email) {
  return c.post_form("/login", {{"email", email}, {"password", TestServer::kPassword}}).status;
}

// The CSRF token a page's forms carry; empty when the page has none.
inline std::string form_csrf(const std::string& page) {
  static const std::regex re("name=\"_csrf\" value=\"([^\"]+)\"");
  std::smatch m;
  return std::regex_search(page, m, re) ? m[1].str() : std::string();
}

// A PATCH of `path` sent with a stale version: 409, and the object as it is stored now.
inline nlohmann::json stale_patch(Client& c, const std::string& path, const nlohmann::json& body) {
  auto r = c.send_json("PATCH", path, body);
  EXPECT_EQ(r.status, 409) << r.body;
  return r.json()["error"]["current"];
}

// The answer's body holds each of `texts`.
inline void expect_body_has(const HttpResponse& r, const std::vector<std::string>& texts) {
  for (const auto& text : texts) EXPECT_NE(r.body.find(text), std::string::npos) << text;
}

// Input refused, from a form or as JSON: 422, and the answer shows each of `shown` (the
// field's name or error, what was typed, kept).
inline void expect_refused_input(const HttpResponse& r, const std::vector<std::string>& shown) {
  EXPECT_EQ(r.status, 422) << r.body;
  expect_body_has(r, shown);
}

// A form posted against an old version: 409, the form again with what was typed, what is
// stored now beside it and the stored version in the form for the next save.
inline void expect_stale_form(const HttpResponse& r, const std::string& typed,
                              const std::string& stored, int version) {
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find(typed), std::string::npos) << "what was typed: " << typed;
  EXPECT_NE(r.body.find(stored), std::string::npos) << "what is stored: " << stored;
  EXPECT_NE(r.body.find("name=\"version\" value=\"" + std::to_string(version) + "\""),
            std::string::npos);
}

// The end of a one-process BPMN document: the end event "E", the sequence flows F1, F2, …
// from "S" through `steps` to "E", and the closing tags.
inline std::string bpmn_ending(const std::vector<std::string>& steps) {
  std::string out = "    <bpmn:endEvent id=\"E\" />\n";
  std::string previous = "S";
  int n = 0;
  auto flow_to = [&](const std::string& to) {
    out += "    <bpmn:sequenceFlow id=\"F" + std::to_string(++n) + "\" sourceRef=\"" + previous +
           "\" targetRef=\"" + to + "\" />\n";
    previous = to;
  };
  for (const auto& step : steps) flow_to(step);
  flow_to("E");
  return out + "  </bpmn:process>\n</bpmn:definitions>\n";
}

}  // namespace testing_http
