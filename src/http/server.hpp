#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "http/pipeline.hpp"

namespace http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;
  std::size_t threads = 4;
  // Behind a load balancer every client has the balancer's address; when the
  // proxy is trusted, the last X-Forwarded-For hop is the client's address.
  bool trust_proxy = false;
  // Called once the listening socket is open (tests and `make run` wait for it).
  std::function<void(std::uint16_t actual_port)> on_listening;
};

// Serves until SIGTERM or SIGINT, then stops accepting, lets in-flight requests
// finish (up to 20 s), and returns.
void serve(Pipeline& pipeline, const ServerOptions& options);

// "127.0.0.1:8080" → address and port; throws std::invalid_argument.
void parse_listen(const std::string& listen, std::string& address, std::uint16_t& port);

}  // namespace http
