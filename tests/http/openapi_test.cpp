#include "http/openapi.hpp"

#include <gtest/gtest.h>

#include "app/app.hpp"
#include "db/database.hpp"

namespace http {
namespace {

// Every route the application registers is described, with a summary; this is the
// in-process twin of the HTTP-level check.
TEST(OpenApiTest, EveryRegisteredApiRouteIsDocumented) {
  db::Database db("sqlite::memory:", 1);
  Router router;
  Metrics metrics;
  app::register_routes(router, db, metrics);
  auto doc = openapi_document(router);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  int api_routes = 0;
  for (const auto& r : router.routes()) {
    EXPECT_FALSE(r.doc.summary.empty()) << r.method << " " << r.pattern;
    if (r.pattern.rfind("/api/v1", 0) != 0) continue;
    ++api_routes;
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(doc["paths"].contains(r.pattern)) << r.pattern;
    ASSERT_TRUE(doc["paths"][r.pattern].contains(method)) << r.method << " " << r.pattern;
    const auto& op = doc["paths"][r.pattern][method];
    EXPECT_TRUE(op["responses"].contains(std::to_string(r.doc.success_status)));
    if (r.pattern.find('{') != std::string::npos) EXPECT_TRUE(op["responses"].contains("404"));
    if (!r.doc.response_schema.empty()) {
      EXPECT_TRUE(doc["components"]["schemas"].contains(r.doc.response_schema))
          << r.doc.response_schema;
    }
    if (!r.doc.request_schema.empty()) {
      EXPECT_TRUE(doc["components"]["schemas"].contains(r.doc.request_schema))
          << r.doc.request_schema;
    }
  }
  EXPECT_GT(api_routes, 15);
}

}  // namespace
}  // namespace http
