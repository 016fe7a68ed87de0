#!/usr/bin/python3
"""A SAML 2.0 identity provider for the tests, built on pysaml2 (Debian python3-pysaml2,
signing and encryption by the xmlsec1 command). It answers a real AuthnRequest sent with the
HTTP-Redirect binding with a real signed (and, if asked, AES-GCM encrypted) Response.

  saml_idp.py serve PORT     serves on 127.0.0.1:PORT and prints "ready" when listening:
    GET  /metadata[?signed]  the IdP's metadata (signed over its root by the IdP's key)
    POST /metadata?status=S  serve the body (or status S) at /metadata instead; empty: the real
    GET  /metadata-reads     how many times /metadata was read: {"reads": N}
    POST /sp-metadata        the SP's metadata (body), loaded before the first sign-in;
                             ?encrypt_to=last encrypts to its last certificate, not its first
    POST /next?variant=V     how the next response is made: ok, unsigned, expired, audience,
                             recipient, encrypted (aes256-gcm), encrypted128, cbc, signed-response
    POST /user?email=&employee=&groups=a,b   who signs in next
    GET  /sso?SAMLRequest=…  the sign-in: JSON {"acs", "SAMLResponse", "RelayState"}; a browser
                             would carry the same fields in an auto-submitted form
    GET  /slo?SAMLRequest=…  a LogoutRequest: JSON of whom it names
    Both GETs say whether the SP's HTTP-Redirect signature verified ("signature_valid").
    GET  /slo?SAMLResponse=… the SP's LogoutResponse to ours: JSON of its status and signature
    GET  /logout-request?destination=URL&name_id=N&variant=V   a LogoutRequest started here
                             for N's last session, as JSON {"url"} (HTTP-Redirect) or {"url",
                             "SAMLRequest", "RelayState"} (HTTP-POST); V: ok, unsigned, sha1,
                             forged (another NameID under this one's signature), issuer
                             (another Issuer), expired (NotOnOrAfter in 2020), post,
                             post-unsigned, post-sha1
  saml_idp.py fixtures DIR   writes responses for the pure tests (SP https://sp.test/…)
"""
import base64
import functools
import json
import os
import re
import sys
import tempfile
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import saml2.assertion
import saml2.entity
import saml2.sigver
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, samlp, time_util
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor, sign_entity_descriptor
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
from saml2.s_utils import decode_base64_and_inflate
from saml2.server import Server
from saml2.sigver import RSACrypto, pre_encryption_part, verify_redirect_signature
from saml2.xmldsig import DIGEST_SHA1, DIGEST_SHA256, SIG_RSA_SHA1, SIG_RSA_SHA256

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = os.path.join(HERE, "keys")
GCM256 = "http://www.w3.org/2009/xmlenc11#aes256-gcm"
GCM128 = "http://www.w3.org/2009/xmlenc11#aes128-gcm"
CBC = "http://www.w3.org/2001/04/xmlenc#aes128-cbc"
ORIGINAL_IN_A_WHILE = saml2.assertion.in_a_while
SESSION_KEY = {"size": "aes-256"}
ORIGINAL_ENCRYPT = saml2.sigver.CryptoBackendXmlSec1.encrypt_assertion


def encrypt_with_session_key(self, statement, enc_key, template, key_type=None, node_xpath=None):
    # pysaml2 always asks xmlsec1 for a 3DES session key; the template names the cipher.
    return ORIGINAL_ENCRYPT(self, statement, enc_key, template, SESSION_KEY["size"], node_xpath)


saml2.sigver.CryptoBackendXmlSec1.encrypt_assertion = encrypt_with_session_key


def make_server(base, sp_metadata_file):
    conf = IdPConfig()
    conf.load({
        "entityid": base + "/idp",
        "service": {"idp": {
            "endpoints": {"single_sign_on_service": [(base + "/sso", BINDING_HTTP_REDIRECT)],
                          "single_logout_service": [(base + "/slo", BINDING_HTTP_REDIRECT)]},
            "name_id_format": [NAMEID_FORMAT_PERSISTENT],
            "policy": {"default": {"lifetime": {"minutes": 5}}},
        }},
        "key_file": os.path.join(KEYS, "idp.key"),
        "cert_file": os.path.join(KEYS, "idp.crt"),
        "metadata": {"local": [sp_metadata_file]} if sp_metadata_file else {},
        "xmlsec_binary": "/usr/bin/xmlsec1",
    })
    return Server(config=conf)


def respond(server, variant, user, request_id, acs, sp_entity_id):
    """The Response as XML for `variant`."""
    enc = {"encrypted": GCM256, "encrypted128": GCM128, "cbc": CBC}.get(variant)
    SESSION_KEY["size"] = "aes-256" if enc == GCM256 else "aes-128"
    saml2.entity.pre_encryption_part = functools.partial(pre_encryption_part, msg_enc=enc or GCM256)
    saml2.assertion.in_a_while = (
        (lambda **_: ORIGINAL_IN_A_WHILE(minutes=-10)) if variant == "expired" else ORIGINAL_IN_A_WHILE)
    cert = SP_CERT.get("encrypt_to", SP_CERT["pem"]) if enc else None
    identity = {"mail": [user["email"]], "employeeNumber": [user["employee"]],
                "groups": user["groups"], "displayName": [user["name"]]}
    resp = server.create_authn_response(
        identity=identity, in_response_to=request_id,
        destination=acs,
        sp_entity_id="https://other.example/sp" if variant == "audience" else sp_entity_id,
        name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=user["subject"]),
        authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:Password"},
        sign_response=variant == "signed-response",
        sign_assertion=variant not in ("unsigned", "signed-response"),
        encrypt_assertion=bool(enc), encrypt_cert_assertion=cert,
        sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256)
    xml = str(resp)
    if variant == "recipient":
        raise ValueError("recipient is made by the SP's ACS URL, not here")
    return xml


def default_sp_cert():
    with open(os.path.join(KEYS, "sp.crt")) as f:
        return f.read()


# The SP's certificate as its metadata last posted here names it (tests/sso/keys/sp.crt until
# then, or when the metadata has none): what the SP's signatures are checked with and what
# assertions are encrypted to, as a real IdP reads them from the SP's metadata.
SP_CERT = {"pem": default_sp_cert()}


def sp_cert_from_metadata(xml, which="first"):
    found = re.findall(r"X509Certificate>\s*([A-Za-z0-9+/=\s]+?)\s*</", xml)
    if not found:
        return default_sp_cert()
    body = "".join((found[-1] if which == "last" else found[0]).split())
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n"


def redirect_signature_valid(query):
    """Whether the HTTP-Redirect message is signed with the SP's key (pysaml2's own check)."""
    if "Signature" not in query:
        return False
    msg = {k: v[0] for k, v in query.items()}
    cert = "".join(l for l in SP_CERT["pem"].splitlines() if "CERTIFICATE" not in l)
    try:
        return verify_redirect_signature(msg, RSACrypto(None), cert=cert)
    except Exception:  # a bad signature or algorithm is simply not valid
        return False


class State:
    def __init__(self, base):
        self.base = base
        self.server = make_server(base, None)
        self.variant = "ok"
        self.user = {"email": "sso.person@example.dk", "employee": "E-1001", "groups": [],
                     "name": "Sso Person", "subject": "subject-1001"}
        self.lock = threading.Lock()
        self.sessions = {}  # NameID → the SessionIndex of its last assertion
        self.metadata = None  # (status, body) served at /metadata instead of the real one
        self.metadata_reads = 0  # GET /metadata answered so far


def signed_metadata(server, sha1=False):
    """The metadata with an enveloped signature over its root by the IdP's key (xmlsec1)."""
    ed = entity_descriptor(server.config)
    algs = (SIG_RSA_SHA1, DIGEST_SHA1) if sha1 else (SIG_RSA_SHA256, DIGEST_SHA256)
    _, xml = sign_entity_descriptor(ed, None, server.sec, sign_alg=algs[0], digest_alg=algs[1])
    return str(xml)


def logout_request(state, destination, name_id, variant):
    """A LogoutRequest started by this IdP for `name_id`'s last session, bound as `variant`."""
    posted = variant.startswith("post")
    sha1 = variant.endswith("sha1")
    signed = not variant.endswith("unsigned")
    server = state.server

    def make(who, sign):
        _, req = server.create_logout_request(
            destination, "sp", name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=who),
            session_indexes=[state.sessions.get(name_id, "none")], sign=sign,
            sign_alg=SIG_RSA_SHA1 if sha1 else SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA1 if sha1 else DIGEST_SHA256)
        return str(req)

    if posted:
        xml = make(name_id, signed)
        return {"url": destination, "SAMLRequest": base64.b64encode(xml.encode()).decode(),
                "RelayState": "idp-rs"}

    def location(xml, sign):
        info = server.apply_binding(BINDING_HTTP_REDIRECT, xml, destination, "idp-rs/å",
                                    sign=sign, sigalg=SIG_RSA_SHA1 if sha1 else SIG_RSA_SHA256)
        return dict(info["headers"])["Location"]

    xml = make(name_id, False)
    if variant == "issuer":  # signed by this IdP's key, but naming another issuer
        xml = xml.replace(state.base + "/idp<", "https://other-idp.example/idp<")
    if variant == "expired":
        xml = re.sub(r"(LogoutRequest )", r'\1NotOnOrAfter="2020-01-01T00:00:00Z" ', xml, count=1)
    url = location(xml, signed)
    if variant == "forged":
        other = urllib.parse.urlparse(location(make("someone-else", False), False))
        signed_q = urllib.parse.parse_qs(urllib.parse.urlparse(url).query)
        q = urllib.parse.parse_qs(other.query)
        q["SigAlg"], q["Signature"] = signed_q["SigAlg"], signed_q["Signature"]
        url = destination + "?" + urllib.parse.urlencode({k: v[0] for k, v in q.items()})
    return {"url": url}


def handler_for(state):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def reply(self, status, body, ctype="application/json"):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            url = urllib.parse.urlparse(self.path)
            q = urllib.parse.parse_qs(url.query)
            if url.path == "/metadata-reads":
                return self.reply(200, json.dumps({"reads": state.metadata_reads}))
            if url.path == "/metadata":
                with state.lock:
                    state.metadata_reads += 1
                    if state.metadata:
                        return self.reply(*state.metadata, "application/samlmetadata+xml")
                    if "signed" in url.query.split("&"):
                        return self.reply(200, signed_metadata(state.server),
                                          "application/samlmetadata+xml")
                ed = entity_descriptor(state.server.config)
                return self.reply(200, str(ed), "application/samlmetadata+xml")
            if url.path == "/sso":
                with state.lock:
                    req = state.server.parse_authn_request(q["SAMLRequest"][0], BINDING_HTTP_REDIRECT)
                    msg = req.message
                    acs = msg.assertion_consumer_service_url
                    xml = respond(state.server, state.variant, state.user, msg.id, acs,
                                  msg.issuer.text)
                    index = re.search(r'SessionIndex="([^"]+)"', xml)
                    if index:
                        state.sessions[state.user["subject"]] = index.group(1)
                    state.variant = "ok"
                body = {"acs": acs, "request_id": msg.id,
                        "signature_valid": redirect_signature_valid(q),
                        "SAMLResponse": base64.b64encode(xml.encode()).decode(),
                        "RelayState": q.get("RelayState", [""])[0]}
                return self.reply(200, json.dumps(body))
            if url.path == "/slo" and "SAMLResponse" in q:
                msg = samlp.logout_response_from_string(
                    decode_base64_and_inflate(q["SAMLResponse"][0]))
                code = msg.status.status_code
                body = {"in_response_to": msg.in_response_to, "status": code.value,
                        "second_status": code.status_code.value if code.status_code else None,
                        "issuer": msg.issuer.text, "destination": msg.destination,
                        "relay_state": q.get("RelayState", [""])[0],
                        "signature_valid": redirect_signature_valid(q)}
                return self.reply(200, json.dumps(body))
            if url.path == "/logout-request":
                with state.lock:
                    body = logout_request(state, q["destination"][0], q["name_id"][0],
                                          q.get("variant", ["ok"])[0])
                return self.reply(200, json.dumps(body))
            if url.path == "/slo":
                with state.lock:
                    req = state.server.parse_logout_request(q["SAMLRequest"][0],
                                                            BINDING_HTTP_REDIRECT)
                msg = req.message
                body = {"issuer": msg.issuer.text, "name_id": msg.name_id.text,
                        "name_id_format": msg.name_id.format,
                        "session_index": [i.text for i in msg.session_index],
                        "signature_valid": redirect_signature_valid(q)}
                return self.reply(200, json.dumps(body))
            self.reply(404, "{}")

        def do_POST(self):
            url = urllib.parse.urlparse(self.path)
            q = urllib.parse.parse_qs(url.query)
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with state.lock:
                if url.path == "/sp-metadata":
                    fd, path = tempfile.mkstemp(suffix=".xml")
                    with os.fdopen(fd, "wb") as f:
                        f.write(body)
                    state.server = make_server(state.base, path)
                    SP_CERT["pem"] = sp_cert_from_metadata(body.decode())
                    # During an SP key rollover the metadata names two certificates: a real
                    # IdP may encrypt to either, so a test chooses (encrypt_to=last).
                    SP_CERT.pop("encrypt_to", None)
                    if "encrypt_to" in q:
                        SP_CERT["encrypt_to"] = sp_cert_from_metadata(body.decode(),
                                                                      q["encrypt_to"][0])
                elif url.path == "/metadata":
                    status = int(q.get("status", ["200"])[0])
                    state.metadata = (status, body.decode()) if body or status != 200 else None
                elif url.path == "/next":
                    state.variant = q["variant"][0]
                elif url.path == "/user":
                    state.user.update({k: v[0] for k, v in q.items() if k != "groups"})
                    state.user["groups"] = [g for g in q.get("groups", [""])[0].split(",") if g]
                else:
                    return self.reply(404, "{}")
            self.reply(200, "{}")

    return Handler


def fixtures(out_dir):
    sp = "https://sp.test/saml"
    acs = "https://sp.test/sso/acs"
    with open(os.path.join(KEYS, "sp.crt")) as f:
        cert = "".join(l for l in f.read().splitlines() if "CERTIFICATE" not in l)
    md = f"""<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{sp}">
<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
<md:KeyDescriptor><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>
<ds:X509Certificate>{cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
<md:AssertionConsumerService Binding="{BINDING_HTTP_POST}" Location="{acs}" index="0"/>
</md:SPSSODescriptor></md:EntityDescriptor>"""
    os.makedirs(out_dir, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
        f.write(md)
    server = make_server("https://idp.test", f.name)
    user = {"email": "anna@example.dk", "employee": "E-7", "groups": ["ledere"],
            "name": "Anna", "subject": "anna-1"}
    for v in ["ok", "unsigned", "expired", "audience", "encrypted", "encrypted128", "cbc",
              "signed-response"]:
        with open(os.path.join(out_dir, v + ".xml"), "w") as f:
            f.write(respond(server, v, user, "_req-1", acs, sp))
    with open(os.path.join(out_dir, "idp-metadata.xml"), "w") as f:
        f.write(str(entity_descriptor(server.config)))
    with open(os.path.join(out_dir, "signed-metadata.xml"), "w") as f:
        f.write(signed_metadata(server))
    with open(os.path.join(out_dir, "signed-metadata-sha1.xml"), "w") as f:
        f.write(signed_metadata(server, sha1=True))


def main():
    if sys.argv[1] == "fixtures":
        return fixtures(sys.argv[2])
    port = int(sys.argv[2])
    state = State(f"http://127.0.0.1:{port}")
    httpd = ThreadingHTTPServer(("127.0.0.1", port), handler_for(state))
    print("ready", flush=True)
    httpd.serve_forever()


if __name__ == "__main__":
    main()
