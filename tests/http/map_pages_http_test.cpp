// The map pages of issue 13 on both engines: the comparison warns while steps have no
// times (instead of "lead time -100 %"), the side-by-side page, and the editor getting
// the duration units and labels it reads and shows times with.
#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

// S → T1 → T2 → E; `t2_time` gives the second step a wait.
std::string timed_map(bool t2_time) {
  return std::string(
             R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:fremdrift="http://fremdrift.dk/schema/bpmn/1.0" id="D1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="Pr1" isExecutable="false">
    <bpmn:startEvent id="S" />
    <bpmn:task id="T1" name="Modtager" fremdrift:durationMinutes="30" />
    <bpmn:task id="T2" name="Behandler")") +
         (t2_time ? R"( fremdrift:waitingMinutes="2880")" : "") + " />\n" +
         bpmn_ending({"T1", "T2"});
}

class MapPagesTest : public HttpTest {
 protected:
  // A project with an as-is map whose steps all have times and a redesign; returns the
  // project id and the redesign's id.
  std::pair<std::string, std::string> project_with_maps(Client& admin) {
    std::string project = new_project(admin, "Kort", "kl-workflow");
    std::string path = "/api/v1/projects/" + project + "/maps";
    auto as_is = admin.send_json(
        "POST", path, {{"kind", "as_is"}, {"title", "Som i dag"}, {"bpmn", timed_map(true)}});
    EXPECT_EQ(as_is.status, 201) << as_is.body;
    auto redesign = admin.send_json("POST", path, {{"kind", "redesign"}, {"title", "Ny gang"}});
    EXPECT_EQ(redesign.status, 201) << redesign.body;
    return {project, redesign.json()["id"]};
  }
};

TEST_F(MapPagesTest, TheComparisonWarnsWhileStepsHaveNoTimes) {
  auto t = server().create_tenant("maptimes");
  Client admin = admin_of(t);
  auto [project, redesign] = project_with_maps(admin);
  Client c = client();
  ASSERT_EQ(form_login(c, t.admin_email), 303);
  std::string fragment = "/projects/" + project + "/map-comparison";
  auto complete = c.get(fragment);
  ASSERT_EQ(complete.status, 200);
  EXPECT_EQ(complete.body.find("data-role=\"missing-times\""), std::string::npos);
  EXPECT_NE(complete.body.find("side-by-side"), std::string::npos);

  // The redesign's second step loses its wait: lead time would drop by 2 days.
  auto saved = admin.request(
      "PUT", "/api/v1/maps/" + redesign + "/bpmn", timed_map(false),
      {{"Content-Type", "application/xml"}, {"X-CSRF-Token", admin.csrf()}, {"If-Match", "\"1\""}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto warned = c.get(fragment).body;
  EXPECT_NE(warned.find("data-role=\"missing-times\""), std::string::npos);
  EXPECT_NE(warned.find("Ny gang: 1 af 2 trin uden tid"), std::string::npos) << warned;
  auto lead = warned.substr(warned.find("data-metric=\"lead_time_minutes\""));
  lead = lead.substr(0, lead.find("</tr>"));
  EXPECT_EQ(lead.find('%'), std::string::npos) << lead;  // no "-98 %"
  EXPECT_NE(lead.find("2 d 30 min"), std::string::npos) << lead;
}

TEST_F(MapPagesTest, TheMapsSideBySideAndTheEditorsUnits) {
  auto t = server().create_tenant("mapsides");
  Client admin = admin_of(t);
  Client c = client();
  ASSERT_EQ(form_login(c, t.admin_email), 303);
  std::string empty_project = new_project(admin, "Tom", "kl-workflow");
  auto none = c.get("/projects/" + empty_project + "/maps/side-by-side");
  EXPECT_EQ(none.status, 200);
  EXPECT_EQ(none.body.find("data-map-viewer"), std::string::npos);

  auto [project, redesign] = project_with_maps(admin);
  auto page = c.get("/projects/" + project + "/maps/side-by-side");
  ASSERT_EQ(page.status, 200);
  expect_body_has(
      page, {"data-side=\"as_is\"", "data-side=\"redesign\"", "/api/v1/maps/" + redesign + "/bpmn",
             "data-metric=\"lead_time_minutes\""});
  EXPECT_NE(c.get("/projects/" + project + "/maps").body.find("/maps/side-by-side"),
            std::string::npos);

  auto editor = c.get("/projects/" + project + "/maps/" + redesign).body;
  EXPECT_NE(editor.find("data-duration-units=\"{&quot;d&quot;:1440"), std::string::npos);
  EXPECT_NE(editor.find("&quot;hour&quot;:&quot;t&quot;"), std::string::npos);

  Client other = client();
  ASSERT_EQ(form_login(other, server().create_tenant("mapsides2").admin_email), 303);
  EXPECT_EQ(other.get("/projects/" + project + "/maps/side-by-side").status, 404);
}

}  // namespace
}  // namespace testing_http
