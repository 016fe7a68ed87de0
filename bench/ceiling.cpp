// The stack's ceiling: the least a server on fremdrift's stack does per request — RESTinio on
// a thread pool, a SOCI session from a pool, one SQLite query (one row by its key), the row
// as JSON. bench/run measures it in the same run as
// fremdrift and reports every endpoint as a share of it, so a busy shared machine moves
// both figures alike.
//
//   bench_ceiling --db PATH --listen 127.0.0.1:PORT [--threads N]
#include <string>
#include <thread>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <restinio/all.hpp>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

int main(int argc, char** argv) {
  CLI::App cli{"minimal RESTinio + SOCI/SQLite server: the ceiling for bench/run"};
  std::string db_path;
  std::string listen = "127.0.0.1:8090";
  std::size_t threads = std::max(4u, 2 * std::thread::hardware_concurrency());
  cli.add_option("--db", db_path, "SQLite file (created)")->required();
  cli.add_option("--listen", listen, "ADDRESS:PORT");
  cli.add_option("--threads", threads, "worker threads (fremdrift's default)");
  CLI11_PARSE(cli, argc, argv);
  auto colon = listen.rfind(':');
  std::string address = listen.substr(0, colon);
  auto port = static_cast<std::uint16_t>(std::stoi(listen.substr(colon + 1)));

  soci::connection_pool pool(threads);
  for (std::size_t i = 0; i < threads; ++i) {
    auto& s = pool.at(i);
    s.open(*soci::factory_sqlite3(), "db=\"" + db_path + "\" timeout=10");
    s << "PRAGMA journal_mode=WAL";
  }
  {
    soci::session s(pool);
    s << "CREATE TABLE IF NOT EXISTS units (id TEXT PRIMARY KEY, name TEXT NOT NULL, "
         "kind TEXT NOT NULL)";
    int n = 0;
    s << "SELECT COUNT(*) FROM units", soci::into(n);
    for (int i = n; i < 30; ++i) {
      std::string id = "unit-" + std::to_string(1000 + i);
      std::string name = "Enhed " + std::to_string(i);
      s << "INSERT INTO units (id, name, kind) VALUES (:id, :name, 'unit')", soci::use(id),
          soci::use(name);
    }
  }

  auto handler = [&pool](const restinio::request_handle_t& req) {
    if (req->header().path() != "/one") return restinio::request_rejected();
    // One row by its key, as an API's GET of one object: the query is the cost to beat.
    std::string id = "unit-1007";
    std::string name;
    std::string kind;
    {
      soci::session s(pool);
      s << "SELECT name, kind FROM units WHERE id = :id", soci::use(id), soci::into(name),
          soci::into(kind);
    }
    return req->create_response()
        .append_header(restinio::http_field::content_type, "application/json")
        .set_body(nlohmann::json{{"id", id}, {"name", name}, {"kind", kind}}.dump())
        .done();
  };
  restinio::run(
      restinio::on_thread_pool(threads).address(address).port(port).request_handler(handler));
  return 0;
}
