#include "sso/kind_settings.hpp"

#include "sso/oidc_flow.hpp"
#include "sso/saml_metadata.hpp"

namespace sso {

void check_kind_settings(const IdentityProvider& idp) {
  if (idp.kind == "oidc") {
    oidc_settings(idp);  // issuer and client_id present, https
  } else if (idp.kind == "saml") {
    saml::check_settings(idp.settings);
  }
}

}  // namespace sso
