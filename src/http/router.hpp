#pragma once

#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "http/request.hpp"

namespace http {

enum class Access {
  kPublic,         // anyone, no login
  kAuthenticated,  // any member of a tenant
  kAdmin,          // tenant administrators only
};

using Handler = std::function<Response(Request&)>;

// What the OpenAPI document says about a route.
struct ApiDoc {
  std::string summary;
  std::string tag;
  std::string request_schema;   // component name of the JSON body, if any
  std::string response_schema;  // component name of the 2xx body, if any
  bool list = false;            // 2xx body is {"items":[…],"next_cursor":…}
  int success_status = 200;
  std::string content_type;  // of the 2xx body when it is not JSON ("text/calendar")
};

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/units/{id}"; a segment may be "{id}.ics"
  Access access = Access::kAuthenticated;
  Handler handler;
  ApiDoc doc;
  bool csrf_exempt = false;  // only for routes that create the session itself
  bool identify = true;      // false: skip the session lookup (health, metrics, assets)
};

struct Match {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool path_matched = false;  // a route has this path but another method → 405
};

class Router {
 public:
  void add(Route route);
  // When several patterns fit, the most specific wins whatever the order of
  // registration: a literal segment ("new") beats "{id}.ics", which beats "{id}".
  Match match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  // A pattern split once at registration, so matching a request splits only its path.
  struct Compiled {
    std::vector<std::string> segments;
    std::vector<int> rank;  // specificity per segment, compared from the left
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;  // parallel to routes_
  // The routes by their number of segments and their leading literal segments (up to
  // three): a request looks at the few routes that could fit, not at all five hundred.
  std::unordered_map<std::string, std::vector<std::size_t>> buckets_;
};

}  // namespace http
