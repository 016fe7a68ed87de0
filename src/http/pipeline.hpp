#pragma once

#include <cstddef>
#include <functional>
#include <optional>

#include "core/auth_context.hpp"
#include "core/errors.hpp"
#include "http/error_mapping.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace http {

inline constexpr std::size_t kMaxBodyBytes = 10 * 1024 * 1024;
// The request target (path and query); a longer one is answered 414 while it is read.
inline constexpr std::size_t kMaxUrlBytes = 16 * 1024;

// Everything every request goes through, in one order: request id, size limit,
// routing, authentication, role, CSRF, the handler, error mapping, metrics, log.
struct PipelineHooks {
  std::function<std::optional<core::AuthContext>(const Request&)> authenticate;
  std::function<void(Request&)> resolve_locale;
  std::function<Response(const Request&, const ErrorInfo&)> html_error;
  // Whether the database connection broke during the request (and forgets it): a read is
  // then run once more, a write answered 503 (db::connection_lost).
  std::function<bool()> connection_lost;
};

class Pipeline {
 public:
  Pipeline(const Router& router, PipelineHooks hooks, Metrics& metrics)
      : router_(router), hooks_(std::move(hooks)), metrics_(metrics) {}

  Response handle(Request& req);

 private:
  Response dispatch(Request& req);
  Response dispatch_again_if_lost(Request& req);

  const Router& router_;
  PipelineHooks hooks_;
  Metrics& metrics_;
};

}  // namespace http
