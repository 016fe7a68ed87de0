#include "core/logging.hpp"

#include <memory>

#include <nlohmann/json.hpp>
#include <spdlog/formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "core/time.hpp"

namespace core {
namespace {

class JsonFormatter : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    std::string_view view(msg.payload.data(), msg.payload.size());
    if (view.rfind("{\"ts\":", 0) == 0) {  // already a complete line (the access log)
      dest.append(view.data(), view.data() + view.size());
      dest.push_back('\n');
      return;
    }
    std::string payload(view);
    nlohmann::json line = {{"ts", to_iso(msg.time)},
                           {"level", spdlog::level::to_string_view(msg.level).data()}};
    if (!payload.empty() && payload.front() == '{') {
      auto parsed = nlohmann::json::parse(payload, nullptr, false);
      if (parsed.is_object()) {
        line.update(parsed);
      } else {
        line["msg"] = payload;
      }
    } else {
      line["msg"] = payload;
    }
    auto text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    dest.append(text.data(), text.data() + text.size());
    dest.push_back('\n');
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonFormatter>();
  }
};

}  // namespace

void use_json_logs() {
  auto logger = spdlog::stderr_logger_mt("fremdrift");
  logger->set_formatter(std::make_unique<JsonFormatter>());
  spdlog::set_default_logger(logger);
}

}  // namespace core
