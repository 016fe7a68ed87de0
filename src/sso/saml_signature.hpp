#pragma once
// The enveloped XML signature check shared by the Response and the IdP's LogoutRequest; for the
// saml library's own files (libxml2 types).
#include <string>
#include <vector>

#include <libxml/tree.h>

#include "sso/saml_response.hpp"

namespace sso::saml {

// Verifies the enveloped XML signature `sig` of `el` (the IdP's document) with one of the
// certificates, or throws Refused(kBadSignature).
void verify_enveloped_signature(xmlDoc* doc, xmlNode* el, xmlNode* sig,
                                const std::vector<std::string>& certificates_pem);

}  // namespace sso::saml
