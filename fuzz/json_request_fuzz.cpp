// libFuzzer target for everything that reads a request: JSON bodies (core::Input
// and the org field parsers), url-encoded forms and query strings, cookies, the
// paging and version parameters, and path routing.
//
// Input layout: byte 0 holds flags, the rest is the payload.
//   bit 0      creating (true) or updating (false) for the org parsers
//   bit 1      send the payload's first line as If-Match
//   bits 2..4  HTTP method for the router
// The whole payload is the body (JSON and form); its first line is also the path,
// the Cookie header and, with bit 1, If-Match; the query string is the body decoded
// as a form.
//
// Expected rejections are core::Error subclasses, and each must map to a 4xx. Any
// other exception, a crash, undefined behaviour, a leak or a broken invariant (the
// `expect` calls) is a bug.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/input.hpp"
#include "http/error_mapping.hpp"
#include "http/paging.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "org/org.hpp"
#include "web/i18n.hpp"

namespace {

void expect(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "json_request_fuzz: invariant broken: %s\n", what);
  std::abort();
}

// A core::Error is an expected rejection: it must become a 4xx with a body that
// serialises. Everything else propagates and ends the run as a crash.
template <typename F>
void expected_rejections_only(F&& step) {
  try {
    step();
  } catch (const core::Error&) {
    auto info = http::classify(std::current_exception());
    expect(info.status >= 400 && info.status < 500, "a core::Error mapped to a 5xx");
    auto response = http::json_error(info);
    expect(!response.body.empty(), "empty error body");
  }
}

// Text that passed validation is stored and later serialised with the strict
// nlohmann handler (the audit log's `diff(before, after).dump()`), so it has to be
// valid UTF-8 in that handler's eyes too.
bool strict_utf8(const std::string& s) {
  try {
    (void)nlohmann::json(s).dump();
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

void check_text(const std::string& s, std::size_t max_len, const char* what) {
  expect(strict_utf8(s), what);
  std::size_t code_points = 0;
  for (unsigned char c : s) code_points += (c >> 6) != 2;
  expect(code_points <= max_len, "accepted text is longer than its limit");
}

void check_opt_text(const std::optional<std::string>& v, std::size_t max_len, const char* what) {
  if (v) check_text(*v, max_len, what);
}

void check_opt_id(const std::optional<std::string>& v) {
  if (v) expect(core::looks_like_id(*v), "accepted an id that does not look like one");
}

// Units and people through their field tables: a create, or a change of a stored one.
void fuzz_unit(core::Input& input, bool creating) {
  expected_rejections_only([&] {
    org::Unit stored;
    stored.name = "stored";
    auto u =
        creating ? org::unit_fields().parse_new(input) : org::unit_fields().apply(input, stored);
    expect(!u.name.empty(), "accepted an empty unit name");
    check_text(u.name, core::kNameMax, "unit name is not valid UTF-8");
    expect(
        std::find(org::kUnitKinds.begin(), org::kUnitKinds.end(), u.kind) != org::kUnitKinds.end(),
        "accepted an unknown unit kind");
    check_opt_id(u.parent_id);
    check_opt_id(u.manager_id);
  });
}

void fuzz_person(core::Input& input, bool creating) {
  expected_rejections_only([&] {
    org::Person stored;
    stored.name = "stored";
    auto p = creating ? org::person_fields().parse_new(input)
                      : org::person_fields().apply(input, stored);
    expect(!p.name.empty(), "accepted an empty person name");
    check_text(p.name, core::kNameMax, "person name is not valid UTF-8");
    check_opt_id(p.unit_id);
    check_opt_text(p.email, core::kEmailMax, "e-mail is not valid UTF-8");
    if (p.email) expect(core::is_valid_email(*p.email), "accepted a bad e-mail");
    check_opt_text(p.title, core::kNameMax, "title is not valid UTF-8");
    if (p.locale) expect(web::is_locale(*p.locale), "accepted an unknown locale");
  });
}

// The getters the other parsers (accounts, pages) use, on the same object.
void fuzz_getters(core::Input& input) {
  expected_rejections_only([&] {
    auto name = input.required_text("name");
    auto text = input.optional_text("title", core::kTextMax);
    auto email = input.required_email("email");
    auto role = input.optional_choice("role", {"admin", "member"});
    auto active = input.optional_bool("active");
    auto version = input.optional_int("version", 1, 1LL << 40);
    input.check();
    check_text(name, core::kNameMax, "required_text is not valid UTF-8");
    if (text) check_text(*text, core::kTextMax, "optional_text is not valid UTF-8");
    expect(core::is_valid_email(email), "required_email accepted a bad address");
    if (role) expect(*role == "admin" || *role == "member", "optional_choice outside its list");
    if (version) expect(*version >= 1 && *version <= (1LL << 40), "optional_int out of range");
    (void)active;
  });
}

// Like the API handlers: parse the body, read the fields, check, then the version
// (If-Match or a `version` field). Each consumer parses the body itself, as each
// request does; parsed documents are never copied (a deep one would overflow the
// stack in the copy, which no handler does).
void fuzz_json(const http::Request& req, bool creating) {
  bool parsed = false;
  expected_rejections_only([&] {
    auto input = core::Input::from_json_body(req.body);
    expect(input.raw().is_object(), "from_json_body accepted a non-object");
    parsed = true;
    fuzz_unit(input, creating);
    expected_rejections_only([&] {
      expect(http::required_version(req, input.raw()) > 0, "required_version not positive");
    });
  });
  if (!parsed) {
    expected_rejections_only([&] {
      expect(http::required_version(req, nlohmann::json()) > 0, "required_version not positive");
    });
    return;
  }
  auto person = core::Input::from_json_body(req.body);
  fuzz_person(person, creating);
  auto getters = core::Input::from_json_body(req.body);
  fuzz_getters(getters);
}

void fuzz_form(const http::Request& req, bool creating) {
  auto form = req.form();
  for (const auto& [k, v] : form) {
    // Decoding is the inverse of encoding, and the UTF-8 check agrees with the
    // serialiser on every decoded string.
    expect(http::url_decode(http::url_encode(k), true) == k, "url_encode/url_decode round trip");
    expect(http::url_decode(http::url_encode(v), false) == v, "url_encode/url_decode round trip");
    expect(core::is_valid_utf8(v) == strict_utf8(v), "is_valid_utf8 disagrees with the serialiser");
  }
  auto unit = core::Input::from_form(form);
  fuzz_unit(unit, creating);
  auto person = core::Input::from_form(form);
  fuzz_person(person, creating);
  auto getters = core::Input::from_form(form);
  fuzz_getters(getters);
}

const http::Router& router() {
  static const http::Router r = [] {
    http::Router out;
    auto ok = [](http::Request&) { return http::Response::no_content(); };
    for (const char* pattern : {"/", "/healthz", "/api/v1/units", "/api/v1/units/{id}",
                                "/api/v1/units/{id}/nearest-manager", "/api/v1/people/{id}",
                                "/assets/{file}", "/org/units/{id}/delete", "/calendar/{id}.ics"}) {
      out.add({"GET", pattern, http::Access::kPublic, ok});
    }
    out.add({"POST", "/api/v1/units", http::Access::kAdmin, ok});
    out.add({"PATCH", "/api/v1/units/{id}", http::Access::kAdmin, ok});
    out.add({"DELETE", "/api/v1/units/{id}", http::Access::kAdmin, ok});
    return out;
  }();
  return r;
}

void fuzz_route(const std::string& method, const std::string& path) {
  auto m = router().match(method, path);
  if (m.route) {
    expect(m.path_matched, "a route matched without its path matching");
    expect(m.route->method == method || (method == "HEAD" && m.route->method == "GET"),
           "a route matched with another method");
  } else {
    expect(m.params.empty(), "parameters without a route");
  }
}

void fuzz_request(const http::Request& req) {
  if (auto c = req.cookie("fremdrift_session")) {
    expect(c->find(';') == std::string::npos, "a cookie value holds ';'");
  }
  (void)req.cookie("lang");
  (void)req.cookie("");
  expected_rejections_only([&] {
    auto page = http::Page::from(req);
    expect(page.limit >= 1 && page.limit <= http::kMaxLimit, "page limit out of range");
    expect(page.after.empty() || core::looks_like_id(page.after), "cursor is not an id");
  });
  expected_rejections_only([&] {
    auto v = http::optional_version(req);
    expect(!v || *v > 0, "optional_version not positive");
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t flags = data[0];
  const bool creating = (flags & 1) != 0;
  const std::string payload(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string line = payload.substr(0, payload.find('\n'));
  static const char* const kMethods[] = {"GET",   "HEAD",   "POST",    "PUT",
                                         "PATCH", "DELETE", "OPTIONS", ""};

  expect(core::is_valid_utf8(payload) == strict_utf8(payload),
         "is_valid_utf8 disagrees with the serialiser");

  http::Request req;
  req.method = kMethods[(flags >> 2) & 7];
  req.path = line;
  req.body = payload;
  req.query = http::parse_urlencoded(payload);
  expect(req.form() == req.query, "Request::form differs from parse_urlencoded");
  req.headers.emplace_back("cookie", line);
  if (flags & 2) req.headers.emplace_back("if-match", line);

  fuzz_json(req, creating);
  fuzz_form(req, creating);
  fuzz_request(req);
  fuzz_route(req.method, req.path);
  return 0;
}
