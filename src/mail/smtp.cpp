#include "mail/smtp.hpp"

#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>

#include <curl/curl.h>

#include "core/errors.hpp"

namespace mail {
namespace {

std::string env(const char* name, const std::string& fallback = "") {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
  void operator()(curl_mime* m) const { curl_mime_free(m); }
  void operator()(curl_slist* s) const { curl_slist_free_all(s); }
};

void check(CURLcode code, const char* what) {
  if (code != CURLE_OK)
    throw std::runtime_error(std::string(what) + ": " + curl_easy_strerror(code));
}

void add_part(curl_mime* mime, const std::string& data, const char* type, const char* encoder,
              const char* filename) {
  curl_mimepart* part = curl_mime_addpart(mime);
  check(curl_mime_data(part, data.data(), data.size()), "mime data");
  check(curl_mime_type(part, type), "mime type");
  check(curl_mime_encoder(part, encoder), "mime encoder");
  if (filename) check(curl_mime_filename(part, filename), "mime filename");
}

}  // namespace

SmtpConfig SmtpConfig::from_env() {
  SmtpConfig c;
  c.host = env("FREMDRIFT_SMTP_HOST");
  c.port = std::atoi(env("FREMDRIFT_SMTP_PORT", "587").c_str());
  c.tls = env("FREMDRIFT_SMTP_TLS", "starttls");
  c.user = env("FREMDRIFT_SMTP_USER");
  c.password = env("FREMDRIFT_SMTP_PASSWORD");
  c.from.address = env("FREMDRIFT_MAIL_FROM", "fremdrift@localhost.localdomain");
  return c;
}

void SmtpConfig::check() const {
  if (tls != "starttls" && tls != "tls" && tls != "none")
    throw core::ValidationError("smtp-tls", "one of starttls, tls, none");
  if (port < 1 || port > 65535) throw core::ValidationError("smtp-port", "1 to 65535");
  check_address("mail-from", from.address);
}

void send(const SmtpConfig& config, const Composed& mail) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) throw std::runtime_error("libcurl could not start");
  CURL* c = curl.get();
  auto url = std::string(config.tls == "tls" ? "smtps://" : "smtp://") + config.host + ":" +
             std::to_string(config.port);
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, config.timeout_seconds);
  if (config.tls == "starttls")
    curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!config.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, config.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, config.password.c_str());
  }
  auto from = "<" + mail.envelope_from + ">";
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  std::unique_ptr<curl_slist, CurlDeleter> rcpt(
      curl_slist_append(nullptr, ("<" + mail.envelope_to + ">").c_str()));
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_slist* headers = nullptr;
  for (const auto& h : mail.headers) headers = curl_slist_append(headers, h.c_str());
  std::unique_ptr<curl_slist, CurlDeleter> header_list(headers);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  std::unique_ptr<curl_mime, CurlDeleter> mime(curl_mime_init(c));
  add_part(mime.get(), mail.text, "text/plain; charset=utf-8", "quoted-printable", nullptr);
  for (const auto& a : mail.attachments)
    add_part(mime.get(), a.content, a.content_type.c_str(), "base64", a.filename.c_str());
  curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get());
  auto code = curl_easy_perform(c);
  if (code != CURLE_OK)
    throw std::runtime_error(std::string(curl_easy_strerror(code)) + (*error ? ": " : "") + error);
}

}  // namespace mail
