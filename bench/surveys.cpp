// bench_surveys (issue 17, docs/performance.md "Surveys: 1,000,000 answers"): fills a
// database through the real stores — one tenant, a tree of 200 units, a survey from the
// built-in "cross-unit-collaboration" questionnaire (10 Likert items in 3 scales), a closed
// round grouped by the 200 units holding at least 1,000,000 answer rows, submitted one
// response at a time through surveys::submit_answer (the function behind POST /s/{link}),
// a few thousand at a time in one transaction — and times the round's results in process:
// the reads of GET /api/v1/rounds/{id}/results (round, survey, participation, scale sums)
// and round_results over the 200 units. It then opens a second round with personal links
// for bench/surveys to answer over HTTP, and times submit_answer in its own transaction
// per answer, as the server runs it.
//
//   bench_surveys --db sqlite:PATH [--units 200] [--answers 1000000] [--runs 30]
//                 [--direct 2000] [--links 40000] [--links-file FILE] [--env FILE]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "accounts/account_store.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "org/unit_store.hpp"
#include "surveys/results.hpp"
#if __has_include("surveys/round_report.hpp")
#include "surveys/round_report.hpp"
#endif
#include "cli.hpp"
#include "surveys/survey_store.hpp"
#include "tenants/tenant_store.hpp"
#include "timing.hpp"

namespace {

using bench::Stats;
using bench::wall_ms;

constexpr const char* kTemplate = "cross-unit-collaboration";
constexpr const char* kOpens = "2026-01-01";
constexpr const char* kCloses = "2099-12-31";
constexpr const char* kToday = "2026-06-01";
constexpr std::size_t kPerTransaction = 5000;

struct Options {
  std::string db_url;
  int units = 200;
  long long answers = 1000000;
  int runs = 30;
  int direct = 2000;
  int links = 40000;
  std::string links_file;
  std::string env_file;
  std::string password = "bench-survey-kettle-7";
};

double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

std::uint64_t mix(std::uint64_t x) {  // splitmix64: deterministic answers
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// A tree of `n` units: one administration, a tenth of them departments under it, the rest
// teams under the departments.
std::vector<std::string> make_units(soci::session& sql, const std::string& tenant_id, int n) {
  org::UnitStore store(sql, tenant_id);
  db::WriteTx tx(sql);
  std::vector<std::string> ids;
  org::Unit root;
  root.name = "Forvaltningen";
  root.kind = "administration";
  ids.push_back(store.create(nullptr, root).id);
  const int departments = std::max(1, n / 10);
  for (int i = 1; i < n; ++i) {
    org::Unit u;
    const bool department = i <= departments;
    u.kind = department ? "unit" : "team";
    u.name = department ? fmt::format("Afdeling {}", i) : fmt::format("Team {}", i);
    u.parent_id = department ? ids[0] : ids[1 + (i % departments)];
    ids.push_back(store.create(nullptr, u).id);
  }
  tx.commit();
  return ids;
}

// Which unit each response counts in: every 25th unit gets 3 answers (under the default
// minimum of 5, so suppression has work), the others an even share of the rest.
std::vector<std::size_t> unit_of_response(std::size_t responses, std::size_t units) {
  std::vector<std::size_t> out;
  std::vector<std::size_t> big;
  for (std::size_t u = 0; u < units; ++u) {
    if (u % 25 == 24)
      out.insert(out.end(), 3, u);
    else
      big.push_back(u);
  }
  for (std::size_t i = 0; out.size() < responses; ++i) out.push_back(big[i % big.size()]);
  out.resize(responses);
  return out;
}

// A response: every item on a point 0–4 leaning by unit, one in 20 skips an item.
surveys::Answers answers_for(std::uint64_t n, std::size_t unit,
                             const std::vector<std::string>& items) {
  surveys::Answers a;
  const std::uint64_t r = mix(n);
  const std::size_t skip = r % 20 == 0 ? (r >> 8) % items.size() : items.size();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i == skip) continue;
    const auto h = mix(r + i);
    const bool lean = unit % 3 == 0 && (h >> 40) % 3 == 0;  // some units answer higher
    a[items[i]].number = static_cast<double>(h % 4 + (lean ? 1 : 0));
  }
  return a;
}

std::vector<surveys::Invitee> invitees(const std::vector<std::string>& units,
                                       const std::vector<std::size_t>& unit_of) {
  std::vector<surveys::Invitee> out;
  out.reserve(unit_of.size());
  for (auto u : unit_of) out.push_back({core::new_id(), units[u]});
  return out;
}

long long count(soci::session& sql, const std::string& table, const std::string& round) {
  return db::scalar(sql, "SELECT COUNT(*) FROM " + table + " WHERE round_id = :r", {{"r", round}});
}

int run(const Options& o) {
  db::Database db(o.db_url, 1);
  db.migrate();
  auto sql = db.lease();
  const double start = wall_ms();
  auto tenant =
      tenants::TenantStore(*sql).create("survey-bench", "Survey Bench", "municipality", "da");
  const std::string email = "bench@survey-bench.fremdrift.test";
  accounts::AccountStore(*sql).create_user(
      tenant.id, nullptr, {email, "Bench Administrator", o.password, "admin", std::nullopt});
  const auto units = make_units(*sql, tenant.id, o.units);

  surveys::SurveyStore store(*sql, tenant.id);
  surveys::Survey s;
  s.title = "Samarbejde på tværs, benchmark";
  s.template_key = kTemplate;
  s = store.create(nullptr, s);
  std::vector<std::string> items;
  for (const auto& item : s.questionnaire.at("items")) items.push_back(item.at("key"));
  surveys::Round r;
  r.label = "Baseline";
  r.opens_on = kOpens;
  r.closes_on = kCloses;
  auto round = store.add_round(nullptr, s.id, r);
  round = store.set_status(nullptr, round.id, "open", round.version);

  // Enough responses for the answer rows: a response holds items.size() answers, or one
  // fewer in one of 20.
  const double per_response = static_cast<double>(items.size()) - 1.0 / 20;
  auto responses =
      static_cast<std::size_t>(std::ceil(static_cast<double>(o.answers) / per_response)) + 10;
  const auto unit_of = unit_of_response(responses, units.size());
  double t0 = wall_ms();
  const auto links = store.invite(round.id, invitees(units, unit_of));
  const double invite_s = (wall_ms() - t0) / 1000;

  t0 = wall_ms();
  long long stored = 0;
  std::size_t i = 0;
  while (i < links.size() && stored < o.answers) {
    db::WriteTx tx(*sql);
    for (std::size_t end = std::min(links.size(), i + kPerTransaction);
         i < end && stored < o.answers; ++i) {
      auto a = answers_for(i, unit_of[i], items);
      stored += static_cast<long long>(a.size());
      surveys::submit_answer(*sql, links[i].secret, a, kToday);
    }
    tx.commit();
  }
  const double submit_s = (wall_ms() - t0) / 1000;
  round = store.set_status(nullptr, round.id, "closed", round.version);
  const long long answer_rows = count(*sql, "survey_answers", round.id);
  const long long score_rows = count(*sql, "survey_scale_scores", round.id);
  std::cout << fmt::format(
      "seeded in {:.1f} s: {} units, {} invitations ({:.1f} s), {} responses with {} answers "
      "and {} scale scores through submit_answer in transactions of {} ({:.1f} s, {:.0f} "
      "responses/s)\n",
      (wall_ms() - start) / 1000, units.size(), links.size(), invite_s, i, answer_rows, score_rows,
      kPerTransaction, submit_s, static_cast<double>(i) / submit_s);

  // The results as GET /api/v1/rounds/{id}/results computes them.
  Stats reads, sums_only, compute, total, cpu;
  std::size_t cells = 0, hidden = 0;
  for (int n = 0; n < o.runs; ++n) {
    const double w0 = wall_ms(), c0 = cpu_ms();
    auto got = store.get_round(round.id);
    auto survey = store.get(got.survey_id);
    auto part = store.participation(got.id);
    const double w1 = wall_ms();
    auto sums = store.scale_sums(got.id);
    const double w2 = wall_ms();
    auto results = surveys::round_results(got.grouping, sums, static_cast<int>(survey.min_group));
    const double w3 = wall_ms();
    reads.v.push_back(w2 - w0);
    sums_only.v.push_back(w2 - w1);
    compute.v.push_back(w3 - w2);
    total.v.push_back(w3 - w0);
    cpu.v.push_back(cpu_ms() - c0);
    cells = hidden = 0;
    for (const auto& sr : results)
      for (const auto& u : sr.units) {
        ++cells;
        hidden += u.hidden ? 1 : 0;
      }
  }
  std::cout << fmt::format("results of the round over {} units ({} runs, {} cells, {} hidden):\n",
                           units.size(), o.runs, cells, hidden)
            << "  scale_sums:                     " << sums_only.text() << "\n"
            << "  reads (round, survey, participation, scale_sums): " << reads.text() << "\n"
            << "  round_results:                  " << compute.text() << "\n"
            << "  all of it:                      " << total.text()
            << fmt::format(" (CPU median {:.2f} ms)\n", cpu.at(0.5));

#if __has_include("surveys/round_report.hpp")
  // The report GET /api/v1/rounds/{id}/results answers with once the round report exists
  // (issue 17, point 4): the scale sums of every closed round and the item sums of this one.
  Stats report, items_only;
  for (int n = 0; n < o.runs; ++n) {
    const double w0 = wall_ms();
    auto survey = store.get(round.survey_id);
    auto got = surveys::round_report(store, store.get_round(round.id), survey);
    const double w1 = wall_ms();
    store.item_sums(round.id);
    items_only.v.push_back(wall_ms() - w1);
    report.v.push_back(w1 - w0);
  }
  std::cout << "  round_report:                   " << report.text() << "\n"
            << "  of which item_sums:             " << items_only.text() << "\n";
#endif

  // A second, open round: links for the HTTP benchmark, and answers through submit_answer
  // one transaction each, as the server runs them.
  r.label = "Opfølgning 1";
  auto open = store.add_round(nullptr, s.id, r);
  open = store.set_status(nullptr, open.id, "open", open.version);
  std::vector<std::size_t> spread(static_cast<std::size_t>(o.direct + o.links));
  for (std::size_t k = 0; k < spread.size(); ++k) spread[k] = k % units.size();
  const auto more = store.invite(open.id, invitees(units, spread));
  t0 = wall_ms();
  for (std::size_t k = 0; k < static_cast<std::size_t>(o.direct); ++k)
    surveys::submit_answer(*sql, more[k].secret, answers_for(k, spread[k], items), kToday);
  const double direct_s = (wall_ms() - t0) / 1000;
  if (o.direct > 0)
    std::cout << fmt::format(
        "submit_answer, one transaction each: {} answers in {:.2f} s, {:.0f} answers/s\n", o.direct,
        direct_s, o.direct / direct_s);
  if (!o.links_file.empty()) {
    std::ofstream f(o.links_file);
    for (auto k = static_cast<std::size_t>(o.direct); k < more.size(); ++k)
      f << more[k].secret << "\n";
  }
  if (!o.env_file.empty()) {
    std::ofstream f(o.env_file);
    f << "CLOSED_ROUND=" << round.id << "\nOPEN_ROUND=" << open.id << "\nEMAIL=" << email
      << "\nPASSWORD=" << o.password << "\nANSWER_ROWS=" << answer_rows << "\nRESPONSES=" << i
      << "\nSEED_SECONDS=" << fmt::format("{:.1f}", submit_s) << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Surveys benchmark: a round with 1,000,000 answers over 200 units"};
  Options o;
  bench::add_db_option(cli, o.db_url, " (a fresh database)");
  cli.add_option("--units", o.units, "units in the tree")->capture_default_str();
  cli.add_option("--answers", o.answers, "answer rows in the closed round")->capture_default_str();
  cli.add_option("--runs", o.runs, "times the results are computed")->capture_default_str();
  cli.add_option("--direct", o.direct, "answers timed through submit_answer, one each")
      ->capture_default_str();
  cli.add_option("--links", o.links, "personal links of the open round for HTTP")
      ->capture_default_str();
  cli.add_option("--links-file", o.links_file, "where the open round's link secrets go");
  cli.add_option("--env", o.env_file, "where the ids and login go (KEY=VALUE lines)");
  CLI11_PARSE(cli, argc, argv);
  return bench::reporting_errors([&] { return run(o); });
}
