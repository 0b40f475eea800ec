#!/usr/bin/python3
"""Mints SIM attestation tokens for simca tests with Debian's python3-cryptography only,
never with simca code, so the Java verifier is checked against an independent minter.

The attester private key (PKCS#8 PEM) is read from stdin. Modes:
  mint  print a compact JWS (options below shape normal and broken variants)
  jkt   print the RFC 7638 SHA-256 thumbprint of --csr-spki
"""
import argparse, base64, hashlib, hmac, json, os, sys, time

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def jwk(pub):
    if isinstance(pub, ec.EllipticCurvePublicKey):
        crv, size = {"secp256r1": ("P-256", 32), "secp384r1": ("P-384", 48), "secp521r1": ("P-521", 66)}[pub.curve.name]
        n = pub.public_numbers()
        return {"crv": crv, "kty": "EC", "x": b64u(n.x.to_bytes(size, "big")), "y": b64u(n.y.to_bytes(size, "big"))}
    if isinstance(pub, ed25519.Ed25519PublicKey):
        raw = pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return {"crv": "Ed25519", "kty": "OKP", "x": b64u(raw)}
    if isinstance(pub, rsa.RSAPublicKey):
        n = pub.public_numbers()
        return {"e": b64u(n.e.to_bytes((n.e.bit_length() + 7) // 8, "big")), "kty": "RSA",
                "n": b64u(n.n.to_bytes((n.n.bit_length() + 7) // 8, "big"))}
    raise SystemExit("unsupported key type")


def jkt(pub):  # RFC 7638: required members, lexicographic order, no whitespace
    return b64u(hashlib.sha256(json.dumps(jwk(pub), sort_keys=True, separators=(",", ":")).encode()).digest())


def natural_alg(key):
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return {"secp256r1": "ES256", "secp384r1": "ES384", "secp521r1": "ES512"}[key.curve.name]
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return "EdDSA"
    raise SystemExit("attester key must be EC or Ed25519")


def sign(key, signing_input):
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return key.sign(signing_input)
    size = (key.curve.key_size + 7) // 8
    digest = {256: hashes.SHA256(), 384: hashes.SHA384(), 521: hashes.SHA512()}[key.curve.key_size]
    r, s = decode_dss_signature(key.sign(signing_input, ec.ECDSA(digest)))
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")  # RFC 7518 §3.4: R || S


def pairs(items):
    out = {}
    for item in items or []:
        name, _, value = item.partition("=")
        out[name] = json.loads(value)
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["mint", "jkt"])
    p.add_argument("--csr-spki", help="base64 DER SubjectPublicKeyInfo of the CSR key")
    p.add_argument("--kid")
    p.add_argument("--iss")
    p.add_argument("--sub")
    p.add_argument("--imsi")
    p.add_argument("--imei")
    p.add_argument("--jti")
    p.add_argument("--jkt", help="override cnf.jkt")
    p.add_argument("--iat-offset", type=int, default=0, help="seconds added to now for iat")
    p.add_argument("--ttl", type=int, default=120)
    p.add_argument("--alg", help="override the header alg (signature still uses the key)")
    p.add_argument("--typ", default="sim-attestation+jwt", help="header typ; empty string omits it")
    p.add_argument("--no-kid", action="store_true")
    p.add_argument("--variant", choices=["normal", "none", "hs256", "badsig"], default="normal")
    p.add_argument("--claim", action="append", help="name=<json> sets or replaces a claim")
    p.add_argument("--omit", action="append", default=[], help="claim to leave out")
    p.add_argument("--header", action="append", help="name=<json> extra header parameter")
    a = p.parse_args()

    if a.mode == "jkt":
        print(jkt(serialization.load_der_public_key(base64.b64decode(a.csr_spki))))
        return

    key = serialization.load_pem_private_key(sys.stdin.buffer.read(), password=None)
    csr_pub = serialization.load_der_public_key(base64.b64decode(a.csr_spki))
    alg = {"none": "none", "hs256": "HS256"}.get(a.variant, a.alg or natural_alg(key))
    header = {"alg": alg}
    if a.typ:
        header["typ"] = a.typ
    if not a.no_kid:
        header["kid"] = a.kid
    header.update(pairs(a.header))
    now = int(time.time()) + a.iat_offset
    claims = {"iss": a.iss if a.iss is not None else a.kid, "sub": a.sub, "imsi": a.imsi, "imei": a.imei,
              "iat": now, "exp": now + a.ttl, "jti": a.jti or b64u(os.urandom(16)),
              "cnf": {"jkt": a.jkt or jkt(csr_pub)}}
    claims.update(pairs(a.claim))
    for name in a.omit:
        claims.pop(name, None)
    si = (b64u(json.dumps(header, separators=(",", ":")).encode()) + "." +
          b64u(json.dumps(claims, separators=(",", ":")).encode())).encode()
    if a.variant == "none":
        sig = b""
    elif a.variant == "hs256":
        # Algorithm confusion: HMAC keyed with the attester's public key PEM.
        pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        sig = hmac.new(pem, si, hashlib.sha256).digest()
    else:
        sig = sign(key, si)
        if a.variant == "badsig":
            sig = bytes([sig[0] ^ 0x01]) + sig[1:]
    print(si.decode() + "." + b64u(sig))


if __name__ == "__main__":
    main()
