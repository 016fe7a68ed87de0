#pragma once
// The SAML SP's own key pair (issue 19, point 4): made here so that an IT department need not
// run openssl by hand. Pure; OpenSSL's libcrypto (already linked for xmlsec).
#include <string>

namespace sso::saml {

struct SpKeyPair {
  std::string private_key_pem;  // PKCS#8, unencrypted: it is kept as the provider's secret
  std::string certificate_pem;  // self-signed; IdPs trust it from the SP metadata, not a CA
};

inline constexpr int kSpKeyDays = 730;

// An RSA-3072 key and a self-signed SHA-256 certificate for `common_name` valid from now for
// `days` days. Throws std::runtime_error when OpenSSL fails.
SpKeyPair generate_sp_key_pair(const std::string& common_name, int days = kSpKeyDays);

}  // namespace sso::saml
