#include "http/smtp_sink.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "http/test_server.hpp"

namespace testing_http {
namespace {

bool answers(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

SmtpSink::SmtpSink() {
  dir_ = std::filesystem::temp_directory_path() / unique("fremdrift-smtp-");
  std::filesystem::create_directories(dir_);
  port_ = free_port();
}

SmtpSink::~SmtpSink() {
  stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void SmtpSink::start() {
  if (pid_ > 0) return;
  pid_ = ::fork();
  if (pid_ == 0) {
    std::string log = dir_ + "/../" + std::filesystem::path(dir_).filename().string() + ".log";
    FILE* f = std::freopen(log.c_str(), "w", stderr);
    (void)f;
    ::setenv("PYTHONPATH", FREMDRIFT_SOURCE_DIR "/tests/http", 1);
    std::string listen = "127.0.0.1:" + std::to_string(port_);
    ::execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
            "smtp_sink.Sink", dir_.c_str(), static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  for (int i = 0; i < 400; ++i) {
    if (answers(port_)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  throw std::runtime_error("the SMTP sink did not start");
}

void SmtpSink::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

std::vector<nlohmann::json> SmtpSink::mails() const {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir_))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<nlohmann::json> out;
  for (const auto& f : files) out.push_back(nlohmann::json::parse(std::ifstream(f)));
  return out;
}

std::vector<nlohmann::json> SmtpSink::wait_for(std::size_t n, std::chrono::seconds timeout) {
  auto until = std::chrono::steady_clock::now() + timeout;
  auto got = mails();
  while (got.size() < n && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    got = mails();
  }
  return got;
}

MailEnvironment::MailEnvironment(const SmtpSink& sink, const std::string& clock_offset_file) {
  ::setenv("FREMDRIFT_SMTP_HOST", "127.0.0.1", 1);
  ::setenv("FREMDRIFT_SMTP_PORT", std::to_string(sink.port()).c_str(), 1);
  ::setenv("FREMDRIFT_SMTP_TLS", "none", 1);
  ::setenv("FREMDRIFT_MAIL_FROM", "fremdrift@fremdrift.test", 1);
  ::setenv("FREMDRIFT_MAIL_INTERVAL", "1", 1);
  ::setenv("FREMDRIFT_JOBS_POLL_MS", "100", 1);
  ::setenv("FREMDRIFT_CLOCK_OFFSET_FILE", clock_offset_file.c_str(), 1);
}

MailEnvironment::~MailEnvironment() {
  for (const char* name :
       {"FREMDRIFT_SMTP_HOST", "FREMDRIFT_SMTP_PORT", "FREMDRIFT_SMTP_TLS", "FREMDRIFT_MAIL_FROM",
        "FREMDRIFT_MAIL_INTERVAL", "FREMDRIFT_JOBS_POLL_MS", "FREMDRIFT_CLOCK_OFFSET_FILE"})
    ::unsetenv(name);
}

}  // namespace testing_http
