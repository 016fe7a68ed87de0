#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace testing_http {

// A real SMTP server on loopback (aiosmtpd, tests/http/smtp_sink.py) that keeps every mail
// it receives, parsed: {rcpt_tos, subject, text, attachments: [{filename, content}], …}.
class SmtpSink {
 public:
  SmtpSink();  // on a free port; start() runs it
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;
  void start();  // returns once the server answers
  void stop();   // returns once the port is closed
  int port() const { return port_; }
  std::vector<nlohmann::json> mails() const;
  // Waits until at least `n` mails arrived (or `timeout` passed); returns them all.
  std::vector<nlohmann::json> wait_for(std::size_t n,
                                       std::chrono::seconds timeout = std::chrono::seconds(20));

 private:
  std::string dir_;
  int port_ = 0;
  int pid_ = -1;
};

// Sets the serve environment for mail through `sink` while it lives (a TestServer started
// meanwhile inherits it): no TLS on loopback, the outbox looked at every second, and the
// worker's clock moved on by the seconds written into `clock_offset_file`.
class MailEnvironment {
 public:
  MailEnvironment(const SmtpSink& sink, const std::string& clock_offset_file);
  ~MailEnvironment();
  MailEnvironment(const MailEnvironment&) = delete;
  MailEnvironment& operator=(const MailEnvironment&) = delete;
};

}  // namespace testing_http
