#include "http/test_server.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace testing_http {

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

HttpResponse raw_request(int port, const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot connect to test server");
  }
  std::size_t sent = 0;
  while (sent < request.size()) {
    auto n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string data;
  std::array<char, 65536> buf{};
  for (;;) {
    auto n = ::recv(fd, buf.data(), buf.size(), 0);
    if (n <= 0) break;
    data.append(buf.data(), static_cast<std::size_t>(n));
    // Stop once a complete response with Content-Length has arrived.
    auto end = data.find("\r\n\r\n");
    if (end != std::string::npos) {
      auto head = lower(data.substr(0, end));
      auto cl = head.find("content-length:");
      if (cl != std::string::npos) {
        std::size_t length = std::stoul(head.substr(cl + 15));
        if (data.size() >= end + 4 + length) break;
      }
    }
  }
  ::close(fd);
  HttpResponse r;
  auto end = data.find("\r\n\r\n");
  if (end == std::string::npos) throw std::runtime_error("incomplete HTTP response");
  std::string head = data.substr(0, end);
  r.body = data.substr(end + 4);
  r.status = std::stoi(head.substr(9, 3));
  std::size_t pos = head.find("\r\n");
  while (pos != std::string::npos) {
    auto next = head.find("\r\n", pos + 2);
    auto line =
        head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      auto value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      r.headers.emplace_back(lower(line.substr(0, colon)), value);
    }
    pos = next;
  }
  return r;
}

std::string unique(const std::string& prefix) {
  static std::atomic<int> counter{0};
  auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  return prefix + std::to_string(now % 100000000) + "x" + std::to_string(++counter) + "p" +
         std::to_string(::getpid());
}

std::string HttpResponse::header(const std::string& lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return "";
}

nlohmann::json HttpResponse::json() const { return nlohmann::json::parse(body, nullptr, false); }

Client::Client(int port) : port_(port) {
  static std::atomic<int> next{static_cast<int>(std::random_device{}() % 4000000)};
  int n = next++;
  address_ = "10." + std::to_string((n >> 16) & 255) + "." + std::to_string((n >> 8) & 255) + "." +
             std::to_string(n & 255);
}

HttpResponse Client::request(const std::string& method, const std::string& path,
                             const std::string& body,
                             std::vector<std::pair<std::string, std::string>> headers) {
  std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!cookies_.empty()) {
    std::string cookie;
    for (const auto& [k, v] : cookies_) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
    req += "Cookie: " + cookie + "\r\n";
  }
  if (!bearer_.empty()) req += "Authorization: Bearer " + bearer_ + "\r\n";
  req += "X-Forwarded-For: " + address_ + "\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  req += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  auto r = raw_request(port_, req);
  for (const auto& [k, v] : r.headers) {
    if (k != "set-cookie") continue;
    auto eq = v.find('=');
    auto semi = v.find(';');
    std::string name = v.substr(0, eq);
    std::string value =
        v.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
    if (v.find("Max-Age=0") != std::string::npos || value.empty()) {
      cookies_.erase(name);
    } else {
      cookies_[name] = value;
    }
  }
  return r;
}

HttpResponse Client::send_json(const std::string& method, const std::string& path,
                               const nlohmann::json& body,
                               std::vector<std::pair<std::string, std::string>> headers) {
  headers.emplace_back("Content-Type", "application/json");
  if (!csrf_.empty()) headers.emplace_back("X-CSRF-Token", csrf_);
  return request(method, path, body.is_null() ? "" : body.dump(), headers);
}

HttpResponse Client::post_form(const std::string& path,
                               const std::map<std::string, std::string>& form) {
  std::string body;
  auto encode = [](const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
        out.push_back(static_cast<char>(c));
      } else {
        char hex[4];
        std::snprintf(hex, sizeof(hex), "%%%02X", c);
        out += hex;
      }
    }
    return out;
  };
  for (const auto& [k, v] : form) body += (body.empty() ? "" : "&") + encode(k) + "=" + encode(v);
  return request("POST", path, body, {{"Content-Type", "application/x-www-form-urlencoded"}});
}

HttpResponse Client::login(const std::string& email, const std::string& password) {
  auto r = send_json("POST", "/api/v1/session", {{"email", email}, {"password", password}});
  if (r.status == 200) csrf_ = r.json().value("csrf_token", "");
  return r;
}

TestServer::TestServer(bool trust_proxy) {
  dir_ = std::filesystem::temp_directory_path() / unique("fremdrift-http-");
  std::filesystem::create_directories(dir_);
  const char* engine = std::getenv("FREMDRIFT_HTTP_TEST_DB");
  if (engine && std::string(engine) == "postgres") {
    const char* url = std::getenv("FREMDRIFT_TEST_PG_HTTP");
    if (!url || !*url)
      throw std::runtime_error("FREMDRIFT_TEST_PG_HTTP is not set (scripts/test.sh sets it)");
    db_url_ = url;
  } else {
    db_url_ = "sqlite:" + dir_ + "/test.db";
  }
  if (cli("migrate") != 0) throw std::runtime_error("migrate failed for " + db_url_);
  start(trust_proxy);
}

TestServer::TestServer(SameDatabase, const TestServer& other) {
  dir_ = std::filesystem::temp_directory_path() / unique("fremdrift-http-");
  std::filesystem::create_directories(dir_);
  db_url_ = other.db_url_;
  start(true);
}

std::string TestServer::log_text() const {
  std::ifstream in(dir_ + "/server.log");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void TestServer::start(bool trust_proxy) {
  port_ = free_port();
  pid_ = ::fork();
  if (pid_ == 0) {
    std::string log = dir_ + "/server.log";
    FILE* f = std::freopen(log.c_str(), "w", stderr);
    (void)f;
    std::string listen = "127.0.0.1:" + std::to_string(port_);
    std::vector<const char*> args = {FREMDRIFT_BINARY, "--db",         db_url_.c_str(), "serve",
                                     "--listen",       listen.c_str(), "--threads",     "4"};
    if (trust_proxy) args.push_back("--trust-proxy");
    // Calendar files link back to the site at this address (serve --public-url).
    args.push_back("--public-url");
    args.push_back(kPublicUrl);
    args.push_back(nullptr);
    ::execv(FREMDRIFT_BINARY, const_cast<char* const*>(args.data()));
    std::_Exit(127);
  }
  for (int i = 0; i < 200; ++i) {
    try {
      if (Client(port_).get("/healthz").status == 200) return;
    } catch (const std::exception&) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  throw std::runtime_error("test server did not start");
}

void TestServer::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  pid_ = -1;
}

TestServer::~TestServer() {
  stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string run_command(const std::string& command, int* status) {
  std::string output;
  FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) {
    if (status) *status = -1;
    return output;
  }
  std::array<char, 4096> buf{};
  while (auto n = std::fread(buf.data(), 1, buf.size(), p)) output.append(buf.data(), n);
  int ended = ::pclose(p);
  if (status) *status = WIFEXITED(ended) ? WEXITSTATUS(ended) : -1;
  return output;
}

int TestServer::cli(const std::string& args, std::string* out) const {
  int status = -1;
  auto output = run_command(
      std::string(FREMDRIFT_BINARY) + " --db '" + db_url_ + "' " + args + " 2>&1", &status);
  if (out) *out = output;
  return status;
}

TestServer::Tenant TestServer::create_tenant(const std::string& prefix, const std::string& kind) {
  Tenant t;
  t.slug = unique(prefix);
  for (auto& c : t.slug) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  t.admin_email = "admin@" + t.slug + ".test";
  t.member_email = "member@" + t.slug + ".test";
  std::string out;
  if (cli("admin create-tenant --slug " + t.slug + " --name 'Test " + t.slug + "' --kind " + kind,
          &out) != 0)
    throw std::runtime_error("create-tenant failed: " + out);
  if (cli("admin create-user --tenant " + t.slug + " --email " + t.admin_email + " --name 'Admin " +
              t.slug + "' --password " + kPassword + " --role admin",
          &out) != 0)
    throw std::runtime_error("create-user failed: " + out);
  if (cli("admin create-user --tenant " + t.slug + " --email " + t.member_email +
              " --name 'Member " + t.slug + "' --password " + kPassword + " --role member",
          &out) != 0)
    throw std::runtime_error("create-user failed: " + out);
  return t;
}

}  // namespace testing_http
