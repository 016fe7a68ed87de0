#pragma once
// libxml2 helpers for the SAML files: a parsed document that refuses DTDs and the network,
// and namespace-aware child lookups (prefixes vary between IdPs, so names are matched by
// namespace URI, never by prefix).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <libxml/tree.h>

namespace sso::saml::xml {

inline constexpr const char* kProtocol = "urn:oasis:names:tc:SAML:2.0:protocol";
inline constexpr const char* kAssertion = "urn:oasis:names:tc:SAML:2.0:assertion";
inline constexpr const char* kMetadata = "urn:oasis:names:tc:SAML:2.0:metadata";
inline constexpr const char* kDsig = "http://www.w3.org/2000/09/xmldsig#";
inline constexpr const char* kXenc = "http://www.w3.org/2001/04/xmlenc#";

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using Doc = std::unique_ptr<xmlDoc, DocFree>;

// Initialises libxml2 and xmlsec (OpenSSL) once per process.
void init_once();

// Parses without DTD loading, entity expansion or network access; a document with a DOCTYPE
// is refused (returns null), as are parse errors.
Doc parse(std::string_view text);

bool is(const xmlNode* n, const char* ns, const char* name);
std::vector<xmlNode*> children(const xmlNode* parent, const char* ns, const char* name);
// The one such child, null when absent; `*several` is set when there are more than one.
xmlNode* child(const xmlNode* parent, const char* ns, const char* name, bool* several = nullptr);
std::string attr(const xmlNode* n, const char* name);
bool has_attr(const xmlNode* n, const char* name);
std::string text(const xmlNode* n);  // trimmed content

// A certificate's base64 DER (as metadata holds it) as PEM, and back.
std::string der_base64_to_pem(std::string_view b64);

}  // namespace sso::saml::xml
