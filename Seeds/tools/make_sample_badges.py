#!/usr/bin/env python3
"""Make the badges a candidate hands to an employer (Seeds/sample-badges/, for `endorse check`): awarded
OB 2.0 assertions and an OB 3.0 credential, as plain files and baked into PNG and SVG images, with the
assertions, keys and JWK Set of the sample web that verify them.

Run from anywhere:  python3 Seeds/tools/make_sample_badges.py

The private keys are sample data in Seeds/tools/sample-keys/ (PEM, PKCS #8, unencrypted; sample keys of
an invented web, never to be trusted). A missing key file is generated once and written there; every
later run loads it. RSA PKCS #1 v1.5 and Ed25519 signatures are deterministic, and the salts, dates and
uuids are fixed, so a second run writes nothing. The PNGs are written by hand (struct, zlib.crc32 and
zlib.adler32; the image data in one stored deflate block), so their bytes depend on no zlib version.

Writes (paths under Seeds/):
  sample-web/data-academy.example/  (Northbridge Data Academy, OB 2.0 issuer)
    assertions/ann-dsf.json             hosted Assertion: Data Science Foundations, to ann@example.org (salted)
    _routes.txt                         `/assertions/bob-ml.json 410`: Bob's assertion is revoked (its JSON
                                        exists only baked into his image)
    keys/2025.json                      OB 2.0 CryptographicKey (RSA-2048), owner the Academy's issuer.json
  sample-web/open-skills-institute.example/
    .well-known/jwks.json               one Ed25519 key (OKP), kid "osi-2026"
  sample-badges/  (not served: what candidates send)
    ann-data-science-foundations.json   the hosted assertion, as served
    ann-data-science-foundations.png    iTXt `openbadges`: that JSON
    ann-data-science-foundations.svg    <openbadges:assertion verify="its URL">, the JSON in CDATA
    ann-sql-basics-signed.jws           OB 2.0 signed Assertion, RS256, creator keys/2025.json -> SQL Basics
    ann-sql-basics-signed.png           iTXt `openbadges`: that JWS
    ann-welding-safety.jwt              OB 3.0 OpenBadgeCredential, VC-JWT (the payload is the credential,
                                        with iss, jti, nbf), EdDSA, kid osi-2026 -> Welding Safety Fundamentals
    ann-welding-safety.png              iTXt `openbadgecredential`: that JWT
    ann-welding-safety.svg              <openbadges:credential verify="the JWT"> (OB 3.0 section 5.3.2.1: a
                                        VC-JWT goes in `verify`, only a JSON credential in the body)
    bob-machine-learning-revoked.png    iTXt `openbadges`: Bob's hosted assertion, whose URL answers 410
    forged-welding-safety.png           iTXt `openbadgecredential`: the JWT with its `name` changed after
                                        signing (header and signature kept): the signature does not match
    expected.json                       each file's format, standard, badge, issuer, recipient and verdict
And edits in place, preserving its formatting, only when the member is missing:
  sample-web/data-academy.example/issuer.json   `publicKey` lists keys/2025.json

Nothing on the sample web links the new assertions, the key or the JWK Set (the crawler does not follow
`publicKey`), so the crawl and Seeds/sample-web.expected.json do not change.

Before writing, the script checks that every signature verifies (the forged one: does not) with the
public key as published, that every recipient hash matches its address, and after writing it reads
every image back: PNG chunk CRCs, the iTXt right after IHDR, the image data, the SVG's badge element.

Needs the `cryptography` package (pip install cryptography).
"""
import base64
import calendar
import hashlib
import json
import pathlib
import struct
import sys
import time
import xml.etree.ElementTree as ET
import zlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

TOOLS = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))
import make_signed  # noqa: E402  (base64url, JWS signing and verifying, the layout-keeping JSON edit)

SEEDS = TOOLS.parent
WEB = SEEDS / "sample-web"
BADGES = SEEDS / "sample-badges"
KEYS = TOOLS / "sample-keys"

OB2_CONTEXT = make_signed.OB2_CONTEXT
OB3_CONTEXT = make_signed.OB3_CONTEXT

ACADEMY = "http://data-academy.example"
ACADEMY_ISSUER = f"{ACADEMY}/issuer.json"
ACADEMY_KEY = f"{ACADEMY}/keys/2025.json"
DSF = f"{ACADEMY}/badges/data-science-foundations.json"
ML = f"{ACADEMY}/badges/machine-learning-practice.json"
SQL = f"{ACADEMY}/badges/sql-basics.json"
ANN_DSF = f"{ACADEMY}/assertions/ann-dsf.json"
BOB_ML = f"{ACADEMY}/assertions/bob-ml.json"
BOB_ML_ROUTE = "/assertions/bob-ml.json 410"

OSI_HOST = "open-skills-institute.example"
OSI_NAME = "Open Skills Institute"
OSI_PROFILE = f"http://{OSI_HOST}/issuers/osi.json"           # as the OSI's documents write it
OSI_ISSUER = f"https://{OSI_HOST}/issuers/osi.json"           # in the credential: JWK Set binding is https-only
OSI_JWKS = f"{OSI_HOST}/.well-known/jwks.json"
OSI_KID = "osi-2026"
WELDING = f"http://{OSI_HOST}/achievements/welding-safety.json"

ANN = "ann@example.org"
BOB = "bob@example.org"
ANN_DSF_SALT = "nda-2025-03-ann"
BOB_ML_SALT = "nda-2025-04-bob"
ANN_WELDING_SALT = "osi-2025-10-ann"

SQL_ASSERTION_ID = "urn:uuid:4b7e2c90-1d3a-4f6e-8a5b-9c0d2e7f3a61"
WELDING_CREDENTIAL_ID = "urn:uuid:d2a5f8c1-7e34-4b09-a6d2-3f1e8b5c7a04"
WELDING_VALID_FROM = "2025-10-01T00:00:00Z"
FORGED_NAME = "Certified Welding Inspector"

KEY_FILES = {
    "academy-rsa": ("data-academy-rsa.pem", lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)),
    "osi-ed25519": ("open-skills-institute-ed25519.pem", lambda: ed25519.Ed25519PrivateKey.generate()),
}

# Palette of each badge's image: background, disc, rim, inner ring (2-bit palette PNG).
COLOURS = {
    "dsf": ((255, 255, 255), (31, 95, 168), (16, 50, 92), (220, 232, 246)),
    "ml": ((255, 255, 255), (106, 61, 154), (60, 32, 90), (232, 222, 244)),
    "sql": ((255, 255, 255), (46, 125, 50), (24, 70, 27), (222, 240, 222)),
    "welding": ((255, 255, 255), (224, 123, 0), (130, 70, 0), (255, 236, 204)),
}

written = []


# ---------------------------------------------------------------- keys, hashes, writing


def identity_hash(email: str, salt: str = "") -> str:
    """`sha256$` and the hex SHA-256 of the address followed by the salt (OB 2.0 IdentityObject, OB 3.0 identityHash)."""
    return "sha256$" + hashlib.sha256((email + salt).encode("utf-8")).hexdigest()


def write(relative: str, data) -> None:
    """Writes Seeds/`relative` (text as UTF-8) unless it already holds exactly these bytes."""
    data = data.encode("utf-8") if isinstance(data, str) else data
    path = SEEDS / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_bytes() == data:
        return
    path.write_bytes(data)
    if relative not in written:
        written.append(relative)


def json_text(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# ---------------------------------------------------------------- images


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def itxt(keyword: str, text: str) -> bytes:
    """iTXt data: keyword, NUL, compression flag 0, method 0, empty language tag, NUL, empty translated keyword, NUL, UTF-8 text."""
    return keyword.encode("latin-1") + b"\0" + b"\0\0" + b"\0" + b"\0" + text.encode("utf-8")


def stored_zlib(data: bytes) -> bytes:
    """A zlib stream (RFC 1950) of `data` in stored deflate blocks (RFC 1951 section 3.2.4): byte-identical everywhere."""
    out = bytearray(b"\x78\x01")
    for start in range(0, max(len(data), 1), 65535):
        block = data[start : start + 65535]
        final = 1 if start + 65535 >= len(data) else 0
        out += bytes([final]) + struct.pack("<HH", len(block), len(block) ^ 0xFFFF) + block
    return bytes(out + struct.pack(">I", zlib.adler32(data)))


def base_png(colours, size: int = 96) -> bytes:
    """A `size` x `size` 2-bit palette PNG: a disc with a dark rim and a light ring inside."""
    centre, rows = (size - 1) / 2, bytearray()
    for y in range(size):
        row = bytearray([0])  # filter type None
        bits = []
        for x in range(size):
            distance = ((x - centre) ** 2 + (y - centre) ** 2) ** 0.5
            if distance > size * 0.46:
                bits.append(0)
            elif distance > size * 0.40:
                bits.append(2)
            elif size * 0.16 < distance < size * 0.22:
                bits.append(3)
            else:
                bits.append(1)
        for x in range(0, size, 4):
            row.append(bits[x] << 6 | bits[x + 1] << 4 | bits[x + 2] << 2 | bits[x + 3])
        rows += row
    ihdr = struct.pack(">IIBBBBB", size, size, 2, 3, 0, 0, 0)  # bit depth 2, colour type 3 (palette)
    palette = b"".join(bytes(colour) for colour in colours)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"PLTE", palette)
            + png_chunk(b"IDAT", stored_zlib(bytes(rows))) + png_chunk(b"IEND", b""))


def bake_png(png: bytes, keyword: str, payload: str) -> bytes:
    """`png` with an uncompressed iTXt chunk `keyword` holding `payload`, inserted right after IHDR."""
    after_ihdr = 8 + 8 + 13 + 4
    assert png[12:16] == b"IHDR"
    return png[:after_ihdr] + png_chunk(b"iTXt", itxt(keyword, payload)) + png[after_ihdr:]


def svg(colour: str, initials: str, namespace: str, element: str) -> str:
    """A 96 x 96 SVG badge (a disc and the initials), `element` (the badge element) its root's first child."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="{namespace}" width="96" height="96" viewBox="0 0 96 96">\n'
        f"{element}\n"
        f'  <circle cx="48" cy="48" r="44" fill="{colour}" stroke="#1a1a1a" stroke-width="4"/>\n'
        '  <text x="48" y="58" font-family="sans-serif" font-size="26" font-weight="bold" fill="#ffffff" '
        f'text-anchor="middle">{initials}</text>\n'
        "</svg>\n")


def svg_attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


# ---------------------------------------------------------------- documents


def hosted_assertion(id_, badge, email, salt, issued_on) -> dict:
    return {
        "@context": OB2_CONTEXT,
        "type": "Assertion",
        "id": id_,
        "recipient": {"type": "email", "hashed": True, "salt": salt, "identity": identity_hash(email, salt)},
        "badge": badge,
        "issuedOn": issued_on,
        "verification": {"type": "hosted"},
    }


def welding_credential() -> dict:
    achievement = json.loads((WEB / OSI_HOST / "achievements" / "welding-safety.json").read_text(encoding="utf-8"))
    embedded = {name: achievement[name] for name in ("id", "type", "name", "description", "criteria", "creator")}
    if embedded["creator"].get("id") != OSI_PROFILE:
        raise SystemExit(f"make_sample_badges: the Welding Safety achievement's creator is not {OSI_PROFILE}")
    return {
        "@context": OB3_CONTEXT,
        "id": WELDING_CREDENTIAL_ID,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": achievement["name"],
        "issuer": {"id": OSI_ISSUER, "type": ["Profile"], "name": OSI_NAME},
        "validFrom": WELDING_VALID_FROM,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{
                "type": "IdentityObject",
                "identityHash": identity_hash(ANN, ANN_WELDING_SALT),
                "identityType": "emailAddress",
                "hashed": True,
                "salt": ANN_WELDING_SALT,
            }],
            "achievement": embedded,
        },
    }


def epoch(instant: str) -> int:
    return calendar.timegm(time.strptime(instant, "%Y-%m-%dT%H:%M:%SZ"))


EXPECTED_ABOUT = (
    "The badges a candidate hands to an employer (Seeds/sample-badges), for `endorse check`: what each file is and "
    "the verdict a checker must reach against the sample web (Seeds/sample-web, served as for `endorse demo`), for "
    "the recipient named. Written by Seeds/tools/make_sample_badges.py; the verdicts hold from 2025-10-01 on "
    "(nothing expires).")
EXPECTED_FIELDS = {
    "file": "the file name in Seeds/sample-badges.",
    "format": "png, svg (a baked image), json (an assertion as JSON) or jwt (a compact JWS: .jwt or .jws).",
    "standard": "ob2 (Open Badges 2.0 Assertion) or ob3 (Open Badges 3.0 OpenBadgeCredential).",
    "payload": "what the file carries (for an image: what is baked; in an SVG the `verify` attribute, the body being a copy): url (a hosted assertion's URL), json or jwt.",
    "id": "the assertion's or credential's id.",
    "badge": "the BadgeClass or Achievement IRI; badgeName its name as its document on the sample web gives it.",
    "issuer": "the issuer's profile IRI as the badge document writes it; issuerName its name.",
    "recipient": "the email address the badge was awarded to (hashed in the badge).",
    "verification": "hosted (the assertion at its URL) or signed (a compact JWS and the key the issuer publishes).",
    "expected": "valid or notValid: the checker's verdict for this recipient.",
    "reason": "why, in words; for notValid it starts with revoked or signature invalid.",
}


def badge_facts(badge: str):
    """(badge IRI, its name, issuer IRI as the badge document writes it, the issuer's name), from the sample web."""
    def document(url):
        return json.loads((WEB / url.split("://", 1)[1]).read_text(encoding="utf-8"))
    badge_document = document(badge)
    issuer = badge_document.get("issuer", badge_document.get("creator"))
    issuer = issuer["id"] if isinstance(issuer, dict) else issuer
    return badge, badge_document["name"], issuer, document(issuer)["name"]


def expected_entry(file, format_, standard, payload, id_, badge, badge_name, issuer, issuer_name, recipient,
                   verification, expected, reason) -> dict:
    return {"file": file, "format": format_, "standard": standard, "payload": payload, "id": id_, "badge": badge,
            "badgeName": badge_name, "issuer": issuer, "issuerName": issuer_name, "recipient": recipient,
            "verification": verification, "expected": expected, "reason": reason}


# ---------------------------------------------------------------- reading back


def png_chunks(data: bytes):
    """[(type, data)] of a PNG; raises on a bad signature, length or CRC."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("no PNG signature")
    chunks, at = [], 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        body = data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        if len(body) != length or crc != zlib.crc32(kind + body):
            raise ValueError(f"{kind.decode('latin-1')} at byte {at}: bad length or CRC")
        chunks.append((kind, body))
        at += 12 + length
    return chunks


def check_png(data: bytes, keyword: str, payload: str):
    """None, or what is wrong with a baked PNG."""
    try:
        chunks = png_chunks(data)
    except ValueError as error:
        return str(error)
    kinds = [kind for kind, _ in chunks]
    if kinds[0] != b"IHDR" or kinds[1] != b"iTXt" or kinds[-1] != b"IEND" or kinds.count(b"iTXt") != 1:
        return f"chunks {[k.decode() for k in kinds]}: expected IHDR, iTXt first, one iTXt, IEND last"
    fields = chunks[1][1].split(b"\0", 1)
    rest = fields[1]
    if fields[0] != keyword.encode("latin-1") or rest[:2] != b"\0\0":
        return "the iTXt keyword or compression fields are wrong"
    language, translated, text = rest[2:].split(b"\0", 2)
    if language or translated or text.decode("utf-8") != payload:
        return "the iTXt language, translated keyword or text is wrong"
    width, height, depth, colour_type = struct.unpack(">IIBB", chunks[0][1][:10])
    pixels = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    if len(pixels) != height * (1 + (width * depth + 7) // 8) or colour_type != 3:
        return "the image data does not match IHDR"
    return None


def check_svg(text: str, namespace: str, element: str, verify, body):
    """None, or what is wrong with a baked SVG."""
    root = ET.fromstring(text.encode("utf-8"))
    first = root[0] if len(root) else None
    if root.tag != "{http://www.w3.org/2000/svg}svg" or first is None or first.tag != f"{{{namespace}}}{element}":
        return f"the root's first child is {first.tag if first is not None else None}, not {element} in {namespace}"
    if first.get("verify") != verify or (first.text or "").strip() != (body or ""):
        return "the badge element's verify attribute or body is wrong"
    return None


# ---------------------------------------------------------------- main


def main() -> int:
    keys = make_signed.load_keys(KEY_FILES, tool="make_sample_badges")
    academy_rsa, osi_ed = keys["academy-rsa"], keys["osi-ed25519"]
    problems = []

    # -- the Academy: CryptographicKey, issuer.json's publicKey, hosted assertions, the 410 route
    academy_pem = academy_rsa.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")
    key_document = json_text({
        "@context": OB2_CONTEXT,
        "type": "CryptographicKey",
        "id": ACADEMY_KEY,
        "owner": ACADEMY_ISSUER,
        "publicKeyPem": academy_pem,
    })
    issuer_path = "sample-web/data-academy.example/issuer.json"
    issuer_text = (SEEDS / issuer_path).read_text(encoding="utf-8")
    if ACADEMY_KEY not in (json.loads(issuer_text).get("publicKey") or []):
        issuer_text = make_signed.add_members(issuer_text, {"publicKey": [ACADEMY_KEY]})
    issuer = json.loads(issuer_text)

    ann_dsf = hosted_assertion(ANN_DSF, DSF, ANN, ANN_DSF_SALT, "2025-03-01T09:00:00Z")
    bob_ml = hosted_assertion(BOB_ML, ML, BOB, BOB_ML_SALT, "2025-04-10T09:00:00Z")
    ann_dsf_text, bob_ml_text = json_text(ann_dsf), json_text(bob_ml)

    routes_path = SEEDS / "sample-web/data-academy.example/_routes.txt"
    routes = routes_path.read_text(encoding="utf-8") if routes_path.exists() else "# PATH STATUS [LOCATION]\n"
    if BOB_ML_ROUTE not in routes.splitlines():
        routes += ("# Bob's Machine Learning in Practice assertion, revoked: its only copy is baked into\n"
                   "# Seeds/sample-badges/bob-machine-learning-revoked.png.\n" + BOB_ML_ROUTE + "\n")

    # -- the OB 2.0 signed assertion (header as the Council's SignedBadge endorsements)
    sql_assertion = {
        "@context": OB2_CONTEXT,
        "type": "Assertion",
        "id": SQL_ASSERTION_ID,
        "recipient": {"type": "email", "hashed": True, "identity": identity_hash(ANN)},
        "badge": SQL,
        "issuedOn": "2025-06-15T09:00:00Z",
        "verification": {"type": "signed", "creator": ACADEMY_KEY},
    }
    sql_jws = make_signed.sign("RS256", academy_rsa, {"alg": "RS256", "typ": "JWT"}, sql_assertion)

    # -- the OSI: JWK Set and the OB 3.0 VC-JWT (the payload is the credential, plus iss, jti, nbf)
    osi_x = make_signed.b64url(make_signed.raw_ed25519(osi_ed.public_key()))
    jwks_text = json_text({"keys": [{"kty": "OKP", "crv": "Ed25519", "kid": OSI_KID, "use": "sig", "alg": "EdDSA", "x": osi_x}]})
    credential = welding_credential()
    welding_payload = dict(credential, iss=OSI_ISSUER, jti=WELDING_CREDENTIAL_ID, nbf=epoch(WELDING_VALID_FROM))
    welding_header = {"alg": "EdDSA", "kid": OSI_KID, "typ": "vc+jwt"}
    welding_jwt = make_signed.sign("EdDSA", osi_ed, welding_header, welding_payload)
    forged_payload = dict(welding_payload, name=FORGED_NAME)
    head, _, signature = welding_jwt.split(".")
    forged_jwt = f"{head}.{make_signed.b64url(make_signed.compact(forged_payload))}.{signature}"

    # -- checks before writing: signatures against the keys as published, recipients against their hashes
    published_rsa = serialization.load_pem_public_key(json.loads(key_document)["publicKeyPem"].encode("ascii"))
    jwk = json.loads(jwks_text)["keys"][0]
    published_ed = ed25519.Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
    if json.loads(key_document)["owner"] != issuer["id"] or ACADEMY_KEY not in issuer["publicKey"]:
        problems.append("the Academy's key is not owned by and listed in issuer.json")
    for name, alg, public_key, token, valid in [
        ("ann-sql-basics-signed.jws", "RS256", published_rsa, sql_jws, True),
        ("ann-welding-safety.jwt", "EdDSA", published_ed, welding_jwt, True),
        ("forged-welding-safety.png", "EdDSA", published_ed, forged_jwt, False),
    ]:
        if make_signed.verifies(alg, public_key, token) != valid:
            problems.append(f"{name}: the signature {'does not verify' if valid else 'verifies'} with the published key")
    identifier = credential["credentialSubject"]["identifier"][0]
    for name, recipient, email, salt in [
        ("ann-dsf.json", ann_dsf["recipient"], ANN, ANN_DSF_SALT),
        ("bob-ml.json", bob_ml["recipient"], BOB, BOB_ML_SALT),
        ("the SQL Basics assertion", sql_assertion["recipient"], ANN, ""),
        ("the Welding Safety credential", {"identity": identifier["identityHash"]}, ANN, identifier["salt"]),
    ]:
        digest = "sha256$" + hashlib.sha256((email + salt).encode("utf-8")).hexdigest()
        other = ANN if email == BOB else BOB
        if recipient["identity"] != digest or recipient["identity"] == identity_hash(other, salt):
            problems.append(f"{name}: the recipient hash does not match {email}")
    if problems:
        for message in problems:
            print(f"make_sample_badges: {message}; nothing written", file=sys.stderr)
        return 1

    # -- the sample web
    write("sample-web/data-academy.example/keys/2025.json", key_document)
    write(issuer_path, issuer_text)
    write("sample-web/data-academy.example/assertions/ann-dsf.json", ann_dsf_text)
    write("sample-web/data-academy.example/_routes.txt", routes)
    write(f"sample-web/{OSI_JWKS}", jwks_text)

    # -- what candidates send
    dsf_png = base_png(COLOURS["dsf"])
    welding_png = base_png(COLOURS["welding"])
    images = {
        "ann-data-science-foundations.png": (bake_png(dsf_png, "openbadges", ann_dsf_text.rstrip("\n")), "openbadges", ann_dsf_text.rstrip("\n")),
        "ann-sql-basics-signed.png": (bake_png(base_png(COLOURS["sql"]), "openbadges", sql_jws), "openbadges", sql_jws),
        "ann-welding-safety.png": (bake_png(welding_png, "openbadgecredential", welding_jwt), "openbadgecredential", welding_jwt),
        "bob-machine-learning-revoked.png": (bake_png(base_png(COLOURS["ml"]), "openbadges", bob_ml_text.rstrip("\n")), "openbadges", bob_ml_text.rstrip("\n")),
        "forged-welding-safety.png": (bake_png(welding_png, "openbadgecredential", forged_jwt), "openbadgecredential", forged_jwt),
    }
    ob2_ns, ob3_ns = "http://openbadges.org", "https://purl.imsglobal.org/ob/v3p0"
    dsf_svg = svg("#1f5fa8", "DSF", ob2_ns, f'<openbadges:assertion verify="{svg_attribute(ANN_DSF)}"><![CDATA[\n'
                  f'{ann_dsf_text.rstrip(chr(10))}\n]]></openbadges:assertion>')
    welding_svg = svg("#e07b00", "WSF", ob3_ns, f'<openbadges:credential verify="{svg_attribute(welding_jwt)}"/>')
    for name, (data, _, _) in images.items():
        write(f"sample-badges/{name}", data)
    write("sample-badges/ann-data-science-foundations.svg", dsf_svg)
    write("sample-badges/ann-welding-safety.svg", welding_svg)
    write("sample-badges/ann-data-science-foundations.json", ann_dsf_text)
    write("sample-badges/ann-sql-basics-signed.jws", sql_jws)
    write("sample-badges/ann-welding-safety.jwt", welding_jwt)

    dsf_facts = (ANN_DSF, *badge_facts(DSF), ANN, "hosted")
    hosted_ok = "hosted: the assertion at its id answers 200, is the same assertion, and names ann@example.org (salted sha256)"
    sql_facts = (SQL_ASSERTION_ID, *badge_facts(SQL), ANN, "signed")
    sql_ok = ("signed: RS256 by verification.creator keys/2025.json, a CryptographicKey owned by the issuer and listed in its "
              "publicKey; names ann@example.org (unsalted sha256)")
    welding_facts = (WELDING_CREDENTIAL_ID, *badge_facts(WELDING), ANN, "signed")
    welding_ok = ("signed: EdDSA, kid osi-2026 of https://open-skills-institute.example/.well-known/jwks.json, the https issuer "
                  "origin's JWK Set; names ann@example.org (salted identityHash)")
    entries = [
        expected_entry("ann-data-science-foundations.png", "png", "ob2", "json", *dsf_facts, "valid", hosted_ok),
        expected_entry("ann-data-science-foundations.svg", "svg", "ob2", "url", *dsf_facts, "valid",
                       hosted_ok + "; the body is a copy of the same assertion"),
        expected_entry("ann-data-science-foundations.json", "json", "ob2", "json", *dsf_facts, "valid", hosted_ok),
        expected_entry("ann-sql-basics-signed.png", "png", "ob2", "jwt", *sql_facts, "valid", sql_ok),
        expected_entry("ann-sql-basics-signed.jws", "jwt", "ob2", "jwt", *sql_facts, "valid", sql_ok),
        expected_entry("ann-welding-safety.png", "png", "ob3", "jwt", *welding_facts, "valid", welding_ok),
        expected_entry("ann-welding-safety.svg", "svg", "ob3", "jwt", *welding_facts, "valid", welding_ok),
        expected_entry("ann-welding-safety.jwt", "jwt", "ob3", "jwt", *welding_facts, "valid", welding_ok),
        expected_entry("bob-machine-learning-revoked.png", "png", "ob2", "json", BOB_ML, *badge_facts(ML), BOB, "hosted", "notValid",
                       "revoked: the assertion's id answers 410 Gone"),
        expected_entry("forged-welding-safety.png", "png", "ob3", "jwt", *welding_facts, "notValid",
                       f"signature invalid: the credential's name was changed to {FORGED_NAME!r} after signing; "
                       "the header and signature are the genuine token's"),
    ]
    write("sample-badges/expected.json", json_text({"about": EXPECTED_ABOUT, "version": 1, "fields": EXPECTED_FIELDS, "files": entries}))

    # -- read everything back
    for name, (_, keyword, payload) in images.items():
        message = check_png((BADGES / name).read_bytes(), keyword, payload)
        if message:
            problems.append(f"{name}: {message}")
    for name, namespace, element, verify, body in [
        ("ann-data-science-foundations.svg", ob2_ns, "assertion", ANN_DSF, ann_dsf_text.strip()),
        ("ann-welding-safety.svg", ob3_ns, "credential", welding_jwt, None),
    ]:
        message = check_svg((BADGES / name).read_text(encoding="utf-8"), namespace, element, verify, body)
        if message:
            problems.append(f"{name}: {message}")
    if json.loads((BADGES / "ann-data-science-foundations.json").read_text(encoding="utf-8")) != ann_dsf:
        problems.append("ann-data-science-foundations.json differs from the hosted assertion")
    if (WEB / "data-academy.example/assertions/bob-ml.json").exists():
        problems.append("data-academy.example/assertions/bob-ml.json must not exist: its route answers 410")
    for entry in entries:
        if not (BADGES / entry["file"]).is_file():
            problems.append(f"expected.json names {entry['file']}, which is not there")

    print(f"make_sample_badges: {len(written)} file(s) written" + "".join(f"\n  {name}" for name in written))
    for message in problems:
        print(f"make_sample_badges: PROBLEM: {message}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
