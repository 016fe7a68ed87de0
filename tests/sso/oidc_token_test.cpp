// The ID token's rules, the signature check (tokens signed here with libcjose) and PKCE.
#include "sso/oidc_token.hpp"

#include <cstdlib>
#include <memory>

#include <cjose/cjose.h>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "sso/oidc_discovery.hpp"
#include "sso/oidc_flow.hpp"

namespace sso {
namespace {

using nlohmann::json;

constexpr long long kNow = 1'800'000'000;

TokenExpectation expected() { return {"https://idp.example", "fremdrift", "n-123", kNow, 120}; }

json good_claims() {
  return {{"iss", "https://idp.example"},
          {"aud", "fremdrift"},
          {"sub", "user-1"},
          {"nonce", "n-123"},
          {"iat", kNow - 5},
          {"exp", kNow + 300}};
}

std::string problem_with(const std::string& key, const json& value) {
  auto c = good_claims();
  if (value.is_null())
    c.erase(key);
  else
    c[key] = value;
  return id_token_problem(c, expected());
}

TEST(OidcIdToken, AcceptsTheExpectedClaims) {
  EXPECT_EQ(id_token_problem(good_claims(), expected()), "");
}

TEST(OidcIdToken, RefusesWrongIssuerAudienceNonceOrSubject) {
  EXPECT_EQ(problem_with("iss", "https://idp.example/"), "wrong issuer");
  EXPECT_EQ(problem_with("aud", "someone-else"), "not for this client (aud)");
  EXPECT_EQ(problem_with("aud", json::array({"a", "b"})), "not for this client (aud)");
  EXPECT_EQ(problem_with("aud", json::array({"fremdrift", "b"})),
            "several audiences and azp is not this client");
  auto several = good_claims();
  several["aud"] = {"fremdrift", "b"};
  several["azp"] = "fremdrift";
  EXPECT_EQ(id_token_problem(several, expected()), "");
  EXPECT_EQ(problem_with("azp", "b"), "azp is another client");
  EXPECT_EQ(problem_with("nonce", "n-999"), "wrong nonce");
  EXPECT_EQ(problem_with("nonce", nullptr), "wrong nonce");
  EXPECT_EQ(problem_with("sub", ""), "no subject");
  auto no_nonce_expected = expected();
  no_nonce_expected.nonce = "";
  auto c = good_claims();
  c["nonce"] = "";
  EXPECT_EQ(id_token_problem(c, no_nonce_expected), "wrong nonce");
}

TEST(OidcIdToken, TimesAllowTheSkewAndNoMore) {
  EXPECT_EQ(problem_with("exp", kNow - 100), "");
  EXPECT_EQ(problem_with("exp", kNow - 121), "expired");
  EXPECT_EQ(problem_with("exp", nullptr), "no expiry (exp)");
  EXPECT_EQ(problem_with("exp", "soon"), "no expiry (exp)");
  EXPECT_EQ(problem_with("iat", kNow + 100), "");
  EXPECT_EQ(problem_with("iat", kNow + 121), "issued in the future");
  EXPECT_EQ(problem_with("iat", nullptr), "no issue time (iat)");
}

TEST(OidcIdToken, OnlyAsymmetricAlgorithmsAreAccepted) {
  EXPECT_TRUE(accepted_algorithm("RS256"));
  EXPECT_TRUE(accepted_algorithm("ES256"));
  EXPECT_TRUE(accepted_algorithm("PS384"));
  EXPECT_FALSE(accepted_algorithm("none"));
  EXPECT_FALSE(accepted_algorithm("HS256"));
  EXPECT_FALSE(accepted_algorithm(""));
}

// A provider's key made with libcjose (1024 bits: quick, and enough for a test): signs tokens
// and gives its public JWK.
class Signer {
 public:
  explicit Signer(const std::string& kid) {
    static const std::uint8_t kE[] = {0x01, 0x00, 0x01};
    key_ = cjose_jwk_create_RSA_random(1024, kE, sizeof(kE), nullptr);
    cjose_jwk_set_kid(key_, kid.c_str(), kid.size(), nullptr);
  }
  ~Signer() { cjose_jwk_release(key_); }
  Signer(const Signer&) = delete;
  Signer& operator=(const Signer&) = delete;

  json public_jwk() const {
    char* text = cjose_jwk_to_json(key_, false, nullptr);
    auto out = json::parse(text);
    std::free(text);
    out["use"] = "sig";
    return out;
  }
  std::string sign(const json& claims, const std::string& alg = "RS256",
                   bool with_kid = true) const {
    cjose_header_t* h = cjose_header_new(nullptr);
    cjose_header_set(h, CJOSE_HDR_ALG, alg.c_str(), nullptr);
    if (with_kid) cjose_header_set(h, CJOSE_HDR_KID, cjose_jwk_get_kid(key_, nullptr), nullptr);
    auto payload = claims.dump();
    cjose_jws_t* jws = cjose_jws_sign(
        key_, h, reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size(), nullptr);
    const char* compact = nullptr;
    cjose_jws_export(jws, &compact, nullptr);
    std::string out = compact;
    cjose_jws_release(jws);
    cjose_header_release(h);
    return out;
  }

 private:
  cjose_jwk_t* key_ = nullptr;
};

TEST(OidcSignature, ValidUnknownKeyAndTamperedTokens) {
  Signer current("key-2");
  Signer old("key-1");
  json jwks = {{"keys", {old.public_jwk(), current.public_jwk()}}};
  auto token = current.sign(good_claims());
  auto ok = check_signature(token, jwks);
  ASSERT_EQ(ok.result, SignatureCheck::Result::kValid) << ok.problem;
  EXPECT_EQ(ok.claims["sub"], "user-1");

  // Signed with a key the set does not have yet: the caller fetches the keys again.
  Signer next("key-3");
  EXPECT_EQ(check_signature(next.sign(good_claims()), jwks).result,
            SignatureCheck::Result::kUnknownKey);

  // Another payload under the same signature.
  auto dot1 = token.find('.');
  auto dot2 = token.find('.', dot1 + 1);
  auto forged_payload = current.sign({{"sub", "admin"}});
  auto forged = token.substr(0, dot1) +
                forged_payload.substr(forged_payload.find('.'),
                                      forged_payload.find('.', forged_payload.find('.') + 1) -
                                          forged_payload.find('.')) +
                token.substr(dot2);
  EXPECT_EQ(check_signature(forged, jwks).result, SignatureCheck::Result::kInvalid);

  // The right kid but signed by another key.
  Signer impostor("key-2");
  EXPECT_EQ(check_signature(impostor.sign(good_claims()), jwks).result,
            SignatureCheck::Result::kInvalid);
  // No kid and two keys: which one is not guessed.
  EXPECT_EQ(check_signature(current.sign(good_claims(), "RS256", false), jwks).result,
            SignatureCheck::Result::kUnknownKey);
  EXPECT_EQ(check_signature("not.a.token", jwks).result, SignatureCheck::Result::kInvalid);
}

TEST(OidcSignature, RefusesAlgorithmNoneAndHmac) {
  Signer key("k");
  json jwks = {{"keys", {key.public_jwk()}}};
  // {"alg":"none"} . payload . (no signature)
  const std::string none = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.";
  auto r = check_signature(none, jwks);
  EXPECT_EQ(r.result, SignatureCheck::Result::kInvalid);
  // {"alg":"HS256","kid":"k"}
  const std::string hmac = "eyJhbGciOiJIUzI1NiIsImtpZCI6ImsifQ.eyJzdWIiOiJhZG1pbiJ9.c2ln";
  EXPECT_EQ(check_signature(hmac, jwks).result, SignatureCheck::Result::kInvalid);
}

TEST(OidcProviderAddress, HttpsOrThisMachineOnly) {
  EXPECT_TRUE(acceptable_provider_url("https://login.microsoftonline.com/x/v2.0"));
  EXPECT_TRUE(acceptable_provider_url("http://127.0.0.1:4000"));
  EXPECT_TRUE(acceptable_provider_url("http://localhost/realms/x"));
  EXPECT_FALSE(acceptable_provider_url("http://idp.example"));
  EXPECT_FALSE(acceptable_provider_url("http://127.0.0.1.evil.example"));
  EXPECT_FALSE(acceptable_provider_url("ftp://idp.example"));
  EXPECT_FALSE(acceptable_provider_url("https://"));
}

TEST(OidcEmail, AnAddressTheProviderDidNotVerifyIsNotUsed) {
  EXPECT_TRUE(email_trusted({{"email", "a@b.dk"}}));
  EXPECT_TRUE(email_trusted({{"email", "a@b.dk"}, {"email_verified", true}}));
  EXPECT_FALSE(email_trusted({{"email", "a@b.dk"}, {"email_verified", false}}));
  EXPECT_FALSE(email_trusted({{"email", "a@b.dk"}, {"email_verified", "false"}}));
}

TEST(OidcPkce, S256MatchesRfc7636AppendixB) {
  EXPECT_EQ(pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(OidcDiscovery, TheIssuerMustBeTheConfiguredOneAndEndpointsPresent) {
  json doc = {{"issuer", "https://idp.example"},
              {"authorization_endpoint", "https://idp.example/auth"},
              {"token_endpoint", "https://idp.example/token"},
              {"jwks_uri", "https://idp.example/jwks"}};
  auto m = metadata_from_json(doc, "https://idp.example");
  EXPECT_EQ(m.token_endpoint, "https://idp.example/token");
  EXPECT_EQ(m.end_session_endpoint, "");
  EXPECT_THROW(metadata_from_json(doc, "https://other.example"), core::Unavailable);
  doc["token_endpoint"] = "http://idp.example/token";
  EXPECT_THROW(metadata_from_json(doc, "https://idp.example"), core::Unavailable);
  doc["token_endpoint"] = "https://idp.example/token";
  doc.erase("jwks_uri");
  EXPECT_THROW(metadata_from_json(doc, "https://idp.example"), core::Unavailable);
}

TEST(OidcFlow, TheAuthorizationRequestCarriesStateNonceAndTheChallenge) {
  ProviderMetadata m;
  m.authorization_endpoint = "https://idp.example/auth?tenant=x";
  OidcSettings s;
  s.client_id = "fremdrift";
  auto url = authorization_url(m, s, "https://f.test/sso/callback", "st", "no", "verifier");
  EXPECT_EQ(url.rfind("https://idp.example/auth?tenant=x&", 0), 0U) << url;
  EXPECT_NE(url.find("response_type=code"), std::string::npos);
  EXPECT_NE(url.find("redirect_uri=https%3A%2F%2Ff.test%2Fsso%2Fcallback"), std::string::npos);
  EXPECT_NE(url.find("scope=openid%20email%20profile"), std::string::npos);
  EXPECT_NE(url.find("&state=st"), std::string::npos);
  EXPECT_NE(url.find("nonce=no&"), std::string::npos);
  EXPECT_NE(url.find("code_challenge=" + pkce_challenge("verifier")), std::string::npos);
  EXPECT_NE(url.find("code_challenge_method=S256"), std::string::npos);
}

TEST(OidcFlow, SettingsNeedIssuerAndClientAndAlwaysAskForOpenid) {
  IdentityProvider idp;
  EXPECT_THROW(oidc_settings(idp), core::ValidationError);
  idp.settings = {{"issuer", "https://idp.example"}, {"client_id", "c"}, {"scopes", "email"}};
  idp.secret = "s";
  auto s = oidc_settings(idp);
  EXPECT_EQ(s.scopes, "openid email");
  EXPECT_EQ(s.client_secret, "s");
  idp.settings["issuer"] = "http://idp.example";
  EXPECT_THROW(oidc_settings(idp), core::ValidationError);
}

}  // namespace
}  // namespace sso
