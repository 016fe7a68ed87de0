// The tenant's settings and the one time model (issue 11): a time zone per tenant, times
// sent with an offset stored as the tenant's local time, calendars in the tenant's zone.
#include <gtest/gtest.h>

#include "http/fixture.hpp"

namespace testing_http {
namespace {

class TenantTest : public HttpTest {};

TEST_F(TenantTest, AdministratorsSetTheTimeZoneWithVersions) {
  auto [t, admin] = new_tenant_admin("tz-settings");
  auto tenant = admin.get("/api/v1/tenant");
  ASSERT_EQ(tenant.status, 200);
  EXPECT_EQ(tenant.json()["time_zone"], "Europe/Copenhagen");
  EXPECT_EQ(admin.get("/api/v1/me").json()["tenant"]["time_zone"], "Europe/Copenhagen");
  long long version = tenant.json()["version"];
  auto bad = admin.send_json("PATCH", "/api/v1/tenant",
                             {{"time_zone", "Mars/Olympus"}, {"version", version}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.json()["error"]["fields"].contains("time_zone"));
  auto member = member_of(t);
  EXPECT_EQ(member.get("/api/v1/tenant").status, 200);
  EXPECT_EQ(member
                .send_json("PATCH", "/api/v1/tenant",
                           {{"time_zone", "Europe/Helsinki"}, {"version", version}})
                .status,
            403);
  auto changed = admin.send_json("PATCH", "/api/v1/tenant",
                                 {{"time_zone", "Europe/Helsinki"}, {"version", version}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["time_zone"], "Europe/Helsinki");
  EXPECT_EQ(changed.json()["name"], tenant.json()["name"]);  // not named: unchanged
  auto stale = admin.send_json("PATCH", "/api/v1/tenant",
                               {{"time_zone", "Europe/Oslo"}, {"version", version}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["error"]["current"]["time_zone"], "Europe/Helsinki");
}

TEST_F(TenantTest, TimesWithAnOffsetAreStoredAsTheTenantsLocalTime) {
  auto [t, c] = new_tenant_admin("tz-meetings");
  auto p = c.send_json("POST", "/api/v1/projects", {{"title", "Tid"}, {"template", "kl-workflow"}});
  ASSERT_EQ(p.status, 201);
  std::string meetings = "/api/v1/projects/" + p.json()["id"].get<std::string>() + "/meetings";
  auto start = [&](const std::string& at) {
    auto r = c.send_json("POST", meetings,
                         {{"kind", "steering_group"}, {"title", "Møde"}, {"starts_at", at}});
    EXPECT_EQ(r.status, 201) << at << ": " << r.body;
    return r.status == 201 ? r.json()["starts_at"].get<std::string>() : std::string();
  };
  // The audit's example was refused with "must be at most 19 characters".
  EXPECT_EQ(start("2026-12-01T09:00:00+01:00"), "2026-12-01T09:00");
  EXPECT_EQ(start("2026-12-01T08:00:00Z"), "2026-12-01T09:00");
  EXPECT_EQ(start("2026-07-01T07:00:00.000Z"), "2026-07-01T09:00");  // summer time
  EXPECT_EQ(start("2026-12-01T09:00"), "2026-12-01T09:00");          // local, as before
  auto bad = c.send_json("POST", meetings,
                         {{"kind", "steering_group"}, {"title", "X"}, {"starts_at", "i morgen"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.json()["error"]["fields"].contains("starts_at"));
  // In Helsinki the same instant is 10:00, and the calendar carries Helsinki's rules.
  long long version = c.get("/api/v1/tenant").json()["version"];
  ASSERT_EQ(c.send_json("PATCH", "/api/v1/tenant",
                        {{"time_zone", "Europe/Helsinki"}, {"version", version}})
                .status,
            200);
  EXPECT_EQ(start("2026-12-01T08:00:00Z"), "2026-12-01T10:00");
  auto ics = c.get(meetings + ".ics");
  expect_body_has(ics, {"TZID:Europe/Helsinki", "TZOFFSETTO:+0300"});
}

}  // namespace
}  // namespace testing_http
