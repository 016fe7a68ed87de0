#include "mail/message.hpp"

#include <ctime>

#include <fmt/format.h>
#include <sodium.h>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "core/message.hpp"
#include "web/i18n.hpp"
#include "web/public_url.hpp"

namespace mail {
namespace {

constexpr std::size_t kMaxSubject = 400;

bool printable_ascii(std::string_view text) {
  for (unsigned char c : text)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

// The length of the UTF-8 sequence that starts with `lead`.
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

}  // namespace

void check_address(const std::string& field, std::string_view address) {
  check_header_text(field, address);
  if (!core::is_valid_email(address))
    throw core::ValidationError(field, "is not an e-mail address (name@example.dk)");
}

void check_header_text(const std::string& field, std::string_view value) {
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7f)
      throw core::ValidationError(
          field, "must not contain line breaks or control characters (header injection)");
  }
}

void check_message(const Message& m) {
  check_address("to", m.to);
  check_header_text("to_name", m.to_name);
  check_header_text("subject", m.subject);
  if (m.subject.empty()) throw core::ValidationError("subject", "is required");
  if (m.subject.size() > kMaxSubject)
    throw core::ValidationError("subject", fmt::format("at most {} characters", kMaxSubject));
  if (m.text.empty()) throw core::ValidationError("text", "is required");
  if (m.tenant_id.empty()) throw core::ValidationError("tenant_id", "is required");
  for (const auto& a : m.attachments) {
    check_header_text("attachments", a.filename);
    check_header_text("attachments", a.content_type);
    if (a.filename.empty() || a.filename.find_first_of("\"\\/") != std::string::npos)
      throw core::ValidationError("attachments", "a file name without quotes or slashes");
  }
}

void fill_from_catalogue(Message& m, const nlohmann::json& params) {
  auto locale = web::is_locale(m.locale) ? m.locale : std::string(web::kDefaultLocale);
  m.locale = locale;
  m.subject = web::render_message(locale, {"mail_" + m.kind + "_subject", params});
  // Where the reader changes how they get mail; a relative address without --public-url.
  auto footer = params;
  footer["settings"] = web::public_url() + "/account/mail";
  m.text = web::render_message(locale, {"mail_" + m.kind + "_text", params}) + "\n\n-- \n" +
           web::render_message(locale, {"mail_footer", footer}) + "\n";
}

std::string encode_header_text(std::string_view text) {
  if (printable_ascii(text)) return std::string(text);
  // 75 characters per word: "=?UTF-8?B?" and "?=" leave 63 for base64, 45 bytes of text.
  constexpr std::size_t kChunk = 45;
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = i;
    while (end < text.size()) {
      auto n = sequence_length(static_cast<unsigned char>(text[end]));
      if (end - i + n > kChunk) break;
      end += n;
    }
    if (end == i) end = std::min(text.size(), i + 1);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string mailbox(std::string_view name, std::string_view address) {
  if (name.empty()) return std::string(address);
  std::string shown;
  if (printable_ascii(name) && name.find_first_of("\"\\()<>@,;:[]") == std::string_view::npos) {
    shown = name;
  } else if (printable_ascii(name)) {
    shown = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') shown += '\\';
      shown += c;
    }
    shown += "\"";
  } else {
    shown = encode_header_text(name);
  }
  return shown + " <" + std::string(address) + ">";
}

std::string rfc5322_date(std::chrono::system_clock::time_point tp) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t secs = std::chrono::system_clock::to_time_t(tp);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", kDays[tm.tm_wday], tm.tm_mday,
                     kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

Composed compose(const Message& m, const Sender& from, std::chrono::system_clock::time_point now,
                 const std::string& message_id) {
  check_message(m);
  check_address("from", from.address);
  check_header_text("from", from.name);
  auto domain = from.address.substr(from.address.rfind('@') + 1);
  Composed c;
  c.envelope_from = from.address;
  c.envelope_to = m.to;
  c.headers = {"From: " + mailbox(from.name, from.address),
               "To: " + mailbox(m.to_name, m.to),
               "Subject: " + encode_header_text(m.subject),
               "Date: " + rfc5322_date(now),
               "Message-ID: <" + message_id + "@" + domain + ">",
               "Content-Language: " + m.locale,
               "Auto-Submitted: auto-generated"};
  c.text = m.text;
  c.attachments = m.attachments;
  return c;
}

std::string attachments_to_json(const std::vector<Attachment>& attachments) {
  auto out = nlohmann::json::array();
  for (const auto& a : attachments)
    out.push_back({{"filename", a.filename},
                   {"content_type", a.content_type},
                   {"content", base64(a.content)}});
  return out.dump();
}

std::vector<Attachment> attachments_from_json(std::string_view json) {
  std::vector<Attachment> out;
  auto parsed = nlohmann::json::parse(json, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& a : parsed)
    out.push_back(
        {a.value("filename", ""), a.value("content_type", ""), unbase64(a.value("content", ""))});
  return out;
}

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string unbase64(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return "";
  out.resize(length);
  return out;
}

}  // namespace mail
