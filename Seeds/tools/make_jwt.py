#!/usr/bin/env python3
"""Make the sample web's JWT endorsement (a real RS256 compact JWS) and publish its public key.

Run from anywhere:  python3 Seeds/tools/make_jwt.py

Each run generates a FRESH 2048-bit RSA key, signs the Guild of Applied Analysts' OB 3.0
EndorsementCredential of the Open Skills Institute's "Data Ethics for Practitioners"
achievement, and rewrites:
  - sample-web/open-skills-institute.example/achievements/data-ethics.json  (endorsementJwt)
  - sample-web/guild-of-analysts.example/keys/jwks.json                      (public JWK set)
The private key is never written anywhere: it lives only in this process. The JWS and the
JWK committed in the repository therefore always match each other, and re-running changes
both (and nothing in sample-web.expected.json).

Needs the `cryptography` package (pip install cryptography).
"""
import base64
import json
import pathlib
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

WEB = pathlib.Path(__file__).resolve().parent.parent / "sample-web"
ACHIEVEMENT_FILE = WEB / "open-skills-institute.example/achievements/data-ethics.json"
JWKS_FILE = WEB / "guild-of-analysts.example/keys/jwks.json"

ENDORSER = "http://guild-of-analysts.example/profile.json"
TARGET = "http://open-skills-institute.example/achievements/data-ethics.json"
KID = "http://guild-of-analysts.example/keys/jwks.json#guild-2026"
CREDENTIAL_ID = "urn:uuid:5b0c7a2e-3f41-4d8e-9a6b-2c1d0e9f8a71"
OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
IMAGE = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGPQyt8AAAIQAUoa8Fa7AAAAAElFTkSuQmCC"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_uint(n: int) -> str:
    return b64url(n.to_bytes((n.bit_length() + 7) // 8, "big"))


def compact(obj) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def endorsement_credential() -> dict:
    return {
        "@context": OB3_CONTEXT,
        "id": CREDENTIAL_ID,
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": "Guild of Applied Analysts endorsement",
        "issuer": {"id": ENDORSER, "type": ["Profile"], "name": "Guild of Applied Analysts"},
        "validFrom": "2026-03-01T00:00:00Z",
        "credentialSubject": {
            "id": TARGET,
            "type": ["EndorsementSubject"],
            "endorsementComment": "Essential for anyone deploying machine learning on personal data; "
            "we ask our members to complete it.",
        },
    }


def main() -> int:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    numbers = key.public_key().public_numbers()
    header = {"alg": "RS256", "typ": "JWT", "kid": KID}
    # OB 3.0 VC-JWT: registered claims plus the credential in `vc`.
    payload = {
        "iss": ENDORSER,
        "jti": CREDENTIAL_ID,
        "sub": TARGET,
        "nbf": 1772323200,  # 2026-03-01T00:00:00Z
        "vc": endorsement_credential(),
    }
    signing_input = f"{b64url(compact(header))}.{b64url(compact(payload))}".encode("ascii")
    signature = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    jws = signing_input.decode("ascii") + "." + b64url(signature)

    # Check it with the public key alone, as a verifier would.
    try:
        key.public_key().verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        print("make_jwt: the signature does not verify; nothing written", file=sys.stderr)
        return 1

    jwks = {
        "keys": [
            {
                "kty": "RSA",
                "kid": KID,
                "use": "sig",
                "alg": "RS256",
                "n": b64url_uint(numbers.n),
                "e": b64url_uint(numbers.e),
            }
        ]
    }
    achievement = {
        "@context": OB3_CONTEXT,
        "id": TARGET,
        "type": ["Achievement"],
        "name": "Data Ethics for Practitioners",
        "description": "Applies consent, fairness and accountability principles to everyday analytics and machine learning work.",
        "achievementType": "Course",
        "criteria": {"narrative": "Complete four case studies and a written ethics review of your own project."},
        "image": {"id": IMAGE, "type": "Image"},
        "creator": {
            "id": "http://open-skills-institute.example/issuers/osi.json",
            "type": ["Profile"],
            "name": "Open Skills Institute",
        },
        "tag": ["data ethics", "machine learning", "privacy"],
        "endorsementJwt": [jws],
    }
    JWKS_FILE.parent.mkdir(parents=True, exist_ok=True)
    JWKS_FILE.write_text(json.dumps(jwks, indent=2) + "\n", encoding="utf-8")
    ACHIEVEMENT_FILE.write_text(json.dumps(achievement, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"make_jwt: wrote {ACHIEVEMENT_FILE.relative_to(WEB)} and {JWKS_FILE.relative_to(WEB)} (fresh key, kid {KID})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
