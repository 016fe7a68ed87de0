#include "sso/kind_settings.hpp"

#include "core/errors.hpp"
#include "sso/oidc_flow.hpp"
#include "sso/oidc_token.hpp"
#include "sso/saml_metadata.hpp"

namespace sso {

void check_kind_settings(const IdentityProvider& idp) {
  if (idp.kind == "oidc") {
    oidc_settings(idp);  // issuer and client_id present, https
  } else if (idp.kind == "saml") {
    saml::check_settings(idp.settings);
    // Fetched like OIDC discovery: https, or a provider on this machine.
    auto it = idp.settings.find("idp_metadata_url");
    const std::string url =
        it != idp.settings.end() && it->is_string() ? it->get<std::string>() : "";
    if (!url.empty() && !acceptable_provider_url(url)) {
      throw core::ValidationError("settings", "idp_metadata_url must be an https address");
    }
  }
}

}  // namespace sso
