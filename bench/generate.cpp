// bench_generate: fills a database with national-scale data for benchmarks.
// Defaults: 100 municipalities (bench-001 … bench-100), 30 units and 1,000 people
// each, 20,000 projects in the first one (the portfolio at national scale, issue 12), and
// an admin login bench@bench-001.fremdrift.test there.
// Idempotent: tenants whose slug exists are skipped, projects are added up to the number.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <soci/soci.h>

#include "accounts/account_store.hpp"
#include "cli.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/database.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "projects/method_template.hpp"
#include "projects/project_store.hpp"
#include "tenants/tenant_store.hpp"

namespace bench {
namespace {

// Rows go in multi-row INSERTs: PostgreSQL pays a round trip per statement, and
// 100,000 single-row INSERTs took 13 s there against 6 s in batches (SQLite takes
// 1-2 s either way). Each "?" of a row becomes a parameter.
constexpr std::string_view kInsertUnits =
    "INSERT INTO units (tenant_id, id, parent_id, name, kind, manager_id, version, created_at, "
    "updated_at) VALUES ";
constexpr std::string_view kUnitRow = "(?, ?, ?, ?, ?, ?, 1, ?, ?)";

constexpr std::string_view kInsertPeople =
    "INSERT INTO people (tenant_id, id, unit_id, name, email, title, locale, active, version, "
    "created_at, updated_at) VALUES ";
constexpr std::string_view kPersonRow = "(?, ?, ?, ?, ?, ?, ?, CAST(? AS INTEGER), 1, ?, ?)";

constexpr std::size_t kBatchRows = 100;

constexpr std::string_view kAdminName = "Bench Administrator";

// Tree shape: kRoots administrations, each node below has up to kFanout children;
// depth 1 is a unit, deeper nodes are teams.
constexpr std::size_t kRoots = 3;
constexpr std::size_t kFanout = 3;

constexpr const char* kAdministrations[] = {
    "Børne- og Ungeforvaltningen", "Sundheds- og Omsorgsforvaltningen",
    "Teknik- og Miljøforvaltningen", "Beskæftigelses- og Socialforvaltningen",
    "Kultur- og Fritidsforvaltningen"};
constexpr const char* kUnitNames[] = {"Jobcenter", "Socialafdelingen", "Hjemmeplejen",
                                      "Dagtilbud", "Skoleafdelingen",  "Sundhed og Forebyggelse",
                                      "Byggeri",   "Vej og Park",      "Borgerservice"};
constexpr const char* kTeamNames[] = {"Team Nord", "Team Syd",  "Team Øst",
                                      "Team Vest", "Team Midt", "Team Visitation"};
constexpr const char* kFirstNames[] = {"Anne",  "Mette",   "Hanne",   "Lars",  "Jens",   "Peter",
                                       "Søren", "Kirsten", "Camilla", "Ahmed", "Fatima", "Mikkel",
                                       "Ida",   "Rasmus",  "Louise",  "Niels", "Sofie",  "Jonas"};
constexpr const char* kLastNames[] = {"Jensen",     "Nielsen",     "Hansen",   "Pedersen",
                                      "Andersen",   "Christensen", "Larsen",   "Sørensen",
                                      "Rasmussen",  "Jørgensen",   "Petersen", "Madsen",
                                      "Kristensen", "Olsen",       "Thomsen"};
constexpr const char* kTitles[] = {
    "Sagsbehandler", "Socialrådgiver", "Konsulent",    "Social- og sundhedsassistent",
    "Pædagog",       "Sygeplejerske",  "Jobkonsulent", "Administrativ medarbejder"};

template <typename T, std::size_t N>
const T& pick(const T (&list)[N], std::size_t i) {
  return list[i % N];
}

struct Options {
  std::string db_url;
  std::string password = "bench-password-1";
  int tenants = 100;
  int units = 30;        // per tenant
  int people = 1000;     // per tenant
  int projects = 20000;  // in the first tenant
};

struct Totals {
  int tenants = 0;
  int skipped = 0;
  long long units = 0;
  long long people = 0;
  long long projects = 0;
};

std::string slug_of(int n) { return fmt::format("bench-{:03}", n); }

using Value = std::optional<std::string>;  // nullopt: SQL NULL

// Collects rows and writes them kBatchRows at a time with one multi-row INSERT,
// prepared once and bound to the buffers; a last, shorter batch gets its own.
class BatchInsert {
 public:
  BatchInsert(soci::session& sql, std::string_view head, std::string_view row)
      : sql_(sql),
        head_(head),
        row_(row),
        columns_(static_cast<std::size_t>(std::count(row.begin(), row.end(), '?'))),
        text_(kBatchRows * columns_),
        ind_(kBatchRows * columns_) {}

  void add(const std::vector<Value>& row) {
    for (const auto& v : row) {
      text_[filled_] = v.value_or("");
      ind_[filled_] = v ? soci::i_ok : soci::i_null;
      ++filled_;
    }
    if (filled_ == text_.size()) {
      if (!full_) full_ = prepare(kBatchRows);
      full_->execute(true);
      filled_ = 0;
    }
  }

  void flush() {
    if (filled_ > 0) prepare(filled_ / columns_)->execute(true);
    filled_ = 0;
  }

 private:
  std::unique_ptr<soci::statement> prepare(std::size_t rows) {
    std::string query(head_);
    std::size_t n = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      if (r > 0) query += ", ";
      for (char c : row_) query += c == '?' ? fmt::format(":v{}", n++) : std::string(1, c);
    }
    auto st = std::make_unique<soci::statement>(sql_);
    for (std::size_t i = 0; i < n; ++i) st->exchange(soci::use(text_[i], ind_[i]));
    st->alloc();
    st->prepare(query);
    st->define_and_bind();
    return st;
  }

  soci::session& sql_;
  std::string_view head_;
  std::string_view row_;
  std::size_t columns_;
  std::vector<std::string> text_;
  std::vector<soci::indicator> ind_;
  std::size_t filled_ = 0;
  std::unique_ptr<soci::statement> full_;
};

// Units first (parents before children, so the foreign key holds), then people;
// unit i is managed by person i, who works in it.
void fill_tenant(soci::session& sql, const std::string& tenant_id, const std::string& slug,
                 const Options& options) {
  std::string now = core::now_iso();
  auto n_units = static_cast<std::size_t>(options.units);
  auto n_people = std::max(static_cast<std::size_t>(options.people), n_units);
  std::vector<std::string> unit_ids(n_units);
  std::vector<std::string> person_ids(n_people);
  for (auto& id : unit_ids) id = core::new_id();
  for (auto& id : person_ids) id = core::new_id();

  std::vector<int> depth(n_units, 0);
  BatchInsert units(sql, kInsertUnits, kUnitRow);
  for (std::size_t i = 0; i < n_units; ++i) {
    Value parent;
    std::string kind = "administration";
    std::string name = pick(kAdministrations, i);
    if (i >= kRoots) {
      std::size_t p = (i - kRoots) / kFanout;
      parent = unit_ids[p];
      depth[i] = depth[p] + 1;
      kind = depth[i] == 1 ? "unit" : "team";
      name = depth[i] == 1 ? pick(kUnitNames, i) : fmt::format("{} {}", pick(kTeamNames, i), i);
    }
    units.add({tenant_id, unit_ids[i], parent, name, kind, person_ids[i], now, now});
  }
  units.flush();

  BatchInsert people(sql, kInsertPeople, kPersonRow);
  for (std::size_t i = 0; i < n_people; ++i) {
    std::size_t u = i % n_units;
    std::size_t mix = (i + 1) * 2654435761u;  // spreads names over units and tenants
    std::string name =
        fmt::format("{} {}", pick(kFirstNames, mix >> 4), pick(kLastNames, mix >> 12));
    // Every tenth person has no e-mail, every twentieth has left, a few prefer English.
    Value email;
    if (i % 10 != 9) email = fmt::format("p{:05}@{}.fremdrift.test", i, slug);
    Value locale;
    if (i % 25 == 24) locale = "en";
    std::string active = i % 20 == 19 ? "0" : "1";
    std::string title = i >= n_units    ? pick(kTitles, i)
                        : depth[u] == 0 ? "Direktør"
                        : depth[u] == 1 ? "Afdelingsleder"
                                        : "Teamleder";
    people.add(
        {tenant_id, person_ids[i], unit_ids[u], name, email, title, locale, active, now, now});
  }
  people.flush();
}

Totals generate(db::Database& db, const Options& options) {
  Totals totals;
  auto sql = db.lease();
  tenants::TenantStore tenants(*sql);
  for (int n = 1; n <= options.tenants; ++n) {
    std::string slug = slug_of(n);
    if (tenants.find_by_slug(slug)) {
      ++totals.skipped;
      continue;
    }
    db::WriteTx tx(*sql);
    auto tenant = tenants.create(slug, fmt::format("Bench Kommune {:03}", n), "municipality", "da");
    fill_tenant(*sql, tenant.id, slug, options);
    tx.commit();
    ++totals.tenants;
    totals.units += options.units;
    totals.people += std::max(options.people, options.units);
  }
  return totals;
}

constexpr const char* kProjectTopics[] = {"Digital ansøgning om",     "Hurtigere afgørelse på",
                                          "Færre genhenvendelser om", "Borgerrejse for",
                                          "Ny arbejdsgang for",       "Sammenhængende forløb for"};
constexpr const char* kProjectSubjects[] = {
    "hjemmehjælp",      "boligstøtte",  "sygedagpenge", "handicapbiler", "pladsanvisning",
    "byggetilladelser", "kontanthjælp", "hjælpemidler", "flexjob",       "genoptræning"};

// Projects in the first tenant through the project store (charter, checklist, audit), in
// one transaction: statuses, end dates and an involved unit vary, a fifth have no end date.
long long add_projects(db::Database& db, const Options& options) {
  auto sql = db.lease();
  auto tenant = tenants::TenantStore(*sql).find_by_slug(slug_of(1));
  if (!tenant) throw core::NotFound("no tenant bench-001");
  auto have = db::scalar(*sql, "SELECT COUNT(*) FROM projects WHERE tenant_id = :tenant_id",
                         {{"tenant_id", tenant->id}});
  std::vector<std::string> units;
  for (const auto& r : db::query(*sql, "SELECT id FROM units WHERE tenant_id = :tenant_id",
                                 {{"tenant_id", tenant->id}}))
    units.push_back(db::text(r, "id"));
  const auto& methods = projects::shipped_templates();
  projects::ProjectStore store(*sql, tenant->id);
  db::WriteTx tx(*sql);
  long long added = 0;
  for (auto i = static_cast<std::size_t>(have); i < static_cast<std::size_t>(options.projects);
       ++i, ++added) {
    std::size_t mix = (i + 1) * 2654435761u;
    projects::CharterFields charter;
    charter.title = fmt::format("{} {} {}", pick(kProjectTopics, mix >> 3),
                                pick(kProjectSubjects, mix >> 9), i + 1);
    charter.status = i % 7 == 0 ? "red" : i % 3 == 0 ? "yellow" : "green";
    if (*charter.status != "green") charter.status_reason = std::optional<std::string>("Forsinket");
    if (i % 5 != 0)
      charter.end_date = std::optional<std::string>(
          fmt::format("{}-{:02}-{:02}", 2026 + i % 3, 1 + i % 12, 1 + i % 28));
    if (!units.empty() && i % 2 == 0)
      charter.unit_ids = std::vector<std::string>{units[i % units.size()]};
    store.create(nullptr, methods[i % methods.size()], charter);
  }
  tx.commit();
  return added;
}

// The login bench/run uses; an existing one gets the requested password.
std::string ensure_admin(db::Database& db, const Options& options) {
  std::string slug = slug_of(1);
  std::string email = "bench@" + slug + ".fremdrift.test";
  auto sql = db.lease();
  auto tenant = tenants::TenantStore(*sql).find_by_slug(slug);
  if (!tenant) throw core::NotFound("no tenant with slug '" + slug + "'");
  accounts::AccountStore accounts(*sql);
  if (auto existing = accounts.find_by_email(email)) {
    accounts.set_password(existing->tenant_id, nullptr, existing->id, options.password);
  } else {
    accounts.create_user(tenant->id, nullptr,
                         {email, std::string(kAdminName), options.password, "admin", std::nullopt});
  }
  return email;
}

}  // namespace
}  // namespace bench

int main(int argc, char** argv) {
  CLI::App cli{"Fill a database with benchmark data (tenants bench-001 …)"};
  bench::Options options;
  bench::add_db_option(cli, options.db_url);
  cli.add_option("--password", options.password, "password of bench@bench-001.fremdrift.test")
      ->capture_default_str();
  cli.add_option("--tenants", options.tenants, "number of tenants")
      ->capture_default_str()
      ->check(CLI::Range(1, 999));
  cli.add_option("--units", options.units, "units per tenant")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cli.add_option("--people", options.people, "people per tenant (at least one per unit)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  cli.add_option("--projects", options.projects, "projects in the first tenant (bench-001)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  CLI11_PARSE(cli, argc, argv);

  return bench::reporting_errors([&] {
    auto start = std::chrono::steady_clock::now();
    db::Database db(options.db_url, 1);
    db.migrate();
    auto totals = bench::generate(db, options);
    totals.projects = bench::add_projects(db, options);
    auto email = bench::ensure_admin(db, options);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << fmt::format(
        "created {} tenants, {} units, {} people ({} tenants existed), {} projects in bench-001 "
        "in {:.1f} s\n"
        "admin login: {} / {}\n",
        totals.tenants, totals.units, totals.people, totals.skipped, totals.projects, seconds,
        email, options.password);
    return 0;
  });
}
