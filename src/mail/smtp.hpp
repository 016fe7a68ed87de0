#pragma once

#include <string>

#include "mail/message.hpp"

namespace mail {

// The mail server, set by `serve` options and their environment variables. Without a host
// no mail is sent: it waits in the outbox.
struct SmtpConfig {
  std::string host;  // --smtp-host, env FREMDRIFT_SMTP_HOST
  int port = 587;    // --smtp-port, env FREMDRIFT_SMTP_PORT
  // --smtp-tls, env FREMDRIFT_SMTP_TLS: "starttls" (required before anything is sent, the
  // default), "tls" (implicit, port 465) or "none" (a relay on the same host only).
  std::string tls = "starttls";
  std::string user;      // --smtp-user, env FREMDRIFT_SMTP_USER
  std::string password;  // env FREMDRIFT_SMTP_PASSWORD only: not on the command line
  Sender from;           // --mail-from, env FREMDRIFT_MAIL_FROM
  long timeout_seconds = 30;

  bool configured() const { return !host.empty(); }
  // The environment's values (the options override them).
  static SmtpConfig from_env();
  // Throws core::ValidationError for an unknown tls mode, a port out of range or a
  // malformed sender address.
  void check() const;
};

// Sends one composed mail over SMTP with libcurl (its SMTP client and MIME writer); throws
// std::runtime_error with libcurl's reason when the server cannot be reached or refuses.
void send(const SmtpConfig& config, const Composed& mail);

}  // namespace mail
