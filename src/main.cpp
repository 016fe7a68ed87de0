// fremdrift: one binary, several subcommands.
#include <array>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>
#include <jemalloc/jemalloc.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include "accounts/account_store.hpp"
#include "app/app.hpp"
#include "core/errors.hpp"
#include "core/logging.hpp"
#include "core/time.hpp"
#include "db/database.hpp"
#include "http/openapi.hpp"
#include "http/server.hpp"
#include "jobs/worker.hpp"
#include "mail/mail_jobs.hpp"
#include "sso/idp_store.hpp"
#include "sso/idp_tools.hpp"
#include "sso/sp_key_rollover.hpp"
#include "sso/sp_keys.hpp"
#include "tenants/tenant_store.hpp"
#include "web/public_url.hpp"

// jemalloc (D28) reads this when it starts: a background thread hands freed pages back to the
// system within seconds of a burst; without it they went back only when the server allocated
// again (315 MB stayed after four portfolio reads at 20,000 projects, docs/performance.md).
// MALLOC_CONF in the environment still overrides it.
const char* malloc_conf = "background_thread:true,dirty_decay_ms:2000,muzzy_decay_ms:0";

namespace {

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

// Kept in the jobs this instance claims, to tell instances apart.
std::string instance_name(const std::string& listen) {
  std::array<char, 256> host{};
  ::gethostname(host.data(), host.size() - 1);
  return std::string(host.data()) + "/" + listen + "/" + std::to_string(::getpid());
}

void print_error(const core::Error& e) {
  std::cerr << "error: " << e.what() << "\n";
  if (const auto* v = dynamic_cast<const core::ValidationError*>(&e)) {
    for (const auto& [field, message] : v->fields())
      std::cerr << "  " << field << ": " << message << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"fremdrift — improvement and change projects across units"};
  cli.require_subcommand(1);
  // Global options may also follow the subcommand: `fremdrift demo --db sqlite:x.db`.
  cli.fallthrough();
  std::string db_url = env_or("FREMDRIFT_DB", "sqlite:data/fremdrift.db");
  cli.add_option("--db", db_url, "sqlite:PATH or postgresql://… (env FREMDRIFT_DB)");

  auto* serve = cli.add_subcommand("serve", "Migrate the database and serve HTTP");
  std::string listen = env_or("FREMDRIFT_LISTEN", "127.0.0.1:8080");
  std::size_t threads = std::max(4u, 2 * std::thread::hardware_concurrency());
  serve->add_option("--listen", listen, "ADDRESS:PORT (env FREMDRIFT_LISTEN)");
  serve->add_option("--threads", threads, "worker threads")->envname("FREMDRIFT_THREADS");
  bool trust_proxy = std::getenv("FREMDRIFT_TRUST_PROXY") != nullptr;
  serve->add_flag("--trust-proxy", trust_proxy,
                  "take the client address from X-Forwarded-For (env FREMDRIFT_TRUST_PROXY)");
  std::string public_url = env_or("FREMDRIFT_PUBLIC_URL", "");
  serve->add_option("--public-url", public_url,
                    "the address people reach this site at, for links in calendar files, e.g. "
                    "https://fremdrift.example.dk (env FREMDRIFT_PUBLIC_URL)");
  // Mail (issue 16): the server, the sender and how often the outbox is looked at.
  mail::DeliveryOptions mail_options;
  mail_options.smtp = mail::SmtpConfig::from_env();
  serve->add_option("--smtp-host", mail_options.smtp.host,
                    "mail server; without one mail waits in the outbox (env FREMDRIFT_SMTP_HOST)");
  serve->add_option("--smtp-port", mail_options.smtp.port, "(env FREMDRIFT_SMTP_PORT, 587)");
  serve->add_option("--smtp-tls", mail_options.smtp.tls,
                    "starttls (default), tls or none (env FREMDRIFT_SMTP_TLS); the password "
                    "only from env FREMDRIFT_SMTP_PASSWORD");
  serve->add_option("--smtp-user", mail_options.smtp.user, "(env FREMDRIFT_SMTP_USER)");
  serve->add_option("--mail-from", mail_options.smtp.from.address,
                    "sender address (env FREMDRIFT_MAIL_FROM)");
  long long mail_interval = std::atoll(env_or("FREMDRIFT_MAIL_INTERVAL", "10").c_str());
  serve->add_option("--mail-interval", mail_interval,
                    "seconds between looks at the outbox (env FREMDRIFT_MAIL_INTERVAL)");
  long long jobs_poll_ms = std::atoll(env_or("FREMDRIFT_JOBS_POLL_MS", "1000").c_str());
  serve->add_option("--jobs-poll-ms", jobs_poll_ms,
                    "milliseconds between looks for due background jobs; 0: run none here "
                    "(env FREMDRIFT_JOBS_POLL_MS)");
  bool demo_on_start = false;
  serve->add_flag("--demo", demo_on_start, "load the demo municipality before serving");

  auto* migrate = cli.add_subcommand("migrate", "Apply database migrations");
  auto* demo = cli.add_subcommand("demo", "Create or refresh the demo municipality");

  auto* admin = cli.add_subcommand("admin", "Administration");
  admin->require_subcommand(1);
  auto* create_tenant = admin->add_subcommand("create-tenant", "Create a tenant");
  std::string slug, name, kind = "municipality", locale = "da";
  create_tenant->add_option("--slug", slug, "short name, e.g. aarhus")->required();
  create_tenant->add_option("--name", name, "display name")->required();
  create_tenant->add_option("--kind", kind, "municipality or umbrella");
  create_tenant->add_option("--locale", locale, "da, sv or en");
  std::string time_zone;
  create_tenant->add_option("--time-zone", time_zone,
                            "e.g. Europe/Copenhagen (default), Europe/Stockholm for sv");
  auto* create_user = admin->add_subcommand("create-user", "Create a person with a login");
  std::string tenant_slug, email, password, role = "member";
  create_user->add_option("--tenant", tenant_slug, "tenant slug")->required();
  create_user->add_option("--email", email)->required();
  create_user->add_option("--name", name)->required();
  create_user->add_option("--password", password)->required();
  create_user->add_option("--role", role, "admin or member");
  auto* reset_password = admin->add_subcommand("reset-password", "Set a new password");
  reset_password->add_option("--email", email)->required();
  reset_password->add_option("--password", password)->required();

  auto* sso_keygen = admin->add_subcommand(
      "sso-keygen", "Give a SAML provider a new SP key pair and self-signed certificate");
  std::string idp_slug;
  int key_days = sso::saml::kSpKeyDays;
  sso_keygen->add_option("--tenant", tenant_slug, "tenant slug")->required();
  sso_keygen->add_option("--idp", idp_slug, "the provider's short name (slug)")->required();
  sso_keygen->add_option("--days", key_days, "days the certificate is valid (730)")
      ->check(CLI::Range(1, 3650));
  // The two-step rollover (D61) instead of replacing the key at once.
  bool key_next = false, key_switch = false, key_retire = false;
  int grace_days = sso::kSpKeyGraceDays;
  auto* next_flag = sso_keygen->add_flag(
      "--next", key_next, "make the next key pair and publish it beside the current one");
  auto* switch_flag = sso_keygen->add_flag(
      "--switch", key_switch, "sign with the next key; keep the old one for --grace-days");
  auto* retire_flag =
      sso_keygen->add_flag("--retire", key_retire, "unpublish the old key; it decrypts no more");
  next_flag->excludes(switch_flag)->excludes(retire_flag);
  switch_flag->excludes(retire_flag);
  sso_keygen
      ->add_option("--grace-days", grace_days,
                   "with --switch: days the old key still decrypts (30; 0: until --retire)")
      ->check(CLI::Range(0, 3650));

  auto* backup = cli.add_subcommand("backup", "Copy the database to FILE");
  std::string file;
  backup->add_option("FILE", file)->required();
  auto* restore = cli.add_subcommand("restore", "Replace the database with FILE");
  restore->add_option("FILE", file)->required();

  auto* routes = cli.add_subcommand("routes", "Print every registered route as JSON");
  auto* openapi = cli.add_subcommand("openapi", "Print the OpenAPI document");

  CLI11_PARSE(cli, argc, argv);

  try {
    if (*routes || *openapi) {
      // Needs no database: the router only holds references.
      db::Database db("sqlite::memory:", 1);
      http::Router router;
      http::Metrics metrics;
      app::register_routes(router, db, metrics);
      if (*openapi) {
        std::cout << http::openapi_document(router).dump(2) << "\n";
        return 0;
      }
      nlohmann::json out = nlohmann::json::array();
      for (const auto& r : router.routes()) {
        out.push_back({{"method", r.method},
                       {"pattern", r.pattern},
                       {"access", r.access == http::Access::kPublic  ? "public"
                                  : r.access == http::Access::kAdmin ? "admin"
                                                                     : "authenticated"}});
      }
      std::cout << out.dump(2) << "\n";
      return 0;
    }

    db::Database db(db_url, *serve ? threads + 2 : 1);
    db.migrate();

    if (*migrate) {
      std::cout << "database is up to date\n";
    } else if (*demo) {
      auto r = app::load_demo(db);
      std::cout << "Demo municipality ready. Log in as " << r.email << " with password "
                << r.password << "\n(the programme secretariat: " << r.umbrella_email
                << ", same password)\n";
    } else if (*create_tenant) {
      auto sql = db.lease();
      auto t = tenants::TenantStore(*sql).create(slug, name, kind, locale, time_zone);
      std::cout << "created tenant " << t.slug << " (" << t.id << ")\n";
    } else if (*create_user) {
      auto sql = db.lease();
      auto tenant = tenants::TenantStore(*sql).find_by_slug(tenant_slug);
      if (!tenant) throw core::NotFound("no tenant with slug '" + tenant_slug + "'");
      auto a = accounts::AccountStore(*sql).create_user(
          tenant->id, nullptr, {email, name, password, role, std::nullopt});
      std::cout << "created " << role << " " << a.email << " in " << tenant_slug << "\n";
    } else if (*reset_password) {
      auto sql = db.lease();
      accounts::AccountStore accounts(*sql);
      std::string lower = email;
      for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      auto a = accounts.find_by_email(lower);
      if (!a) throw core::NotFound("no account with e-mail " + email);
      accounts.set_password(a->tenant_id, nullptr, a->id, password);
      std::cout << "password changed for " << a->email << "\n";
    } else if (*sso_keygen) {
      auto sql = db.lease();
      auto tenant = tenants::TenantStore(*sql).find_by_slug(tenant_slug);
      if (!tenant) throw core::NotFound("no tenant with slug '" + tenant_slug + "'");
      auto idp = sso::IdpStore(*sql, tenant->id).by_slug(idp_slug);
      if (!idp) throw core::NotFound("no identity provider '" + idp_slug + "' in " + tenant_slug);
      const std::string md_url =
          "<public url>/sso/" + tenant_slug + "/" + idp_slug + "/saml/metadata";
      // Certificates are public; keys stay in the database only.
      if (key_next) {
        sso::prepare_next_sp_key(*sql, nullptr, tenant->id, idp->id, key_days, std::nullopt);
        auto r = sso::sp_key_rollover(*sql, tenant->id, idp->id, core::now_iso());
        std::cout << r.next->certificate_pem << "next SP key pair for " << tenant_slug << "/"
                  << idp_slug << " published beside the current one in " << md_url
                  << "; switch once every IdP has read it: sso-keygen --switch\n";
      } else if (key_switch) {
        auto made =
            sso::switch_sp_key(*sql, nullptr, tenant->id, idp->id, grace_days, std::nullopt);
        auto r = sso::sp_key_rollover(*sql, tenant->id, idp->id, core::now_iso());
        std::cout << made.settings.value("sp_certificate", "") << "signing with the next key for "
                  << tenant_slug << "/" << idp_slug << "; the old one decrypts "
                  << (r.previous && r.previous->retire_at ? "until " + *r.previous->retire_at
                                                          : std::string("until --retire"))
                  << "\n";
      } else if (key_retire) {
        sso::retire_previous_sp_key(*sql, nullptr, tenant->id, idp->id, std::nullopt);
        std::cout << "the old SP key of " << tenant_slug << "/" << idp_slug
                  << " is retired: no longer published, no longer decrypting\n";
      } else {
        auto made = sso::rotate_sp_keys(*sql, nullptr, tenant->id, idp->id, key_days);
        std::cout << made.settings.value("sp_certificate", "") << "new SP key pair for "
                  << tenant_slug << "/" << idp_slug
                  << "; give the IdP the SP metadata again: " << md_url << "\n";
      }
    } else if (*backup) {
      std::cout << app::backup(db, file) << "\n";
    } else if (*restore) {
      std::cout << app::restore(db, file) << "\n";
    } else if (*serve) {
      core::use_json_logs();
      if (!public_url.empty()) web::set_public_url(web::normalize_public_url(public_url));
      if (demo_on_start) {
        auto r = app::load_demo(db);
        std::cout << "\n  Demo login: " << r.email << " / " << r.password << "\n\n" << std::flush;
      }
      http::Router router;
      http::Metrics metrics;
      app::register_routes(router, db, metrics);
      http::Pipeline pipeline(router, app::pipeline_hooks(db), metrics);
      http::ServerOptions options;
      http::parse_listen(listen, options.address, options.port);
      options.threads = threads;
      options.trust_proxy = trust_proxy;
      options.on_listening = [&](std::uint16_t) {
        spdlog::info("{{\"msg\":\"listening\",\"url\":\"http://{}:{}\"}}", options.address,
                     options.port);
      };
      mail_options.smtp.check();
      mail_options.interval = std::chrono::seconds(std::max(1LL, mail_interval));
      jobs::Registry registry;
      app::register_jobs(registry, mail_options);
      jobs::Worker worker(db, registry,
                          {.name = instance_name(listen),
                           .poll = std::chrono::milliseconds(std::max(1LL, jobs_poll_ms)),
                           .now = jobs::clock_from_env()});
      if (jobs_poll_ms > 0) worker.start();
      http::serve(pipeline, options);
      worker.stop();  // the job running finishes first
      spdlog::info("stopped");
    }
  } catch (const core::Error& e) {
    print_error(e);
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
