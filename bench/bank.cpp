// bench_bank (issue 18, docs/performance.md "Workflow bank"): publishes N entries through the
// real store (decision, version, snapshot, stems, index) from 100 municipalities' projects,
// with Danish texts drawn from a fixed vocabulary in several inflections, then times
// BankStore::search and the list body — what GET /api/v1/bank does after parsing — for a
// common word, a rarer word in another inflection, two words, a word with filters, a miss,
// and no text.
//
//   bench_bank --db sqlite:PATH|postgresql://… [--entries 10000] [--runs 50]
#include <algorithm>
#include <cctype>
#include <chrono>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "bank/bank_input.hpp"
#include "bank/bank_store.hpp"
#include "cli.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/database.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "tenants/tenant_store.hpp"
#include "timing.hpp"

namespace {

using bench::Stats;
using bench::wall_ms;

constexpr int kTenants = 100;
constexpr int kPerTransaction = 250;

// Words as a municipality writes them, each in a few inflections.
const std::vector<std::vector<std::string>> kWords = {
    {"borger", "borgeren", "borgere", "borgerne"},
    {"visitation", "visitationen", "visitationer"},
    {"hjemmepleje", "hjemmeplejen"},
    {"sagsbehandler", "sagsbehandleren", "sagsbehandlere"},
    {"ansøgning", "ansøgningen", "ansøgninger"},
    {"afgørelse", "afgørelsen", "afgørelser"},
    {"genoptræning", "genoptræningen"},
    {"hjælpemiddel", "hjælpemidlet", "hjælpemidler"},
    {"jobcenter", "jobcentret", "jobcentre"},
    {"ventetid", "ventetiden", "ventetider"},
    {"overdragelse", "overdragelsen", "overdragelser"},
    {"møde", "mødet", "møder", "møderne"},
    {"plan", "planen", "planer"},
    {"skole", "skolen", "skoler"},
    {"dagtilbud", "dagtilbuddet"},
    {"byggesag", "byggesagen", "byggesager"},
    {"faktura", "fakturaen", "fakturaer"},
    {"ydelse", "ydelsen", "ydelser"},
    {"tilsyn", "tilsynet"},
    {"rehabilitering", "rehabiliteringen"},
    {"samtale", "samtalen", "samtaler"},
    {"indsats", "indsatsen", "indsatser"},
    {"team", "teamet", "teams"},
    {"leder", "lederen", "ledere"},
};
const std::vector<std::string> kFill = {"og",    "med",    "til",    "fra", "hurtigere",
                                        "færre", "én",     "fælles", "ny",  "kortere",
                                        "uden",  "første", "bedre"};

std::string sentence(std::mt19937& rng, int words) {
  std::string out;
  for (int i = 0; i < words; ++i) {
    if (!out.empty()) out.push_back(' ');
    if (rng() % 3 == 0) {
      out += kFill[rng() % kFill.size()];
    } else {
      // Skewed: the first words are common, the last rare.
      auto w = static_cast<std::size_t>(std::min<double>(
          kWords.size() - 1, std::abs(std::normal_distribution<double>(0, 7)(rng))));
      const auto& forms = kWords[w];
      out += forms[rng() % forms.size()];
    }
  }
  return out;
}

bank::Entry entry(std::mt19937& rng, int n) {
  bank::Entry e;
  e.title = sentence(rng, 5);
  e.summary = sentence(rng, 30);
  e.method = "kl-workflow";
  e.service_area = bank::kServiceAreas[n % bank::kServiceAreas.size()];
  e.kle = fmt::format("{:02}.{:02}.00", 13 + n % 20, n % 50);
  e.tags = {sentence(rng, 1), sentence(rng, 1)};
  e.licence = "cc_by_4_0";
  e.contact_role = "project_leader";
  e.language = "da";
  auto before = static_cast<std::int64_t>(3 + rng() % 10);
  e.figures = {{"handovers", before, before - static_cast<std::int64_t>(rng() % 4)},
               {"lead_time_minutes", 6000, static_cast<std::int64_t>(2000 + rng() % 6000)}};
  for (int k = 0; k < 3; ++k)
    e.kpis.push_back({sentence(rng, 3), sentence(rng, 10), "dage", "lower", "weekly",
                      "citizen_quality", 20.0, 10.0, 18.0, 12.0});
  for (int t = 0; t < 8; ++t) e.tasks.push_back({sentence(rng, 8), sentence(rng, 5), ""});
  e.lessons = {sentence(rng, 20), sentence(rng, 20)};
  e.lanes = {{"Lane_1", "Borger", true}, {"Lane_2", sentence(rng, 1), false}};
  return e;
}

void seed(soci::session& sql, int entries) {
  std::string run = core::new_id().substr(16);
  for (auto& c : run) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::vector<std::string> tenants;
  {
    db::WriteTx tx(sql);
    tenants::TenantStore store(sql);
    for (int t = 0; t < kTenants; ++t)
      tenants.push_back(store
                            .create(fmt::format("bank-{}-{}", run, t), fmt::format("Kommune {}", t),
                                    t % 10 == 0 ? "umbrella" : "municipality", "da")
                            .id);
    tx.commit();
  }
  std::mt19937 rng(18);
  std::string now = core::now_iso();
  for (int done = 0; done < entries;) {
    db::WriteTx tx(sql);
    for (int i = 0; i < kPerTransaction && done < entries; ++i, ++done) {
      const auto& tenant = tenants[static_cast<std::size_t>(done % kTenants)];
      std::string project = core::new_id();
      db::execute(
          sql,
          "INSERT INTO projects (tenant_id, id, title, template_key, phase_key, status, "
          "success_criteria, result_goals, created_at, updated_at) VALUES (:t, :id, :title, "
          "'kl-workflow', 'redesign', 'green', '', '', :now, :now)",
          {{"t", tenant}, {"id", project}, {"title", "Projekt"}, {"now", now}});
      bank::BankStore(sql, tenant).publish(nullptr, project, entry(rng, done));
    }
    tx.commit();
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Workflow bank: search over N published entries"};
  std::string db_url;
  int entries = 10000, runs = 50;
  bench::add_db_option(app, db_url);
  app.add_option("--entries", entries, "entries to publish first (0: use what is there)");
  app.add_option("--runs", runs, "timed runs of each search");
  CLI11_PARSE(app, argc, argv);

  db::Database db(db_url, 1);
  db.migrate();
  auto sql = db.lease();
  double t0 = wall_ms();
  if (entries > 0) seed(*sql, entries);
  auto total = db::scalar(*sql, "SELECT COUNT(*) FROM bank_entries WHERE status = 'published'");
  std::cout << fmt::format("{} entries published ({} new in {:.0f} ms)\n", total, entries,
                           wall_ms() - t0);
  if (db.engine() == db::Engine::kPostgres) *sql << "ANALYZE bank_entries";

  struct Case {
    const char* name;
    bank::SearchFilters f;
  };
  std::vector<Case> cases = {
      {"common word (borger)", {.text = "borger"}},
      {"other inflection (visitationerne)", {.text = "visitationerne"}},
      {"two words", {.text = "borgerne ventetid"}},
      {"rare word", {.text = "lederne"}},
      {"word + area + effect",
       {.text = "hjemmeplejen", .area = "elderly_care", .effects = {"fewer_handovers"}}},
      {"word + KLE prefix", {.text = "ansøgning", .kle = "14"}},
      {"typed operators", {.text = "\"foo AND ( NEAR*"}},
      {"no match", {.text = "xylofon"}},
      {"no text, newest", {}},
  };
  std::string viewer =
      db::text(db::query(*sql, "SELECT id FROM tenants ORDER BY id LIMIT 1")[0], "id");
  bank::BankStore store(*sql, viewer);
  for (auto& c : cases) {
    c.f.limit = 20;
    Stats s;
    std::size_t found = 0;
    for (int i = 0; i < runs; ++i) {
      double t = wall_ms();
      auto rows = store.search(c.f);
      auto body = bank::search_body(rows, c.f).dump();
      s.v.push_back(wall_ms() - t);
      found = rows.size();
    }
    std::cout << fmt::format("{:<36} {:>3} rows  median {:6.2f} ms  p95 {:6.2f} ms\n", c.name,
                             found, s.at(0.5), s.at(0.95));
  }
  return 0;
}
