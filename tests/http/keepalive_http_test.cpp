// Writes over kept-alive connections each get an answer (issue 12). Clients such as
// Python's http.client send a request's headers and its body in separate segments; RESTinio
// 0.6 with one request in flight per connection could reset its parser between the two
// when the previous answer's write completed late, read the body as a new request and close
// the connection — some hundred times in 20,000 writes.
#include <array>
#include <atomic>
#include <chrono>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http/fixture.hpp"

namespace testing_http {
namespace {

// One kept-alive connection that sends a request's head and body as two segments.
class KeptConnection {
 public:
  explicit KeptConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0)
      throw std::runtime_error("cannot connect");
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~KeptConnection() { ::close(fd_); }
  KeptConnection(const KeptConnection&) = delete;
  KeptConnection& operator=(const KeptConnection&) = delete;

  // The answer's status, or 0 when the server closed the connection without one.
  int post(const std::string& head, const std::string& body) {
    if (!send_all(head)) return 0;
    // A pause as a slower client makes between its two writes, so the server reads the
    // head alone before the body arrives.
    std::this_thread::sleep_for(std::chrono::microseconds(50));
    if (!send_all(body)) return 0;
    for (;;) {
      auto end = pending_.find("\r\n\r\n");
      if (end != std::string::npos) {
        auto length_at = pending_.find("Content-Length: ");
        if (length_at != std::string::npos && length_at < end) {
          std::size_t length = std::stoul(pending_.substr(length_at + 16));
          if (pending_.size() >= end + 4 + length) {
            int status = std::stoi(pending_.substr(9, 3));
            pending_.erase(0, end + 4 + length);
            return status;
          }
        }
      }
      std::array<char, 16384> buf{};
      auto n = ::recv(fd_, buf.data(), buf.size(), 0);
      if (n <= 0) return 0;
      pending_.append(buf.data(), static_cast<std::size_t>(n));
    }
  }

 private:
  bool send_all(const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
      auto n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }

  int fd_ = -1;
  std::string pending_;
};

class KeepAliveHttpTest : public HttpTest {};

TEST_F(KeepAliveHttpTest, TwentyThousandWritesOverKeptConnectionsGetTwentyThousandAnswers) {
  auto [tenant, admin] = new_tenant_admin("keepalive");
  auto token = admin.send_json("POST", "/api/v1/tokens", {{"name", "keep-alive"}}).json();
  ASSERT_TRUE(token.contains("token")) << token.dump();
  constexpr int kConnections = 4;
  constexpr int kWritesEach = 5000;
  std::atomic<int> created{0};
  std::atomic<int> unanswered{0};
  std::atomic<int> other{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kConnections; ++c) {
    clients.emplace_back([&, c] {
      KeptConnection connection(server().port());
      for (int i = 0; i < kWritesEach; ++i) {
        std::string body = json{
            {"name", "Enhed " + std::to_string(c) + "-" + std::to_string(i)},
            {"kind", "team"}}.dump();
        std::string head =
            "POST /api/v1/units HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Authorization: Bearer " +
            token["token"].get<std::string>() +
            "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
            "\r\n\r\n";
        int status = connection.post(head, body);
        if (status == 201) {
          ++created;
        } else if (status == 0) {
          ++unanswered;
          return;  // the connection is gone; what is left counts as unanswered below
        } else {
          ++other;
        }
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(unanswered.load(), 0);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(created.load(), kConnections * kWritesEach);
  // Every answer stands for a stored unit, and nothing else was stored.
  std::size_t stored = 0;
  std::string cursor;
  for (int page = 0; page < 200; ++page) {
    auto units =
        admin.get("/api/v1/units?limit=200" + (cursor.empty() ? "" : "&cursor=" + cursor)).json();
    stored += units["items"].size();
    if (units["next_cursor"].is_null()) break;
    cursor = units["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(stored, static_cast<std::size_t>(kConnections * kWritesEach));
}

}  // namespace
}  // namespace testing_http
