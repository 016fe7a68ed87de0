#include "sso/saml_response.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>

#include <libxml/parser.h>
#include <libxml/valid.h>
#include <xmlsec/crypto.h>
#include <xmlsec/keys.h>
#include <xmlsec/transforms.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlenc.h>
#include <xmlsec/xmltree.h>

#include "core/time.hpp"
#include "sso/saml_signature.hpp"
#include "sso/saml_xml.hpp"

namespace sso::saml {
namespace {

using xml::kAssertion;
using xml::kDsig;
using xml::kProtocol;
using xml::kXenc;

constexpr std::string_view kSuccess = "urn:oasis:names:tc:SAML:2.0:status:Success";
constexpr std::string_view kBearer = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
// CBC modes of XML Encryption fall to padding-oracle attacks; only GCM is accepted, and
// RSA-OAEP for the key (never PKCS#1 v1.5).
constexpr std::string_view kDataAlgorithms[] = {"http://www.w3.org/2009/xmlenc11#aes128-gcm",
                                                "http://www.w3.org/2009/xmlenc11#aes256-gcm"};
constexpr std::string_view kKeyAlgorithms[] = {"http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p",
                                               "http://www.w3.org/2009/xmlenc11#rsa-oaep"};

[[noreturn]] void refuse(Refusal r, const std::string& detail) { throw Refused(r, detail); }

struct KeyFree {
  void operator()(xmlSecKey* k) const { xmlSecKeyDestroy(k); }
};
struct DsigFree {
  void operator()(xmlSecDSigCtx* c) const { xmlSecDSigCtxDestroy(c); }
};
struct EncFree {
  void operator()(xmlSecEncCtx* c) const { xmlSecEncCtxDestroy(c); }
};
struct MngrFree {
  void operator()(xmlSecKeysMngr* m) const { xmlSecKeysMngrDestroy(m); }
};

std::unique_ptr<xmlSecKey, KeyFree> load_key(const std::string& pem, xmlSecKeyDataFormat format) {
  return std::unique_ptr<xmlSecKey, KeyFree>(xmlSecCryptoAppKeyLoadMemory(
      reinterpret_cast<const xmlSecByte*>(pem.data()), static_cast<xmlSecSize>(pem.size()), format,
      nullptr, nullptr, nullptr));
}

// Registers the element's ID so that "#id" resolves to this node and no other; a second
// element claiming the same ID makes the document malformed.
std::string register_id(xmlDoc* doc, xmlNode* el) {
  std::string id = xml::attr(el, "ID");
  if (id.empty()) refuse(Refusal::kMalformed, "element without ID");
  xmlAttr* a = xmlHasProp(el, BAD_CAST "ID");
  if (xmlGetID(doc, BAD_CAST id.c_str()) != nullptr) {
    if (xmlGetID(doc, BAD_CAST id.c_str()) != a) refuse(Refusal::kMalformed, "duplicate ID");
    return id;
  }
  if (xmlAddID(nullptr, doc, BAD_CAST id.c_str(), a) == nullptr) {
    refuse(Refusal::kMalformed, "duplicate ID");
  }
  return id;
}

bool allowed(std::string_view alg, const auto& list) {
  return std::find(std::begin(list), std::end(list), alg) != std::end(list);
}

void check_key_algorithms(const xmlNode* n) {
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (xml::is(c, kXenc, "EncryptedKey")) {
      auto alg = xml::attr(xml::child(c, kXenc, "EncryptionMethod"), "Algorithm");
      if (!allowed(alg, kKeyAlgorithms)) refuse(Refusal::kEncryption, "key transport " + alg);
    }
    if (c->type == XML_ELEMENT_NODE) check_key_algorithms(c);
  }
}

// Replaces the EncryptedAssertion with the Assertion it holds and returns that.
xmlNode* decrypt(xmlNode* encrypted, const Expectations& expect) {
  bool several = false;
  xmlNode* data = xml::child(encrypted, kXenc, "EncryptedData", &several);
  if (data == nullptr || several) refuse(Refusal::kMalformed, "EncryptedAssertion");
  auto alg = xml::attr(xml::child(data, kXenc, "EncryptionMethod"), "Algorithm");
  if (!allowed(alg, kDataAlgorithms)) refuse(Refusal::kEncryption, "data encryption " + alg);
  check_key_algorithms(encrypted);
  if (expect.sp_private_key_pem.empty()) refuse(Refusal::kEncryption, "no SP key");
  std::vector<std::string> keys{expect.sp_private_key_pem};
  keys.insert(keys.end(), expect.sp_other_private_keys_pem.begin(),
              expect.sp_other_private_keys_pem.end());
  // One key at a time: the EncryptedKey names no key, and a manager holding several would
  // hand xmlsec the first RSA key whatever the IdP encrypted to. A failed attempt leaves
  // the EncryptedData as it was (xmlsec replaces the node only after decrypting it).
  bool decrypted = false;
  for (const auto& pem : keys) {
    std::unique_ptr<xmlSecKeysMngr, MngrFree> mngr(xmlSecKeysMngrCreate());
    auto key = load_key(pem, xmlSecKeyDataFormatPem);
    if (!mngr || !key || xmlSecCryptoAppDefaultKeysMngrInit(mngr.get()) < 0 ||
        xmlSecCryptoAppDefaultKeysMngrAdoptKey(mngr.get(), key.get()) < 0) {
      refuse(Refusal::kEncryption, "SP key unusable");
    }
    (void)key.release();  // the manager owns it now
    std::unique_ptr<xmlSecEncCtx, EncFree> ctx(xmlSecEncCtxCreate(mngr.get()));
    if (ctx && xmlSecEncCtxDecrypt(ctx.get(), data) >= 0 && ctx->result != nullptr) {
      decrypted = true;
      break;
    }
  }
  if (!decrypted) refuse(Refusal::kEncryption, "cannot decrypt the assertion");
  xmlNode* assertion = xml::child(encrypted, kAssertion, "Assertion", &several);
  if (assertion == nullptr || several) refuse(Refusal::kEncryption, "no assertion inside");
  xmlUnlinkNode(assertion);
  xmlReplaceNode(encrypted, assertion);
  xmlFreeNode(encrypted);
  return assertion;
}

Clock::time_point instant_attr(const xmlNode* n, const char* name) {
  try {
    return parse_instant(xml::attr(n, name));
  } catch (const std::invalid_argument&) {
    refuse(Refusal::kMalformed, std::string("bad instant in ") + name);
  }
}

// Conditions: the validity window and an AudienceRestriction naming us (every restriction
// present must be met, SAML core 2.5.1.4). Returns the NotOnOrAfter, if any.
std::optional<Clock::time_point> check_conditions(const xmlNode* conditions,
                                                  const Expectations& e) {
  if (conditions == nullptr) refuse(Refusal::kAudience, "no Conditions");
  std::optional<Clock::time_point> until;
  if (xml::has_attr(conditions, "NotBefore") &&
      instant_attr(conditions, "NotBefore") > e.now + e.skew) {
    refuse(Refusal::kNotYetValid, "Conditions NotBefore");
  }
  if (xml::has_attr(conditions, "NotOnOrAfter")) {
    until = instant_attr(conditions, "NotOnOrAfter");
    if (*until <= e.now - e.skew) refuse(Refusal::kExpired, "Conditions NotOnOrAfter");
  }
  auto restrictions = xml::children(conditions, kAssertion, "AudienceRestriction");
  if (restrictions.empty()) refuse(Refusal::kAudience, "no AudienceRestriction");
  for (const xmlNode* r : restrictions) {
    auto audiences = xml::children(r, kAssertion, "Audience");
    bool ours = std::any_of(audiences.begin(), audiences.end(),
                            [&](const xmlNode* a) { return xml::text(a) == e.sp_entity_id; });
    if (!ours) refuse(Refusal::kAudience, "audience is not this SP");
  }
  return until;
}

// At least one bearer confirmation for this ACS, within its time and answering our request;
// when none is, the most telling reason of the last one tried is given.
Clock::time_point check_subject(const xmlNode* subject, const Expectations& e) {
  if (subject == nullptr) refuse(Refusal::kMalformed, "no Subject");
  Refusal why = Refusal::kRecipient;
  std::string detail = "no bearer SubjectConfirmation";
  for (const xmlNode* sc : xml::children(subject, kAssertion, "SubjectConfirmation")) {
    if (xml::attr(sc, "Method") != kBearer) continue;
    const xmlNode* d = xml::child(sc, kAssertion, "SubjectConfirmationData");
    if (xml::attr(d, "Recipient") != e.acs_url) {
      why = Refusal::kRecipient, detail = "Recipient is not this ACS";
    } else if (xml::attr(d, "InResponseTo") != e.request_id) {
      why = Refusal::kInResponseTo, detail = "SubjectConfirmationData InResponseTo";
    } else if (!xml::has_attr(d, "NotOnOrAfter") ||
               instant_attr(d, "NotOnOrAfter") <= e.now - e.skew) {
      why = Refusal::kExpired, detail = "SubjectConfirmationData NotOnOrAfter";
    } else if (xml::has_attr(d, "NotBefore") && instant_attr(d, "NotBefore") > e.now + e.skew) {
      why = Refusal::kNotYetValid, detail = "SubjectConfirmationData NotBefore";
    } else {
      return instant_attr(d, "NotOnOrAfter");
    }
  }
  refuse(why, detail);
}

void read_attributes(const xmlNode* assertion, Assertion& out) {
  for (const xmlNode* st : xml::children(assertion, kAssertion, "AttributeStatement")) {
    for (const xmlNode* a : xml::children(st, kAssertion, "Attribute")) {
      std::vector<std::string> values;
      for (const xmlNode* v : xml::children(a, kAssertion, "AttributeValue")) {
        values.push_back(xml::text(v));
      }
      for (const auto& key : {xml::attr(a, "Name"), xml::attr(a, "FriendlyName")}) {
        if (!key.empty() && !out.attributes.contains(key)) out.attributes[key] = values;
      }
    }
  }
}

// An element the schema allows once: a second one (which a reader might take instead of the
// one checked) makes the document malformed.
xmlNode* at_most_one(const xmlNode* parent, const char* ns, const char* name) {
  bool several = false;
  xmlNode* n = xml::child(parent, ns, name, &several);
  if (several) refuse(Refusal::kMalformed, std::string("two ") + name);
  return n;
}

xmlNode* response_root(xmlDoc* doc) {
  xmlNode* root = xmlDocGetRootElement(doc);
  if (!xml::is(root, kProtocol, "Response") || xml::attr(root, "Version") != "2.0") {
    refuse(Refusal::kMalformed, "not a SAML 2.0 Response");
  }
  return root;
}

}  // namespace

// Exactly one reference, to `el` itself, and only the transforms SAML uses, so a signature
// over some other part of the document (XML signature wrapping) never vouches for the element
// we read.
void verify_enveloped_signature(xmlDoc* doc, xmlNode* el, xmlNode* sig,
                                const std::vector<std::string>& certificates_pem) {
  const std::string id = register_id(doc, el);
  xmlNode* signed_info = xml::child(sig, kDsig, "SignedInfo");
  auto refs = xml::children(signed_info, kDsig, "Reference");
  if (refs.size() != 1 || xml::attr(refs[0], "URI") != "#" + id) {
    refuse(Refusal::kBadSignature, "signature does not reference the signed element");
  }
  for (const auto& cert : certificates_pem) {
    auto key = load_key(cert, xmlSecKeyDataFormatCertPem);
    if (!key) continue;
    std::unique_ptr<xmlSecDSigCtx, DsigFree> ctx(xmlSecDSigCtxCreate(nullptr));
    // A key given here is used as is; KeyInfo in the document (which anyone can write) is
    // never asked for one.
    ctx->signKey = key.release();
    ctx->enabledReferenceUris = xmlSecTransformUriTypeSameDocument;
    for (auto t : {xmlSecTransformEnvelopedId, xmlSecTransformExclC14NId,
                   xmlSecTransformExclC14NWithCommentsId, xmlSecTransformSha256Id,
                   xmlSecTransformSha384Id, xmlSecTransformSha512Id}) {
      xmlSecDSigCtxEnableReferenceTransform(ctx.get(), t);
    }
    for (auto t : {xmlSecTransformExclC14NId, xmlSecTransformExclC14NWithCommentsId,
                   xmlSecTransformRsaSha256Id, xmlSecTransformRsaSha384Id,
                   xmlSecTransformRsaSha512Id, xmlSecTransformEcdsaSha256Id,
                   xmlSecTransformEcdsaSha384Id, xmlSecTransformEcdsaSha512Id}) {
      xmlSecDSigCtxEnableSignatureTransform(ctx.get(), t);
    }
    if (xmlSecDSigCtxVerify(ctx.get(), sig) == 0 && ctx->status == xmlSecDSigStatusSucceeded) {
      return;
    }
  }
  refuse(Refusal::kBadSignature, "signature does not verify with the IdP's certificates");
}

std::string_view refusal_name(Refusal r) {
  switch (r) {
    case Refusal::kMalformed:
      return "malformed";
    case Refusal::kStatus:
      return "status";
    case Refusal::kUnsigned:
      return "unsigned";
    case Refusal::kBadSignature:
      return "bad_signature";
    case Refusal::kEncryption:
      return "encryption";
    case Refusal::kIssuer:
      return "issuer";
    case Refusal::kExpired:
      return "expired";
    case Refusal::kNotYetValid:
      return "not_yet_valid";
    case Refusal::kAudience:
      return "audience";
    case Refusal::kDestination:
      return "destination";
    case Refusal::kRecipient:
      return "recipient";
    case Refusal::kInResponseTo:
      return "in_response_to";
    case Refusal::kReplayed:
      return "replayed";
    case Refusal::kAlgorithm:
      return "algorithm";
  }
  return "unknown";
}

Clock::time_point parse_instant(std::string_view t) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, used = 0;
  std::string text(t);
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &used) !=
          6 ||
      used != 19) {
    throw std::invalid_argument("instant");
  }
  std::string_view rest = t.substr(19);
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') rest.remove_prefix(1);
  }
  if (rest != "Z") throw std::invalid_argument("instant must be UTC");
  long long secs = core::days_from_civil(y, mo, d) * 86400LL + h * 3600LL + mi * 60LL + s;
  return Clock::time_point(std::chrono::seconds(secs));
}

std::string peek_in_response_to(std::string_view response_xml) {
  auto doc = xml::parse(response_xml);
  if (!doc) refuse(Refusal::kMalformed, "not XML");
  return xml::attr(response_root(doc.get()), "InResponseTo");
}

Assertion verify_response(std::string_view response_xml, const Expectations& e) {
  auto doc = xml::parse(response_xml);
  if (!doc) refuse(Refusal::kMalformed, "not XML");
  xmlNode* root = response_root(doc.get());
  if (xml::has_attr(root, "Destination") && xml::attr(root, "Destination") != e.acs_url) {
    refuse(Refusal::kDestination, "Destination is not this ACS");
  }
  if (xml::attr(root, "InResponseTo") != e.request_id) {
    refuse(Refusal::kInResponseTo, "InResponseTo names no request of ours");
  }
  if (auto* issuer = at_most_one(root, kAssertion, "Issuer");
      issuer != nullptr && xml::text(issuer) != e.idp_entity_id) {
    refuse(Refusal::kIssuer, "Response Issuer");
  }
  auto code = xml::attr(xml::child(xml::child(root, kProtocol, "Status"), kProtocol, "StatusCode"),
                        "Value");
  if (code != kSuccess) refuse(Refusal::kStatus, "status " + code);

  auto plain = xml::children(root, kAssertion, "Assertion");
  auto encrypted = xml::children(root, kAssertion, "EncryptedAssertion");
  if (plain.size() + encrypted.size() != 1) refuse(Refusal::kMalformed, "not one assertion");

  bool several = false;
  xmlNode* response_sig = xml::child(root, kDsig, "Signature", &several);
  if (several) refuse(Refusal::kMalformed, "two Response signatures");
  // The Response's signature covers an EncryptedAssertion as sent, so it is checked first.
  if (response_sig != nullptr)
    verify_enveloped_signature(doc.get(), root, response_sig, e.idp_certificates_pem);

  Assertion out;
  xmlNode* assertion = plain.empty() ? nullptr : plain.front();
  if (!encrypted.empty()) {
    assertion = decrypt(encrypted.front(), e);
    out.was_encrypted = true;
  }
  xmlNode* assertion_sig = xml::child(assertion, kDsig, "Signature", &several);
  if (several) refuse(Refusal::kMalformed, "two Assertion signatures");
  if (assertion_sig != nullptr)
    verify_enveloped_signature(doc.get(), assertion, assertion_sig, e.idp_certificates_pem);
  if (response_sig == nullptr && assertion_sig == nullptr) {
    refuse(Refusal::kUnsigned, "neither Response nor Assertion is signed");
  }

  out.id = xml::attr(assertion, "ID");
  if (out.id.empty() || xml::attr(assertion, "Version") != "2.0") {
    refuse(Refusal::kMalformed, "Assertion");
  }
  out.issuer = xml::text(at_most_one(assertion, kAssertion, "Issuer"));
  if (out.issuer != e.idp_entity_id) refuse(Refusal::kIssuer, "Assertion Issuer");
  auto until = check_conditions(at_most_one(assertion, kAssertion, "Conditions"), e);
  const xmlNode* subject = at_most_one(assertion, kAssertion, "Subject");
  auto confirmed_until = check_subject(subject, e);
  out.not_on_or_after = until ? std::max(*until, confirmed_until) : confirmed_until;
  const xmlNode* name_id = at_most_one(subject, kAssertion, "NameID");
  out.name_id = xml::text(name_id);
  // The NameID is who the person is to this IdP; without one (or with an EncryptedID, which
  // is not supported) there is nobody to sign in.
  if (out.name_id.empty()) refuse(Refusal::kMalformed, "no NameID");
  out.name_id_format = xml::attr(name_id, "Format");
  const xmlNode* authn = xml::child(assertion, kAssertion, "AuthnStatement");
  if (authn == nullptr) refuse(Refusal::kMalformed, "no AuthnStatement");
  out.session_index = xml::attr(authn, "SessionIndex");
  read_attributes(assertion, out);
  return out;
}

}  // namespace sso::saml
