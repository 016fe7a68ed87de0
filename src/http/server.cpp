#include "http/server.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <restinio/all.hpp>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/json_writer.hpp"

namespace http {
namespace {

// RESTinio answers nothing when it refuses a request while reading it (a parser error:
// a body over the limit, an address too long, malformed HTTP); it logs the reason and
// closes the connection. The logger below sees that reason just before the close, on
// the same thread, and leaves the status to answer with; the socket writes that short
// answer before it shuts down, so the client learns why instead of seeing a reset.
thread_local int early_status = 0;

int status_for_parser_error(std::string_view message) {
  if (message.find("parser error") == std::string_view::npos) return 0;
  if (message.find("HPE_CB_headers_complete") != std::string_view::npos ||
      message.find("HPE_CB_body") != std::string_view::npos)
    return 413;
  if (message.find("HPE_CB_url") != std::string_view::npos) return 414;
  if (message.find("HPE_HEADER_OVERFLOW") != std::string_view::npos ||
      message.find("HPE_CB_header_") != std::string_view::npos)
    return 431;
  return 400;
}

std::string early_answer(int status) {
  const char* reason = status == 413   ? "Payload Too Large"
                       : status == 414 ? "URI Too Long"
                       : status == 431 ? "Request Header Fields Too Large"
                                       : "Bad Request";
  const char* code = status == 413   ? "payload_too_large"
                     : status == 414 ? "uri_too_long"
                     : status == 431 ? "headers_too_large"
                                     : "bad_request";
  const char* message = status == 413   ? "request bodies are limited to 10 MB"
                        : status == 414 ? "the address is too long (at most 16 KB)"
                        : status == 431 ? "the request headers are too large"
                                        : "malformed HTTP request";
  std::string body = std::string(R"({"error":{"code":")") + code + R"(","message":")" + message +
                     R"(","fields":{}}})";
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n" + body;
}

// RESTinio's own messages go to the JSON log (warnings and errors; trace and info are
// per-connection chatter).
class Logger {
 public:
  template <typename Builder>
  void trace(Builder&&) const noexcept {}
  template <typename Builder>
  void info(Builder&&) const noexcept {}
  template <typename Builder>
  void warn(Builder&& builder) const noexcept {
    log(spdlog::level::warn, builder());
  }
  template <typename Builder>
  void error(Builder&& builder) const noexcept {
    std::string message = builder();
    early_status = status_for_parser_error(message);
    log(early_status == 0 ? spdlog::level::err : spdlog::level::info, message);
  }

 private:
  static void log(spdlog::level::level_enum level, const std::string& message) noexcept {
    try {
      nlohmann::json line = {{"msg", "http server"}, {"detail", message}};
      spdlog::log(level, "{}", to_json_text(line));
    } catch (...) {
    }
  }
};

// A TCP socket that, when RESTinio shuts it down after refusing a request, first sends
// the answer the logger left for this thread.
class AnsweringSocket : public asio::ip::tcp::socket {
 public:
  explicit AnsweringSocket(asio::io_context& io) : asio::ip::tcp::socket(io) {}
  AnsweringSocket(AnsweringSocket&&) = default;
  AnsweringSocket& operator=(AnsweringSocket&&) = default;

  void shutdown(asio::ip::tcp::socket::shutdown_type what, asio::error_code& ec) {
    if (early_status != 0) {
      auto answer = early_answer(early_status);
      early_status = 0;
      asio::error_code ignored;
      asio::write(*this, asio::buffer(answer), ignored);
    }
    asio::ip::tcp::socket::shutdown(what, ec);
  }
};

using Traits =
    restinio::traits_t<restinio::asio_timer_manager_t, Logger, restinio::default_request_handler_t,
                       restinio::default_strand_t, AnsweringSocket>;

const char* reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return status < 400 ? "OK" : "Error";
  }
}

Request to_request(const restinio::request_handle_t& raw, bool trust_proxy) {
  Request req;
  const auto& h = raw->header();
  req.method = h.method().c_str();
  req.path = std::string(h.path());
  req.raw_query = std::string(h.query());
  req.query = parse_urlencoded(req.raw_query);
  h.for_each_field([&](const restinio::http_header_field_t& f) {
    std::string name = f.name();
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.headers.emplace_back(std::move(name), f.value());
  });
  req.body = raw->body();
  req.remote_address = raw->remote_endpoint().address().to_string();
  if (auto forwarded = req.header("x-forwarded-for"); forwarded && trust_proxy) {
    auto comma = forwarded->rfind(',');
    std::string last = comma == std::string::npos ? *forwarded : forwarded->substr(comma + 1);
    auto first = last.find_first_not_of(' ');
    if (first != std::string::npos) req.remote_address = last.substr(first, 64);
  }
  // Only a trusted proxy may say the client spoke https; anyone can send the header.
  auto proto = req.header("x-forwarded-proto");
  req.secure = trust_proxy && proto && *proto == "https";
  return req;
}

// A response's file as RESTinio sends it (sendfile): its own descriptor of the file, which
// RESTinio closes when the answer is written; the handler's stream closes with the Response.
restinio::sendfile_t file_body(std::FILE& file) {
  std::fflush(&file);
  int fd = ::dup(::fileno(&file));
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("could not send the response's file");
  }
  return restinio::sendfile(restinio::file_descriptor_holder_t{fd},
                            restinio::file_meta_t{static_cast<restinio::file_size_t>(st.st_size),
                                                  std::chrono::system_clock::now()});
}

}  // namespace

void parse_listen(const std::string& listen, std::string& address, std::uint16_t& port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::invalid_argument("--listen must be ADDRESS:PORT");
  address = listen.substr(0, colon);
  int p = 0;
  try {
    p = std::stoi(listen.substr(colon + 1));
  } catch (const std::exception&) {
    throw std::invalid_argument("--listen port is not a number");
  }
  if (p < 0 || p > 65535) throw std::invalid_argument("--listen port out of range");
  port = static_cast<std::uint16_t>(p);
}

void serve(Pipeline& pipeline, const ServerOptions& options) {
  std::atomic<int> in_flight{0};
  std::atomic<bool> draining{false};
  asio::io_context io;

  auto handler = [&](restinio::request_handle_t raw) {
    ++in_flight;
    Request req = to_request(raw, options.trust_proxy);
    Response res =
        draining ? json_error({503, "shutting_down", "server is shutting down", {}, nullptr, 0})
                 : pipeline.handle(req);
    auto out = raw->create_response(restinio::http_status_line_t{
        restinio::http_status_code_t{static_cast<std::uint16_t>(res.status)},
        reason_phrase(res.status)});
    out.append_header(restinio::http_field::content_type, res.content_type);
    for (auto& [k, v] : res.headers) out.append_header(k, v);
    if (draining) out.connection_close();
    if (res.file) {
      out.set_body(file_body(*res.file));
    } else {
      out.set_body(std::move(res.body));
    }
    out.done();
    --in_flight;
    return restinio::request_accepted();
  };

  using Settings = restinio::server_settings_t<Traits>;
  Settings settings;
  settings.address(options.address)
      .port(options.port)
      .request_handler(handler)
      // With one request in flight (RESTinio's default), RESTinio 0.6 starts reading the next
      // request twice — after the handler and again when the answer's write completes — and
      // the second start resets the parser; when the next request's head had already been
      // read, its body was parsed as a request and the connection closed (issue 12, tested in
      // keepalive_http_test). Two in flight keeps the write from restarting the read.
      .max_pipelined_requests(2)
      .read_next_http_message_timelimit(std::chrono::seconds(60))
      .handle_request_timeout(std::chrono::seconds(60))
      .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                    .max_body_size(kMaxBodyBytes + 2 * 1024 * 1024)
                                    .max_url_size(kMaxUrlBytes));
  restinio::http_server_t<Traits> server{restinio::external_io_context(io), std::move(settings)};

  server.open_sync();
  std::uint16_t actual = options.port;
  if (options.on_listening) options.on_listening(actual);

  asio::signal_set signals(io, SIGINT, SIGTERM);
  std::thread stopper;
  signals.async_wait([&](const asio::error_code& ec, int sig) {
    if (ec) return;
    spdlog::info("{{\"msg\":\"signal {} received, finishing in-flight requests\"}}", sig);
    draining = true;
    stopper = std::thread([&] {
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
      while (in_flight > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      server.close_async([&] { io.stop(); }, [&](std::exception_ptr) { io.stop(); });
    });
  });

  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < options.threads; ++i) threads.emplace_back([&] { io.run(); });
  io.run();
  for (auto& t : threads) t.join();
  if (stopper.joinable()) stopper.join();
}

}  // namespace http
