#include "sso/saml_xml.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>

#include <libxml/parser.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <xmlsec/xmlsec.h>

namespace sso::saml::xml {
namespace {
// xmlsec prints every failed check to stderr; a refused response is reported by the caller
// with its reason instead.
void quiet(const char*, int, const char*, const char*, const char*, int, const char*) {}
}  // namespace

void init_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    if (xmlSecInit() < 0 || xmlSecCryptoAppInit(nullptr) < 0 || xmlSecCryptoInit() < 0) {
      throw std::runtime_error("xmlsec initialisation failed");
    }
    xmlSecErrorsSetCallback(quiet);
  });
}

Doc parse(std::string_view text) {
  init_once();
  if (text.size() > 4 * 1024 * 1024) return nullptr;
  Doc doc(xmlReadMemory(text.data(), static_cast<int>(text.size()), "saml.xml", nullptr,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc || doc->intSubset != nullptr || xmlDocGetRootElement(doc.get()) == nullptr) {
    return nullptr;
  }
  return doc;
}

bool is(const xmlNode* n, const char* ns, const char* name) {
  return n != nullptr && n->type == XML_ELEMENT_NODE && n->ns != nullptr &&
         xmlStrEqual(n->ns->href, BAD_CAST ns) && xmlStrEqual(n->name, BAD_CAST name);
}

std::vector<xmlNode*> children(const xmlNode* parent, const char* ns, const char* name) {
  std::vector<xmlNode*> out;
  if (parent == nullptr) return out;
  for (xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (is(c, ns, name)) out.push_back(c);
  }
  return out;
}

xmlNode* child(const xmlNode* parent, const char* ns, const char* name, bool* several) {
  auto all = children(parent, ns, name);
  if (several != nullptr) *several = all.size() > 1;
  return all.empty() ? nullptr : all.front();
}

bool has_attr(const xmlNode* n, const char* name) {
  return n != nullptr && xmlHasProp(n, BAD_CAST name) != nullptr;
}

std::string attr(const xmlNode* n, const char* name) {
  if (n == nullptr) return {};
  xmlChar* v = xmlGetNoNsProp(n, BAD_CAST name);
  if (v == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

std::string text(const xmlNode* n) {
  if (n == nullptr) return {};
  xmlChar* v = xmlNodeGetContent(n);
  if (v == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  auto space = [](unsigned char c) { return std::isspace(c) != 0; };
  out.erase(out.begin(), std::find_if_not(out.begin(), out.end(), space));
  out.erase(std::find_if_not(out.rbegin(), out.rend(), space).base(), out.end());
  return out;
}

std::string der_base64_to_pem(std::string_view b64) {
  std::string clean;
  for (char c : b64) {
    if (std::isspace(static_cast<unsigned char>(c)) == 0) clean += c;
  }
  std::string pem = "-----BEGIN CERTIFICATE-----\n";
  for (std::size_t i = 0; i < clean.size(); i += 64) pem += clean.substr(i, 64) + "\n";
  pem += "-----END CERTIFICATE-----\n";
  return pem;
}

}  // namespace sso::saml::xml
