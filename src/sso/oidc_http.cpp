#include "sso/oidc_http.hpp"

#include <cctype>
#include <memory>

#include <curl/curl.h>

#include "core/errors.hpp"

namespace sso {
namespace {

constexpr long kTimeoutSeconds = 10;
// Discovery, keys and tokens are small; so is one IdP's SAML metadata (a federation's whole
// aggregate is not what a provider is given: it names one entity).
constexpr std::size_t kMaxBody = 1 << 20;

std::size_t collect(char* data, std::size_t size, std::size_t count, void* out) {
  auto* body = static_cast<std::string*>(out);
  if (body->size() + size * count > kMaxBody) return 0;  // curl then fails the transfer
  body->append(data, size * count);
  return size * count;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

std::string url_encode(const std::string& value) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string form_encode(const std::map<std::string, std::string>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += url_encode(k) + "=" + url_encode(v);
  }
  return out;
}

HttpAnswer http_call(const HttpCall& call) {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) throw core::Unavailable("libcurl could not start", "sso_unreachable");
  HttpAnswer answer;
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, call.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, kTimeoutSeconds);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer.body);
  const std::string accept = "Accept: " + call.accept;
  std::unique_ptr<curl_slist, ListDeleter> headers(curl_slist_append(nullptr, accept.c_str()));
  std::string body;
  if (!call.form.empty()) {
    body = form_encode(call.form);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  std::string basic;
  if (!call.basic_user.empty()) {
    // RFC 6749 2.3.1: the client id and secret are form-encoded before they are joined.
    basic = url_encode(call.basic_user) + ":" + url_encode(call.basic_password);
    curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(c, CURLOPT_USERPWD, basic.c_str());
  }
  std::string bearer;
  if (!call.bearer.empty()) {
    bearer = "Authorization: Bearer " + call.bearer;
    headers.reset(curl_slist_append(headers.release(), bearer.c_str()));
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  auto rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    throw core::Unavailable(
        std::string("the identity provider could not be reached: ") + curl_easy_strerror(rc),
        "sso_unreachable");
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &answer.status);
  return answer;
}

}  // namespace sso
