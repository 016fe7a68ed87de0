// Messages by key (issue 11): errors and texts the server writes are kept as catalogue
// keys with parameters and shown in the reader's language, numbers with the reader's
// decimal mark; the JSON API keeps its English texts.
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class MessagesTest : public HttpTest {};

TEST_F(MessagesTest, ASwedishReaderSeesFormErrorsInSwedishWithTheirNumbers) {
  auto [t, c] = new_tenant_admin("msg-sv-form");  // a Danish tenant
  std::string id = new_project(c, "Meddelanden");
  c.cookies()["fremdrift_lang"] = "sv";
  auto r = c.post_form("/projects/" + id + "/meetings", {{"_csrf", c.csrf()},
                                                         {"kind", "kaizen"},
                                                         {"title", std::string(201, 'x')},
                                                         {"date", "2026-02-30"},
                                                         {"time", "14:00"},
                                                         {"duration_minutes", "60"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("får vara högst 200 tecken"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("välj ett datum och ett klockslag"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("local date and time"), std::string::npos);
  // The API answers the same mistakes in English, as before, naming the message's key.
  auto api = c.send_json(
      "POST", "/api/v1/projects/" + id + "/meetings",
      {{"kind", "kaizen"}, {"title", std::string(201, 'x')}, {"starts_at", "2026-02-30T14:00"}});
  ASSERT_EQ(api.status, 422);
  auto error = api.json()["error"];
  EXPECT_EQ(error["fields"]["title"], "must be at most 200 characters");
  EXPECT_EQ(error["fields"]["starts_at"].get<std::string>().rfind("must be a local date", 0), 0u);
  EXPECT_EQ(error["field_keys"]["title"], "err.too_long");
}

TEST_F(MessagesTest, ADanishReaderSeesAGeneratedDecisionInDanish) {
  auto [t, c] = new_tenant_admin("msg-decision");
  std::string id = new_project(c, "Kaizen");
  auto card = c.send_json("POST", "/api/v1/projects/" + id + "/kaizen-cards",
                          {{"text", "Fælles kalender"}});
  ASSERT_EQ(card.status, 201) << card.body;
  // An English reader decides the card: the decision log's text is generated.
  c.cookies()["fremdrift_lang"] = "en";
  auto r = c.send_json("POST",
                       "/api/v1/kaizen-cards/" + card.json()["id"].get<std::string>() + "/decision",
                       {{"column", "done"}, {"decision", "Indføres overalt"}, {"version", 1}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::map<std::string, std::string> expected = {
      {"da", "Kaizenkort «Fælles kalender» → Gennemført: Indføres overalt"},
      {"sv", "Kaizenkort «Fælles kalender» → Genomförda: Indføres overalt"},
      {"en", "Kaizen card «Fælles kalender» → Done: Indføres overalt"}};
  for (const auto& [lang, text] : expected) {
    c.cookies()["fremdrift_lang"] = lang;
    auto log = c.get("/api/v1/projects/" + id + "/decisions").json()["items"];
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0]["text"], text) << lang;
  }
  c.cookies()["fremdrift_lang"] = "da";
  auto page = c.get("/projects/" + id + "/decisions");  // the decision log
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Kaizenkort «Fælles kalender» → Gennemført: Indføres overalt"),
            std::string::npos);
  // The audit log, too, shows it as the reader reads it.
  auto audit = c.get("/audit?entity=decision");
  ASSERT_EQ(audit.status, 200);
  EXPECT_NE(audit.body.find("Kaizenkort «Fælles kalender» → Gennemført"), std::string::npos);
}

TEST_F(MessagesTest, AStaleSaveIsRefusedInTheReadersLanguage) {
  auto [t, c] = new_tenant_admin("msg-stale");
  auto r = c.post_form("/settings", {{"_csrf", c.csrf()},
                                     {"name", "Kommunen"},
                                     {"default_locale", "da"},
                                     {"time_zone", "Europe/Copenhagen"},
                                     {"version", "99"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("Indstillingerne er blevet ændret af en anden"), std::string::npos)
      << r.body;
}

TEST_F(MessagesTest, ADanishPageWritesDecimalsWithAComma) {
  auto [t, c] = new_tenant_admin("msg-comma");
  std::string id = new_project(c, "Tal");
  json fields = {{"name", "Sagsbehandlingstid"}, {"baseline", 12.5}, {"target", 7.25}};
  auto kpi = c.send_json("POST", "/api/v1/projects/" + id + "/kpis", fields);
  ASSERT_EQ(kpi.status, 201) << kpi.body;
  std::string page = "/projects/" + id + "/kpis/" + kpi.json()["id"].get<std::string>();
  auto da = c.get(page);
  ASSERT_EQ(da.status, 200);
  EXPECT_NE(da.body.find("<dd>12,5</dd>"), std::string::npos) << da.body;
  EXPECT_NE(da.body.find("<dd>7,25</dd>"), std::string::npos);
  // The edit form offers the stored value to type over in the same way.
  auto form = c.get(page + "/edit");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("value=\"12,5\""), std::string::npos);
  c.cookies()["fremdrift_lang"] = "en";
  EXPECT_NE(c.get(page).body.find("<dd>12.5</dd>"), std::string::npos);
}

}  // namespace
}  // namespace testing_http
