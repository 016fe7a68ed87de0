#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace mail {

struct Attachment {
  std::string filename;      // "moede.ics"
  std::string content_type;  // "text/calendar; method=PUBLISH; charset=utf-8"
  std::string content;       // the bytes
};

// A mail to one person, as a feature hands it to mail::enqueue.
struct Message {
  std::string tenant_id;
  // Whose preference applies (immediately / daily digest / off); nullopt for an address
  // that belongs to no person (a citizen's): always sent at once.
  std::optional<std::string> person_id;
  std::string to;       // "anna@aarhus.dk"
  std::string to_name;  // "Anna Holm"; may be empty
  std::string kind;     // "meeting_invitation", "signal_answered": counted and shown per kind
  std::string locale;   // the language the texts are in
  std::string subject;
  std::string text;  // plain text, UTF-8
  std::vector<Attachment> attachments;
};

// Throws core::ValidationError(field, …) unless `address` is a plain addr-spec
// (local@domain.tld, ASCII, no spaces, quotes, angle brackets or line breaks).
void check_address(const std::string& field, std::string_view address);
// Throws core::ValidationError(field, …) when `value` holds a line break or another control
// character: written into a header, it would start a header of its own (header injection).
void check_header_text(const std::string& field, std::string_view value);
// Every check enqueue makes: both addresses, the texts that go into headers, the
// attachments' names and types, a subject and a text.
void check_message(const Message& m);

// The message's subject and text from the catalogue of `locale`: mail_<kind>_subject and
// mail_<kind>_text with each {name} replaced by `params`, and the common footer with the
// address of the page where the reader chooses how they get mail.
void fill_from_catalogue(Message& m, const nlohmann::json& params);

// RFC 2047: `text` as it is when printable ASCII, else as UTF-8 "B" encoded words of at
// most 75 characters each (never splitting a character), separated by CRLF and a space.
std::string encode_header_text(std::string_view text);
// "Name <addr>" with the name encoded (RFC 2047) or quoted; the bare address without a name.
std::string mailbox(std::string_view name, std::string_view address);
// RFC 5322 date, in UTC: "Sun, 06 Dec 2026 19:30:00 +0000".
std::string rfc5322_date(std::chrono::system_clock::time_point tp);

// The sender as configured (serve --mail-from).
struct Sender {
  std::string address;
  std::string name = "Fremdrift";
};

// What goes over the wire: the envelope, the header lines and the MIME parts (a text part
// and the attachments; libcurl writes the multipart body).
struct Composed {
  std::string envelope_from;
  std::string envelope_to;
  std::vector<std::string> headers;  // "Subject: …", each without CRLF at the end
  std::string text;
  std::vector<Attachment> attachments;
};
// `message_id`: unique per outbox row, so a resent mail is recognised as the same one.
Composed compose(const Message& m, const Sender& from, std::chrono::system_clock::time_point now,
                 const std::string& message_id);

// Attachments as the outbox keeps them: JSON with the content in base64.
std::string attachments_to_json(const std::vector<Attachment>& attachments);
std::vector<Attachment> attachments_from_json(std::string_view json);
std::string base64(std::string_view bytes);
std::string unbase64(std::string_view text);

}  // namespace mail
