#!/usr/bin/env python3
"""Make the sample web's signed endorsements (real compact JWS: EdDSA, ES256, RS256) and the keys,
DID document, JWK Set, key document and revocation list that verify them.

Run from anywhere:  python3 Seeds/tools/make_signed.py

The private keys are sample data committed in Seeds/tools/sample-keys/ (PEM, PKCS #8, unencrypted;
sample keys of an invented web, never to be trusted). A key file that is missing is generated once
and written there; every later run loads it, so re-running reproduces the same documents byte for
byte: Ed25519 and RSA PKCS #1 v1.5 signatures are deterministic. ES256 signatures are not (ECDSA
draws a fresh nonce), so ml-es256.jwt changes on every run and still verifies.

Writes (paths under Seeds/sample-web/):
  skills-alliance.example/  (the Regional Skills Alliance, an employers' alliance, endorser only)
    profile.json                          OB 3.0 Profile, id https://skills-alliance.example/profile.json
    .well-known/did.json                  did:web:skills-alliance.example, one Ed25519 Multikey
    .well-known/jwks.json                 P-256 key "es256-2026", RSA-2048 key "rs256-2026"
    index.html                            homepage, anchors to the endorsements it hosts outside: the three
                                          below and data-ethics-di.json (made by make_data_integrity.py)
    endorsements/dsf-eddsa.jwt            EdDSA, did:web key, VC 2.0 payload -> Data Science Foundations
    endorsements/ml-es256.jwt             ES256, kid -> /.well-known/jwks.json, VC-JWT 1.1 (`vc` claim) -> ML in Practice
    endorsements/sql-rs256.jwt            RS256, kid -> /.well-known/jwks.json, VC 2.0 -> SQL Basics (not listed)
    endorsements/visualisation-expired.jwt  EdDSA, did:web, validUntil 2026-06-30 (expired) -> Data Visualisation
  badge-boosters.example/e/sa-forged.jwt  the alliance's issuer and kid, signed by another Ed25519 key (invalid)
  quality-council.example/
    keys/2026.json                        OB 2.0 CryptographicKey (RSA-2048), owner the Council
    revocations.json                      OB 2.0 RevocationList revoking makerspace-2025-signed.jwt
    endorsements/peer-reviewer-signed.jwt   OB 2.0 SignedBadge Endorsement, RS256 -> the Guild's Peer Reviewer badge
    endorsements/makerspace-2025-signed.jwt OB 2.0 SignedBadge Endorsement, RS256, revoked -> Sensor Data Logging
And edits in place, preserving their formatting, only when something is missing (a second run
leaves them untouched):
  data-academy.example/badges/data-science-foundations.json   `endorsement` lists dsf-eddsa.jwt
  data-academy.example/badges/machine-learning-practice.json  `endorsement` lists ml-es256.jwt
  badges.skillcanvas.example/public/badges/Tq3Lm9Kp.json and the listing
    public/issuers/hcm7Qx2/badges.json                        `endorsement` lists sa-forged.jwt
  quality-council.example/profile.json                        `publicKey` and `revocationList`
  quality-council.example/reviews.html and sitemap.xml        link the two Council .jwt files

The Data Integrity endorsements (eddsa-rdfc-2022 proofs by the same Ed25519 key) are made by
make_data_integrity.py, which needs pyld too; run it after this script.

Needs the `cryptography` package (pip install cryptography). The facts of every endorsement are in
Seeds/sample-web.expected.json; Seeds/tools/check_sample_web.py checks them against these files.
"""
import base64
import json
import pathlib
import re
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

TOOLS = pathlib.Path(__file__).resolve().parent
WEB = TOOLS.parent / "sample-web"
KEYS = TOOLS / "sample-keys"

OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
OB2_CONTEXT = "https://w3id.org/openbadges/v2"

ALLIANCE_HOST = "skills-alliance.example"
ALLIANCE_NAME = "Regional Skills Alliance"
ALLIANCE_PROFILE = f"https://{ALLIANCE_HOST}/profile.json"
ALLIANCE_DID = f"did:web:{ALLIANCE_HOST}"
ALLIANCE_ED25519_KID = f"{ALLIANCE_DID}#key-ed25519"
ES256_KID = "es256-2026"
RS256_KID = "rs256-2026"

COUNCIL_PROFILE = "http://quality-council.example/profile.json"
COUNCIL_KEY = "http://quality-council.example/keys/2026.json"
COUNCIL_REVOCATIONS = "http://quality-council.example/revocations.json"

DSF = "http://data-academy.example/badges/data-science-foundations.json"
ML = "http://data-academy.example/badges/machine-learning-practice.json"
SQL = "http://data-academy.example/badges/sql-basics.json"
VISUALISATION = "http://data-academy.example/badges/data-visualisation.json"
PRINTER_SAFETY = "http://badges.skillcanvas.example/public/badges/Tq3Lm9Kp"
SENSOR_LOGGING = "http://badges.skillcanvas.example/public/badges/Vx8Rw2Na"
PEER_REVIEWER = "http://guild-of-analysts.example/badges/peer-reviewer.json"

VALID_FROM = "2026-03-01T00:00:00Z"
VALID_FROM_UNIX = 1772323200  # 2026-03-01T00:00:00Z

KEY_FILES = {
    "alliance-ed25519": ("skills-alliance-ed25519.pem", lambda: ed25519.Ed25519PrivateKey.generate()),
    "alliance-p256": ("skills-alliance-p256.pem", lambda: ec.generate_private_key(ec.SECP256R1())),
    "alliance-rsa": ("skills-alliance-rsa.pem", lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)),
    "council-rsa": ("quality-council-rsa.pem", lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)),
    "forger-ed25519": ("forger-ed25519.pem", lambda: ed25519.Ed25519PrivateKey.generate()),
}

written = []


# ---------------------------------------------------------------- encodings


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_uint(n: int, length: int = 0) -> str:
    return b64url(n.to_bytes(max(length, (n.bit_length() + 7) // 8), "big"))


def compact(obj) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58btc(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    digits = ""
    while number:
        number, remainder = divmod(number, 58)
        digits = BASE58[remainder] + digits
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + digits


def raw_ed25519(public_key) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


# ---------------------------------------------------------------- keys


def load_keys(key_files: dict = None, tool: str = "make_signed") -> dict:
    """The private keys of `key_files` (default: this script's), each generated and written once if missing."""
    KEYS.mkdir(parents=True, exist_ok=True)
    keys = {}
    for name, (file_name, generate) in (key_files or KEY_FILES).items():
        path = KEYS / file_name
        if path.exists():
            keys[name] = serialization.load_pem_private_key(path.read_bytes(), password=None)
            continue
        key = generate()
        path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        print(f"{tool}: generated {path.relative_to(TOOLS.parent)} (it did not exist)")
        keys[name] = key
    return keys


def sign(alg: str, key, header: dict, payload: dict) -> str:
    signing_input = f"{b64url(compact(header))}.{b64url(compact(payload))}".encode("ascii")
    if alg == "EdDSA":
        signature = key.sign(signing_input)
    elif alg == "RS256":
        signature = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    elif alg == "ES256":
        r, s = decode_dss_signature(key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
        signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    else:
        raise ValueError(alg)
    return signing_input.decode("ascii") + "." + b64url(signature)


def verifies(alg: str, public_key, token: str) -> bool:
    signing_input, _, signature = token.rpartition(".")
    signature = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
    try:
        if alg == "EdDSA":
            public_key.verify(signature, signing_input.encode("ascii"))
        elif alg == "RS256":
            public_key.verify(signature, signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
        else:
            der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
            public_key.verify(der, signing_input.encode("ascii"), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return False
    return True


# ---------------------------------------------------------------- writing


def write(relative: str, text: str) -> None:
    path = WEB / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.write_text(text, encoding="utf-8")
    if relative not in written:
        written.append(relative)


def write_json(relative: str, value) -> None:
    write(relative, json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def write_token(relative: str, token: str) -> None:
    # The exact token, no trailing newline: the body of an application/jwt response.
    write(relative, token)


def matching_bracket(text: str, start: int) -> int:
    """Index of the bracket closing the one at `start` (strings skipped)."""
    depth, index, in_string = 0, start, False
    while index < len(text):
        char = text[index]
        if in_string:
            if char == "\\":
                index += 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    raise ValueError("unbalanced JSON")


def append_to_array(text: str, key: str, item, after: str = "") -> str:
    """Appends `item` to the array under `key` (the first one after the text `after`), keeping the layout."""
    found = re.compile(r'"%s"\s*:\s*\[' % re.escape(key)).search(text, text.index(after) if after else 0)
    if found is None:
        raise ValueError(f"no {key!r} array")
    open_at = found.end() - 1
    close_at = matching_bracket(text, open_at)
    inner = text[open_at + 1 : close_at]
    encoded = json.dumps(item, ensure_ascii=False)
    if not inner.strip():
        return text[: open_at + 1] + encoded + text[close_at:]
    last = open_at + 1 + len(inner.rstrip())
    if "\n" in inner:
        indent = re.search(r"\n([ \t]*)\S[^\n]*$", text[:last]).group(1)
        return text[:last] + ",\n" + indent + encoded + text[last:]
    return text[:last] + ", " + encoded + text[last:]


def add_members(text: str, members: dict) -> str:
    """Adds members at the end of the top-level object, one per line, keeping the layout."""
    close_at = text.rindex("}")
    last = len(text[:close_at].rstrip())
    lines = "".join(f',\n  "{name}": {json.dumps(value, ensure_ascii=False)}' for name, value in members.items())
    return text[:last] + lines + text[last:]


def edit_json(relative: str, edit, check) -> None:
    """Applies the textual `edit` when `check(document)` is false; the result must parse and pass `check`."""
    path = WEB / relative
    text = path.read_text(encoding="utf-8")
    if check(json.loads(text)):
        return
    edited = edit(text)
    if not check(json.loads(edited)):
        raise SystemExit(f"make_signed: editing {relative} did not give the expected document")
    write(relative, edited)


def listed(document: dict, url: str, badge_id: str = None) -> bool:
    if isinstance(document, list):
        return all(listed(badge, url) for badge in document if badge.get("id") == badge_id)
    values = document.get("endorsement", [])
    return url in (values if isinstance(values, list) else [values])


def insert_line_before(relative: str, marker: str, line: str, needle: str) -> None:
    path = WEB / relative
    text = path.read_text(encoding="utf-8")
    if needle in text:
        return
    at = text.rindex(marker)
    line_start = text.rindex("\n", 0, at) + 1
    write(relative, text[:line_start] + line + "\n" + text[line_start:])


# ---------------------------------------------------------------- documents


def ob3_endorsement(id_, issuer, target, comment, valid_from=VALID_FROM, valid_until=None) -> dict:
    credential = {
        "@context": OB3_CONTEXT,
        "id": id_,
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": f"{ALLIANCE_NAME} endorsement",
        "issuer": {"id": issuer, "type": ["Profile"], "name": ALLIANCE_NAME},
        "validFrom": valid_from,
    }
    if valid_until:
        credential["validUntil"] = valid_until
    credential["credentialSubject"] = {"id": target, "type": ["EndorsementSubject"], "endorsementComment": comment}
    return credential


def ob2_endorsement(id_, target, comment, issued_on) -> dict:
    return {
        "@context": OB2_CONTEXT,
        "type": "Endorsement",
        "id": id_,
        "issuer": COUNCIL_PROFILE,
        "issuedOn": issued_on,
        "claim": {"id": target, "endorsementComment": comment},
        "verification": {"type": "SignedBadge", "creator": COUNCIL_KEY},
    }


HOMEPAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Regional Skills Alliance</title>
</head>
<body>
  <h1>Regional Skills Alliance</h1>
  <p>Employers of the region agreeing on the skills they hire for. We endorse courses whose badges
     our members accept, and sign every endorsement so that anyone can check it is ours.</p>
  <h2>Our endorsements</h2>
  <ul>
    <li><a href="/endorsements/ml-es256.jwt">Northbridge Data Academy: Machine Learning in Practice (2026)</a></li>
    <li><a href="/endorsements/sql-rs256.jwt">Northbridge Data Academy: SQL Basics (2026)</a></li>
    <li><a href="/endorsements/visualisation-expired.jwt">Northbridge Data Academy: Data Visualisation (2025 hiring round, expired)</a></li>
    <li><a href="/endorsements/data-ethics-di.json">Open Skills Institute: Data Ethics for Practitioners (2026)</a></li>
  </ul>
</body>
</html>
"""


def main() -> int:
    keys = load_keys()
    alliance_ed, alliance_p256, alliance_rsa = keys["alliance-ed25519"], keys["alliance-p256"], keys["alliance-rsa"]
    council_rsa, forger_ed = keys["council-rsa"], keys["forger-ed25519"]

    # -- the alliance: profile, DID document, JWK Set, homepage
    write_json(f"{ALLIANCE_HOST}/profile.json", {
        "@context": OB3_CONTEXT,
        "id": ALLIANCE_PROFILE,
        "type": ["Profile"],
        "name": ALLIANCE_NAME,
        "url": f"https://{ALLIANCE_HOST}/",
        "email": f"skills@{ALLIANCE_HOST}",
        "description": "An alliance of the region's employers that endorses the training whose badges its members accept when hiring.",
    })
    write_json(f"{ALLIANCE_HOST}/.well-known/did.json", {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": ALLIANCE_DID,
        "alsoKnownAs": [ALLIANCE_PROFILE],
        "verificationMethod": [{
            "id": ALLIANCE_ED25519_KID,
            "type": "Multikey",
            "controller": ALLIANCE_DID,
            "publicKeyMultibase": "z" + base58btc(b"\xed\x01" + raw_ed25519(alliance_ed.public_key())),
        }],
        "assertionMethod": ["#key-ed25519"],
    })
    p256 = alliance_p256.public_key().public_numbers()
    rsa_numbers = alliance_rsa.public_key().public_numbers()
    write_json(f"{ALLIANCE_HOST}/.well-known/jwks.json", {"keys": [
        {"kty": "EC", "crv": "P-256", "kid": ES256_KID, "use": "sig", "alg": "ES256",
         "x": b64url_uint(p256.x, 32), "y": b64url_uint(p256.y, 32)},
        {"kty": "RSA", "kid": RS256_KID, "use": "sig", "alg": "RS256",
         "n": b64url_uint(rsa_numbers.n), "e": b64url_uint(rsa_numbers.e)},
    ]})
    write(f"{ALLIANCE_HOST}/index.html", HOMEPAGE)

    # -- the alliance's endorsements
    did_header = {"alg": "EdDSA", "kid": ALLIANCE_ED25519_KID, "typ": "vc+jwt"}
    base = f"http://{ALLIANCE_HOST}/endorsements"
    tokens = []  # (file, alg, public key it must verify with or None, must verify)

    dsf_id = f"{base}/dsf-eddsa.jwt"
    token = sign("EdDSA", alliance_ed, did_header, ob3_endorsement(
        dsf_id, ALLIANCE_DID, DSF,
        "Our member employers hire graduates of this data science course: the project work is what junior analysts do in their first year."))
    tokens.append((f"{ALLIANCE_HOST}/endorsements/dsf-eddsa.jwt", token, "EdDSA", alliance_ed.public_key(), True))

    ml_id = f"{base}/ml-es256.jwt"
    ml_credential = ob3_endorsement(
        ml_id, ALLIANCE_PROFILE, ML,
        "Practical machine learning our members need: evaluation and monitoring are assessed, not only model training.")
    token = sign("ES256", alliance_p256, {"alg": "ES256", "kid": ES256_KID, "typ": "JWT"},
                 {"iss": ALLIANCE_PROFILE, "sub": ML, "jti": ml_id, "nbf": VALID_FROM_UNIX, "vc": ml_credential})
    tokens.append((f"{ALLIANCE_HOST}/endorsements/ml-es256.jwt", token, "ES256", alliance_p256.public_key(), True))

    token = sign("RS256", alliance_rsa, {"alg": "RS256", "kid": RS256_KID, "typ": "vc+jwt"}, ob3_endorsement(
        f"{base}/sql-rs256.jwt", ALLIANCE_PROFILE, SQL,
        "Alliance members accept this badge as evidence of everyday query skills for reporting roles."))
    tokens.append((f"{ALLIANCE_HOST}/endorsements/sql-rs256.jwt", token, "RS256", alliance_rsa.public_key(), True))

    token = sign("EdDSA", alliance_ed, did_header, ob3_endorsement(
        f"{base}/visualisation-expired.jwt", ALLIANCE_DID, VISUALISATION,
        "Endorsed for our 2025 hiring round: dashboards built on this course met our members' reporting standards.",
        valid_from="2025-01-01T00:00:00Z", valid_until="2026-06-30T00:00:00Z"))
    tokens.append((f"{ALLIANCE_HOST}/endorsements/visualisation-expired.jwt", token, "EdDSA", alliance_ed.public_key(), True))

    # -- the forgery: the alliance's issuer and key id, another key's signature
    token = sign("EdDSA", forger_ed, did_header, ob3_endorsement(
        "http://badge-boosters.example/e/sa-forged.jwt", ALLIANCE_DID, PRINTER_SAFETY,
        "Guaranteed by the Regional Skills Alliance: every holder of this badge gets a job interview!"))
    tokens.append(("badge-boosters.example/e/sa-forged.jwt", token, "EdDSA", alliance_ed.public_key(), False))

    # -- the Council: OB 2.0 key, revocation list, signed endorsements
    council_pem = council_rsa.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")
    write_json("quality-council.example/keys/2026.json", {
        "@context": OB2_CONTEXT,
        "type": "CryptographicKey",
        "id": COUNCIL_KEY,
        "owner": COUNCIL_PROFILE,
        "publicKeyPem": council_pem,
    })
    revoked_id = "http://quality-council.example/endorsements/makerspace-2025-signed.jwt"
    write_json("quality-council.example/revocations.json", {
        "@context": OB2_CONTEXT,
        "type": "RevocationList",
        "id": COUNCIL_REVOCATIONS,
        "issuer": COUNCIL_PROFILE,
        "revokedAssertions": [{"id": revoked_id, "revocationReason": "Withdrawn after the 2026 review"}],
    })
    ob2_header = {"alg": "RS256", "typ": "JWT"}
    token = sign("RS256", council_rsa, ob2_header, ob2_endorsement(
        "http://quality-council.example/endorsements/peer-reviewer-signed.jwt", PEER_REVIEWER,
        "The Guild's peer-review assessment meets the review standard of our framework: five supervised reviews, each checked by a second reviewer.",
        VALID_FROM))
    tokens.append(("quality-council.example/endorsements/peer-reviewer-signed.jwt", token, "RS256", council_rsa.public_key(), True))
    token = sign("RS256", council_rsa, ob2_header, ob2_endorsement(
        revoked_id, SENSOR_LOGGING,
        "Sound, hands-on assessment: holders log clean sensor readings unattended, as our 2025 review observed.",
        "2025-06-02T09:00:00Z"))
    tokens.append(("quality-council.example/endorsements/makerspace-2025-signed.jwt", token, "RS256", council_rsa.public_key(), True))

    for relative, token, alg, public_key, valid in tokens:
        if verifies(alg, public_key, token) != valid:
            print(f"make_signed: {relative}: the signature {'does not verify' if valid else 'verifies'} with the published key; nothing more written",
                  file=sys.stderr)
            return 1
        write_token(relative, token)

    # -- links to them from existing documents
    for relative, url, badge_id in [
        ("data-academy.example/badges/data-science-foundations.json", dsf_id, None),
        ("badges.skillcanvas.example/public/badges/Tq3Lm9Kp.json", "http://badge-boosters.example/e/sa-forged.jwt", None),
        ("badges.skillcanvas.example/public/issuers/hcm7Qx2/badges.json", "http://badge-boosters.example/e/sa-forged.jwt", PRINTER_SAFETY),
    ]:
        after = f'"id": "{badge_id}"' if badge_id else ""
        edit_json(relative, lambda text, url=url, after=after: append_to_array(text, "endorsement", url, after),
                  lambda doc, url=url, badge_id=badge_id: listed(doc, url, badge_id))
    edit_json("data-academy.example/badges/machine-learning-practice.json",
              lambda text: add_members(text, {"endorsement": [ml_id]}), lambda doc: listed(doc, ml_id))
    edit_json("quality-council.example/profile.json",
              lambda text: add_members(text, {"publicKey": COUNCIL_KEY, "revocationList": COUNCIL_REVOCATIONS}),
              lambda doc: doc.get("publicKey") == COUNCIL_KEY and doc.get("revocationList") == COUNCIL_REVOCATIONS)
    for file_name, title in [("peer-reviewer-signed.jwt", "Guild of Applied Analysts: Certified Peer Reviewer (2026, signed)"),
                             ("makerspace-2025-signed.jwt", "Harbour City Makerspace: Sensor Data Logging (2025, signed, withdrawn)")]:
        insert_line_before("quality-council.example/reviews.html", "</ul>",
                           f'    <li><a href="/endorsements/{file_name}">{title}</a></li>', f"/endorsements/{file_name}")
    for file_name, date in [("peer-reviewer-signed.jwt", "2026-03-01"), ("makerspace-2025-signed.jwt", "2025-06-02")]:
        insert_line_before("quality-council.example/sitemap.xml", "</urlset>",
                           f"  <url><loc>http://quality-council.example/endorsements/{file_name}</loc><lastmod>{date}</lastmod></url>",
                           f"/endorsements/{file_name}<")

    print(f"make_signed: {len(written)} file(s) written" + "".join(f"\n  {name}" for name in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
