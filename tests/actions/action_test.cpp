// The action plan's pure rules: overdue, filters and sorting, reading CSV back, the
// import's checks and the before-go-live notes of a redesign map.
#include "actions/action.hpp"

#include <gtest/gtest.h>

#include "actions/action_import.hpp"
#include "actions/suggestion.hpp"
#include "core/csv.hpp"
#include "core/errors.hpp"
#include "kit/expect_fields.hpp"

namespace actions {
namespace {

Action row(const std::string& id, const std::string& status, std::optional<std::string> deadline,
           std::optional<std::string> who = std::nullopt) {
  Action a;
  a.id = id;
  a.task = "Opgave " + id;
  a.status = status;
  a.deadline = std::move(deadline);
  a.responsible_name = who;
  a.responsible_id = who ? std::optional<std::string>("p-" + *who) : std::nullopt;
  return a;
}

TEST(ActionTest, OverdueIsAPassedDeadlineOnOpenWork) {
  EXPECT_TRUE(is_overdue(row("1", "not_started", "2026-03-30"), "2026-03-31"));
  EXPECT_TRUE(is_overdue(row("1", "in_progress", "2025-12-31"), "2026-03-31"));
  EXPECT_FALSE(is_overdue(row("1", "in_progress", "2026-03-31"), "2026-03-31"));  // due today
  EXPECT_FALSE(is_overdue(row("1", "in_progress", "2026-04-01"), "2026-03-31"));
  EXPECT_FALSE(is_overdue(row("1", "done", "2026-01-01"), "2026-03-31"));
  EXPECT_FALSE(is_overdue(row("1", "dropped", "2026-01-01"), "2026-03-31"));
  EXPECT_FALSE(is_overdue(row("1", "not_started", std::nullopt), "2026-03-31"));
}

TEST(ActionTest, LocalTodayIsADate) {
  auto today = local_today();
  ASSERT_EQ(today.size(), 10u);
  EXPECT_EQ(today[4], '-');
  EXPECT_EQ(today[7], '-');
}

TEST(ActionTest, ParsesFieldsAndRefusesBadOnes) {
  core::Input ok(nlohmann::json{
      {"task", " Ny skabelon "}, {"deadline", "2026-05-01"}, {"responsible_id", ""}});
  auto a = action_fields().parse_new(ok);
  EXPECT_EQ(a.task, "Ny skabelon");
  EXPECT_EQ(a.status, "not_started");
  EXPECT_FALSE(a.responsible_id.has_value());  // "" clears
  EXPECT_EQ(*a.deadline, "2026-05-01");
  core::Input bad(nlohmann::json{{"task", ""}, {"deadline", "2026-02-30"}, {"status", "later"}});
  auto fields = testing_kit::field_errors([&] { action_fields().parse_new(bad); });
  EXPECT_EQ(fields.size(), 3u);
  EXPECT_TRUE(fields.count("task"));
  EXPECT_TRUE(fields.count("deadline"));
  EXPECT_TRUE(fields.count("status"));
  core::Input patch(nlohmann::json{{"status", "done"}});
  auto applied = action_fields().apply(patch, row("1", "in_progress", "2026-01-01"));
  EXPECT_EQ(applied.status, "done");
  EXPECT_EQ(applied.task, "Opgave 1");  // absent: left alone
  EXPECT_EQ(*applied.deadline, "2026-01-01");
  core::Input cleared(nlohmann::json{{"deadline", nullptr}, {"effect", ""}});
  EXPECT_FALSE(action_fields().apply(cleared, row("1", "done", "2026-01-01")).deadline);
}

TEST(ActionTest, ANewRowStartsNotStartedAStoredOneKeepsAStatus) {
  core::Input blank(nlohmann::json{{"task", "Ny"}, {"status", ""}});
  EXPECT_EQ(action_fields().parse_new(blank).status, "not_started");
  core::Input cleared(nlohmann::json{{"status", ""}});
  auto fields = testing_kit::field_errors(
      [&] { action_fields().apply(cleared, row("1", "done", std::nullopt)); });
  EXPECT_EQ(fields["status"], "is required");
}

TEST(ActionTest, CodeSetsFieldsPartly) {
  ActionFields f;
  f.status = "done";
  f.deadline = std::optional<std::string>();  // clears
  auto a = apply_fields(row("1", "in_progress", "2026-01-01", std::string("Bo")), f);
  EXPECT_EQ(a.status, "done");
  EXPECT_FALSE(a.deadline.has_value());
  EXPECT_EQ(a.responsible_id, "p-Bo");  // not named: left alone
}

TEST(ActionTest, TheJsonNamesWhatIsJoinedAndWhetherItIsOverdue) {
  auto a = row("1", "in_progress", "2026-01-01", std::string("Bo"));
  a.today = "2026-03-31";
  a.project_title = "Handlingsplan";
  a.unit_name = "Jobcenter";
  auto j = to_json(a);
  EXPECT_TRUE(j["overdue"].get<bool>());
  EXPECT_EQ(j["responsible"]["name"], "Bo");
  EXPECT_EQ(j["responsible"]["unit_name"], "Jobcenter");
  EXPECT_TRUE(j["responsible"]["unit_id"].is_null());
  EXPECT_EQ(j["project_title"], "Handlingsplan");
  EXPECT_TRUE(j["kpi_name"].is_null());
  EXPECT_EQ(j["origin"], "manual");
  EXPECT_EQ(j["version"], 1);
  a.responsible_id.reset();
  a.today.clear();  // not read from the store: never overdue
  j = to_json(a);
  EXPECT_TRUE(j["responsible"].is_null());
  EXPECT_FALSE(j["overdue"].get<bool>());
  auto schema = action_fields().input_schema();
  EXPECT_EQ(schema["required"], nlohmann::json::array({"task"}));
  EXPECT_FALSE(schema["properties"].contains("overdue"));
  EXPECT_TRUE(action_fields().schema()["properties"].contains("overdue"));
}

TEST(ActionTest, FiltersAndSorts) {
  std::vector<Action> rows = {row("01", "done", "2026-01-10", std::string("Bo")),
                              row("02", "in_progress", "2026-02-01", std::string("Anne")),
                              row("03", "not_started", std::nullopt),
                              row("04", "not_started", "2026-01-05", std::string("Bo"))};
  std::string today = "2026-01-20";
  auto ids = [](const std::vector<Action>& v) {
    std::string out;
    for (const auto& a : v) out += a.id + " ";
    return out;
  };
  EXPECT_EQ(ids(select(rows, parse_query({}), today)), "04 01 02 03 ");  // deadline, blanks last
  EXPECT_EQ(ids(select(rows, parse_query({{"sort", "status"}}), today)), "03 04 02 01 ");
  EXPECT_EQ(ids(select(rows, parse_query({{"sort", "responsible"}}), today)), "02 01 04 03 ");
  EXPECT_EQ(ids(select(rows, parse_query({{"sort", "created"}}), today)), "01 02 03 04 ");
  EXPECT_EQ(ids(select(rows, parse_query({{"overdue", "true"}}), today)), "04 ");
  EXPECT_EQ(ids(select(rows, parse_query({{"status", "not_started"}}), today)), "04 03 ");
  EXPECT_EQ(ids(select(rows, parse_query({{"responsible_id", "p-Bo"}}), today)), "04 01 ");
  EXPECT_THROW(parse_query({{"sort", "colour"}}), core::ValidationError);
  EXPECT_THROW(parse_query({{"status", "soon"}}), core::ValidationError);
  EXPECT_THROW(parse_query({{"overdue", "maybe"}}), core::ValidationError);
}

TEST(CsvReadTest, ReadsQuotesBomSemicolonsAndCommas) {
  auto t = core::read_csv(
      "\xEF\xBB\xBFtask;effect\r\n\"Skabelon; ny\";\"Siger \"\"ja\"\"\"\r\n\"to\nlinjer\";\r\n");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0], (std::vector<std::string>{"task", "effect"}));
  EXPECT_EQ(t[1], (std::vector<std::string>{"Skabelon; ny", "Siger \"ja\""}));
  EXPECT_EQ(t[2], (std::vector<std::string>{"to\nlinjer", ""}));
  auto c = core::read_csv("task,effect\nA,\"b, c\"\n\n");
  ASSERT_EQ(c.size(), 2u);  // the blank line is skipped
  EXPECT_EQ(c[1], (std::vector<std::string>{"A", "b, c"}));
  EXPECT_THROW(core::read_csv("task\n\"never closed"), core::BadRequest);
}

TEST(CsvReadTest, RoundTripsTheExport) {
  core::Table table = {{"task", "how"}, {"=SUM(A1)", "Æble; \"pære\"\nbanan"}, {"-2", "+45 1234"}};
  EXPECT_EQ(core::read_csv(core::to_csv(table)), table);
}

ImportVocabulary vocab() {
  ImportVocabulary v;
  for (const auto& c : kColumns) v.columns[c] = c;
  v.columns["ansvarlig"] = "responsible";
  for (const auto& s : kStatuses) v.statuses[s] = s;
  v.statuses["i gang"] = "in_progress";
  return v;
}

PeopleIndex people() {
  PeopleIndex p;
  p.ids = {"P1", "P2", "P3"};
  p.by_name = {{"anne", {"P1"}}, {"bo", {"P2", "P3"}}};
  return p;
}

TEST(ImportTest, PlansCreatesUpdatesAndRowErrors) {
  core::Table t = {{"id", "task", "Ansvarlig", "effect", "how", "deadline", "status"},
                   {"", "Ny skabelon", "Anne", "Hurtigere", "Workshop", "31-03-2026", "i gang"},
                   {"A1", "Ret folder", "P2", "", "", "2026-04-01", ""},
                   {"", "", "Bo", "", "", "2026-13-01", "soon"},
                   {"ZZ", "Ukendt", "Carl", "", "", "", "done"}};
  auto rows = plan_import(t, vocab(), people(), {"A1"});
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].action, "create");
  EXPECT_EQ(rows[0].row, 2);
  EXPECT_EQ(**rows[0].fields.responsible_id, "P1");
  EXPECT_EQ(**rows[0].fields.deadline, "2026-03-31");
  EXPECT_EQ(*rows[0].fields.status, "in_progress");
  EXPECT_EQ(rows[1].action, "update");
  EXPECT_EQ(*rows[1].id, "A1");
  EXPECT_EQ(*rows[1].fields.status, "not_started");
  EXPECT_EQ(rows[2].action, "error");
  EXPECT_EQ(rows[2].errors.at("task"), "is required");
  EXPECT_EQ(rows[2].errors.at("responsible"), "several people have this name; use the id");
  EXPECT_TRUE(rows[2].errors.count("deadline"));
  EXPECT_TRUE(rows[2].errors.count("status"));
  EXPECT_EQ(rows[3].errors.at("id"), "no action with this id in the project");
  EXPECT_EQ(rows[3].errors.at("responsible"), "no person with this name or id");
}

TEST(ImportTest, AWrongOrMissingColumnNamesTheColumn) {
  core::Table unknown = {{"task", "responsible", "effect", "how", "deadline", "status", "frist"}};
  try {
    plan_import(unknown, vocab(), people(), {});
    FAIL();
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().at("frist"), "is not a column of the action plan");
  }
  core::Table missing = {{"task", "responsible", "effect", "how", "status"}};
  try {
    plan_import(missing, vocab(), people(), {});
    FAIL();
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().at("deadline"), "column is missing");
  }
  EXPECT_THROW(plan_import({}, vocab(), people(), {}), core::ValidationError);
}

TEST(ImportTest, ReadsSpreadsheetDates) {
  EXPECT_EQ(*import_date("2026-03-31"), "2026-03-31");
  EXPECT_EQ(*import_date("31.03.2026"), "2026-03-31");
  EXPECT_EQ(*import_date("31/03/2026"), "2026-03-31");
  EXPECT_EQ(*import_date("2026-03-31 00:00:00"), "2026-03-31");
  EXPECT_FALSE(import_date("31-02-2026"));
  EXPECT_FALSE(import_date("next week"));
}

TEST(SuggestionTest, FindsNotesInTheFremdriftNamespaceWhateverThePrefix) {
  std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:fd="http://fremdrift.dk/schema/bpmn/1.0" xmlns:other="urn:other">
  <process id="P">
    <task id="T1" name="Opretter sag" fd:beforeGoLive=" Skabelon i SBSYS " />
    <task id="T2" name="Plan" other:beforeGoLive="not ours" />
    <task id="T3" name="Tom" fd:beforeGoLive="  " />
    <subProcess id="S"><task id="T4" name="Inde i" fd:beforeGoLive="Samtykke" /></subProcess>
  </process>
</definitions>)";
  auto notes = before_go_live_notes(xml);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0].element_id, "T1");
  EXPECT_EQ(notes[0].step_name, "Opretter sag");
  EXPECT_EQ(notes[0].note, "Skabelon i SBSYS");
  EXPECT_EQ(notes[1].element_id, "T4");
  EXPECT_TRUE(before_go_live_notes("<not xml").empty());
}

}  // namespace
}  // namespace actions
