// The outbox's checks before anything is stored, and how a mail is written: addresses,
// header injection, RFC 2047 words, the envelope and headers, attachments kept as JSON.
#include "mail/message.hpp"

#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace {

using mail::Message;

Message sample() {
  return {"tenant-1",           std::nullopt, "anna.holm@aarhus.dk",         "Anna Holm",
          "meeting_invitation", "da",         "Invitation: Styregruppemøde", "Hej Anna"};
}

std::string field_of(const std::function<void()>& run) {
  try {
    run();
  } catch (const core::ValidationError& e) {
    return e.fields().begin()->first + ": " + e.fields().begin()->second;
  }
  return "";
}

// Decodes one "=?UTF-8?B?…?=" word.
std::string decode_word(const std::string& word) {
  EXPECT_EQ(word.rfind("=?UTF-8?B?", 0), 0u) << word;
  EXPECT_EQ(word.substr(word.size() - 2), "?=");
  return mail::unbase64(word.substr(10, word.size() - 12));
}

TEST(MailAddress, PlainAddressesPass) {
  for (const char* ok :
       {"anna.holm@aarhus.dk", "a+tag@x.co", "o'neil@kommune.se", "x_y-z@sub.domain-1.dk"})
    EXPECT_EQ(field_of([&] { mail::check_address("to", ok); }), "") << ok;
}

TEST(MailAddress, MalformedAddressesAreRefusedWithTheField) {
  for (const char* bad :
       {"anna", "anna@", "@aarhus.dk", "anna@localhost", "a b@x.dk", "<a@x.dk>", "a@@x.dk",
        "a@-x.dk", "a..b@x.dk", ".a@x.dk", "æble@x.dk", "a@x..dk", "a,b@x.dk", "\"a\"@x.dk"}) {
    auto error = field_of([&] { mail::check_address("to", bad); });
    EXPECT_EQ(error.rfind("to: ", 0), 0u) << bad;
  }
  EXPECT_NE(field_of([&] { mail::check_address("to", "a@x.dk"); }), "to: ") << "sanity";
}

TEST(MailHeaders, LineBreaksInSubjectOrAddressAreHeaderInjection) {
  auto m = sample();
  m.subject = "Hej\r\nBcc: everyone@example.com";
  auto error = field_of([&] { mail::check_message(m); });
  EXPECT_EQ(error.rfind("subject: ", 0), 0u);
  EXPECT_NE(error.find("header injection"), std::string::npos);
  m = sample();
  m.to = "anna@aarhus.dk\nBcc: everyone@example.com";
  EXPECT_NE(field_of([&] { mail::check_message(m); }).find("header injection"), std::string::npos);
  m = sample();
  m.to_name = "Anna\rX-Evil: 1";
  EXPECT_EQ(field_of([&] { mail::check_message(m); }).rfind("to_name: ", 0), 0u);
  m = sample();
  m.attachments = {{"a\".ics", "text/calendar", "x"}};
  EXPECT_EQ(field_of([&] { mail::check_message(m); }).rfind("attachments: ", 0), 0u);
  // compose checks again, and the sender too.
  EXPECT_THROW(mail::compose(sample(), {"fremdrift@aarhus.dk", "Fremdrift\nBcc: x@y.dk"},
                             std::chrono::system_clock::now(), "id1"),
               core::ValidationError);
}

TEST(MailHeaders, SubjectAndTextAreRequired) {
  auto m = sample();
  m.subject.clear();
  EXPECT_EQ(field_of([&] { mail::check_message(m); }), "subject: is required");
  m = sample();
  m.text.clear();
  EXPECT_EQ(field_of([&] { mail::check_message(m); }), "text: is required");
}

TEST(MailHeaders, NonAsciiTextBecomesEncodedWordsThatNeverSplitACharacter) {
  EXPECT_EQ(mail::encode_header_text("Plain subject"), "Plain subject");
  EXPECT_EQ(mail::encode_header_text("Møde"), "=?UTF-8?B?TcO4ZGU=?=");
  std::string long_text;
  for (int i = 0; i < 30; ++i) long_text += "Ærø å ø ";
  auto encoded = mail::encode_header_text(long_text);
  std::string decoded;
  std::size_t start = 0;
  while (start < encoded.size()) {
    auto end = encoded.find("\r\n ", start);
    auto word = encoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
    EXPECT_LE(word.size(), 75u);
    auto part = decode_word(word);
    // Each word ends on a whole character: no lead byte without its continuation.
    auto last = static_cast<unsigned char>(part.back());
    EXPECT_TRUE(last < 0x80 || (last & 0xc0) == 0x80) << word;
    decoded += part;
    start = end == std::string::npos ? encoded.size() : end + 3;
  }
  EXPECT_EQ(decoded, long_text);
}

TEST(MailHeaders, MailboxesQuoteOrEncodeTheName) {
  EXPECT_EQ(mail::mailbox("", "a@x.dk"), "a@x.dk");
  EXPECT_EQ(mail::mailbox("Anna Holm", "a@x.dk"), "Anna Holm <a@x.dk>");
  EXPECT_EQ(mail::mailbox("Holm, Anna", "a@x.dk"), "\"Holm, Anna\" <a@x.dk>");
  EXPECT_EQ(mail::mailbox("Søren", "s@x.dk"), "=?UTF-8?B?U8O4cmVu?= <s@x.dk>");
}

TEST(MailCompose, EnvelopeAndHeadersOfOneMail) {
  using namespace std::chrono;
  auto at = sys_days{year{2026} / 12 / 6} + hours(19) + minutes(30);
  auto m = sample();
  m.attachments = {{"invitation.ics", "text/calendar; charset=utf-8", "BEGIN:VCALENDAR"}};
  auto c = mail::compose(m, {"noreply@fremdrift.aarhus.dk", "Fremdrift"}, at, "01ABC");
  EXPECT_EQ(c.envelope_from, "noreply@fremdrift.aarhus.dk");
  EXPECT_EQ(c.envelope_to, "anna.holm@aarhus.dk");
  auto has = [&](const std::string& line) {
    return std::find(c.headers.begin(), c.headers.end(), line) != c.headers.end();
  };
  EXPECT_TRUE(has("From: Fremdrift <noreply@fremdrift.aarhus.dk>"));
  EXPECT_TRUE(has("To: Anna Holm <anna.holm@aarhus.dk>"));
  EXPECT_TRUE(has("Subject: " + mail::encode_header_text("Invitation: Styregruppemøde")));
  EXPECT_TRUE(has("Date: Sun, 06 Dec 2026 19:30:00 +0000"));
  EXPECT_TRUE(has("Message-ID: <01ABC@fremdrift.aarhus.dk>"));
  EXPECT_TRUE(has("Content-Language: da"));
  for (const auto& h : c.headers) EXPECT_EQ(h.find_first_of("\r\n"), std::string::npos) << h;
  ASSERT_EQ(c.attachments.size(), 1u);
  EXPECT_EQ(c.attachments[0].filename, "invitation.ics");
  EXPECT_EQ(c.text, "Hej Anna");
}

TEST(MailCompose, AttachmentsSurviveTheOutboxAsJson) {
  std::string bytes = "BEGIN:VCALENDAR\r\n";
  bytes += std::string("\0\xff\x80 æ", 6);
  auto json =
      mail::attachments_to_json({{"a.ics", "text/calendar", bytes}, {"b.txt", "text/plain", ""}});
  auto back = mail::attachments_from_json(json);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].content, bytes);
  EXPECT_EQ(back[0].filename, "a.ics");
  EXPECT_EQ(back[1].content, "");
  EXPECT_TRUE(mail::attachments_from_json("not json").empty());
}

TEST(MailTemplates, TextsComeFromTheRecipientsCatalogue) {
  nlohmann::json params = {{"title", "Styregruppe"},
                           {"project", "Hjemmepleje"},
                           {"when", "2026-12-07 09:00"},
                           {"place", "Rådhuset"},
                           {"link", "https://fremdrift.test/x"}};
  std::map<std::string, std::string> subjects;
  for (std::string locale : {"da", "sv", "en"}) {
    Message m{"t", std::nullopt, "a@x.dk", "", "meeting_invitation", locale};
    mail::fill_from_catalogue(m, params);
    subjects[locale] = m.subject;
    EXPECT_NE(m.text.find("https://fremdrift.test/x"), std::string::npos) << locale;
    EXPECT_NE(m.text.find("Rådhuset"), std::string::npos) << locale;
    EXPECT_NE(m.text.find("\n-- \n"), std::string::npos) << "footer, " << locale;
  }
  EXPECT_EQ(subjects["da"], "Invitation: Styregruppe");
  EXPECT_EQ(subjects["sv"], "Inbjudan: Styregruppe");
  EXPECT_EQ(subjects["en"], "Invitation: Styregruppe");
  Message unknown{"t", std::nullopt, "a@x.dk", "", "meeting_invitation", "fr"};
  mail::fill_from_catalogue(unknown, params);
  EXPECT_EQ(unknown.locale, "da");
}

}  // namespace
