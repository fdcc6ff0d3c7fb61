#!/usr/bin/env python3
"""Check the offline sample web (Seeds/sample-web) and its ground truth (Seeds/sample-web.expected.json).

Run from anywhere:  python3 Seeds/tools/check_sample_web.py
Exit status 0 when everything holds, 1 with one line per problem otherwise.

It resolves URLs exactly as the loopback server does (HOST/PATH, then PATH.json, then
PATH/index.html and PATH/index.json; `_routes.txt` first; files starting with `_` never served;
https://HOST/PATH is the same file as http://HOST/PATH, served by the TLS twin), and checks:
  - every .json file, every <script type="application/ld+json">, every JWT payload and every .jwt
    file parses (a .jwt file is read as its credential: the `vc` claim, else the payload);
  - every served file has a known extension (.json .jsonld .html .txt .xml .jwt);
  - every http URL on an .example host found in any document, page, sitemap, robots.txt or
    route resolves (200, or the route's status), except the deliberate 404s listed in the manifest;
  - no URL names a real-world host, except JSON-LD `@context` values;
  - a breadth-first walk from the seeds (links, homepages, robots.txt Sitemap lines, sitemaps,
    Badgr listings, the keys and DID documents a signed endorsement names; robots.txt Disallow
    honoured; an http URL and its https twin are one page) reaches every profile, badge and hosted
    endorsement of the manifest and never one of its `neverFetched` URLs;
  - each endorsement's endorser, target and comment match the documents, and its acknowledged /
    publishedBy / verification / revoked facts match those recomputed from the documents by the
    manifest's rules (`provenance`, when given, is the level the rules compute; `verification` is
    then `signed` or `invalid`, from the signature);
  - each `signature` block (alg, form, keyBinding, status, validity, outcome) matches the token
    checked against the key it names, found in the published documents the way the Swift verifier
    finds it (needs `cryptography`; validity judged at NOW);
  - each `signature` block of form embedded-proof matches the credential's Data Integrity proof
    (alg is `DataIntegrityProof/<cryptosuite>`, proofPurpose assertionMethod, a base58btc proofValue,
    the key its verificationMethod names and how it is bound, status, validity); with `pyld`
    importable the eddsa-rdfc-2022 proof is verified too (make_data_integrity.verify_proof, contexts
    from endorse's pinned copies only), otherwise that one check is skipped with a note;
  - the JWT endorsement's RS256 signature verifies with the published JWK (needs `cryptography`);
  - the manifest's searches, redirects, 404s and 410s.
"""
import base64
import datetime
import json
import pathlib
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

SEEDS = pathlib.Path(__file__).resolve().parent.parent
WEB = SEEDS / "sample-web"
SERVED_EXTENSIONS = {".json", ".jsonld", ".html", ".txt", ".xml", ".jwt"}
problems = []


def problem(message):
    problems.append(message)


# ---------------------------------------------------------------- the server's lookup

def load_routes(host):
    routes = {}
    path = WEB / host / "_routes.txt"
    if not path.exists():
        return routes
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) not in (2, 3) or not parts[0].startswith("/") or not parts[1].isdigit():
            problem(f"{host}/_routes.txt:{number}: expected `PATH STATUS [LOCATION]`, got {line!r}")
            continue
        status = int(parts[1])
        location = parts[2] if len(parts) == 3 else None
        if 300 <= status < 400 and location is None:
            problem(f"{host}/_routes.txt:{number}: {status} needs a LOCATION")
        routes[parts[0]] = (status, location)
    return routes


HOSTS = sorted(p.name for p in WEB.iterdir() if p.is_dir())
ROUTES = {host: load_routes(host) for host in HOSTS}


def resolve(url):
    """(status, file path or None, location or None), as the loopback server answers."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or host not in HOSTS:
        return 0, None, None
    path = unquote(parts.path) or "/"
    if path in ROUTES[host]:
        status, location = ROUTES[host][path]
        return status, None, (urljoin(url, location) if location else None)
    if any(segment.startswith("_") for segment in path.split("/")):
        return 404, None, None
    base = WEB / host / path.lstrip("/")
    candidates = [base, base.with_name(base.name + ".json")] if path != "/" else []
    if base.is_dir():
        candidates += [base / "index.html", base / "index.json"]
    for candidate in candidates:
        if candidate.is_file():
            return 200, candidate, None
    return 404, None, None


def url_of(path):
    """The canonical URL of a served file."""
    relative = path.relative_to(WEB)
    host, rest = relative.parts[0], "/".join(relative.parts[1:])
    if path.name == "index.html":
        rest = rest[: -len("index.html")]
    return f"http://{host}/{rest}"


def http_form(url):
    """The key of a URL in the walk and in DOCS: an https URL and its http twin are the same page."""
    return "http://" + url[len("https://"):] if url.startswith("https://") else url


def origin(url):
    """host[:port], the scheme ignored (the Swift store folds http into https); None for non-http(s) IRIs."""
    parts = urlsplit(url)
    return parts.netloc.lower() if parts.scheme in ("http", "https") else None


# ---------------------------------------------------------------- reading documents

def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def jwt_parts(token):
    header, payload, signature = token.split(".")
    return json.loads(b64url_decode(header)), json.loads(b64url_decode(payload)), signature


def types_of(obj):
    value = obj.get("type", obj.get("@type", []))
    return set(value if isinstance(value, list) else [value])


def ref_id(value):
    if isinstance(value, dict):
        return value.get("id")
    return value


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.scripts, self._in_ld = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.scripts[-1] += data


def walk_json(value, key=None):
    """Yield (key, string) for every string in a JSON value, and JWT payloads' strings."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from walk_json(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from walk_json(v, key)
    elif isinstance(value, str):
        yield key, value
        if key == "endorsementJwt":
            yield from walk_json(jwt_parts(value)[1], None)


def json_objects(value):
    """Every JSON object inside value (JWT payload credentials included)."""
    if isinstance(value, dict):
        yield value
        for k, v in value.items():
            if k == "endorsementJwt":
                for token in v if isinstance(v, list) else [v]:
                    payload = jwt_parts(token)[1]
                    yield from json_objects(payload.get("vc", payload))
            else:
                yield from json_objects(v)
    elif isinstance(value, list):
        for v in value:
            yield from json_objects(v)


DOCS = {}    # url -> parsed JSON (files and page-embedded JSON-LD; a .jwt file's credential)
LINKS = {}   # url -> [absolute linked URLs]
TOKENS = {}  # credential id (http form) -> compact JWS, from .jwt files and `endorsementJwt`
PROOFED = {}  # credential id (http form) -> a JSON credential carrying an embedded `proof`
KEY_LINKS = {}  # url -> [key, key set and DID document URLs its tokens name: fetched to verify them]


def token_form(payload):
    if isinstance(payload.get("vc"), dict):
        return "vc-jwt-1.1"
    contexts = payload.get("@context", [])
    contexts = contexts if isinstance(contexts, list) else [contexts]
    if "VerifiableCredential" in types_of(payload) or any(str(c).startswith("https://www.w3.org/") for c in contexts):
        return "vc-jwt-2.0"
    if any("openbadges" in str(c) for c in contexts) or "verification" in payload:
        return "ob2-signed"
    return "vc-jwt-2.0"


def did_web_document(did_url):
    """https URL of the DID document of a did:web DID (URL)."""
    parts = did_url.split("#")[0].split("?")[0][len("did:web:"):].split(":")
    host = unquote(parts[0]).lower()
    return f"https://{host}/" + ("/".join(parts[1:]) + "/did.json" if len(parts) > 1 else ".well-known/did.json")


def token_key_urls(token):
    """The documents the verifier reads for a token's key (not the issuer profile of OB 2.0: a link anyway)."""
    header, payload, _ = jwt_parts(token)
    form = token_form(payload)
    credential = payload["vc"] if form == "vc-jwt-1.1" else payload
    kid = header.get("kid")
    issuer = ref_id(credential.get("issuer")) or payload.get("iss")
    if isinstance(kid, str) and kid.startswith("did:web:"):
        return [did_web_document(kid)]
    if isinstance(kid, str) and kid.startswith(("http://", "https://")):
        return [kid.split("#")[0]]
    if form == "ob2-signed" and isinstance(credential.get("verification"), dict) and credential["verification"].get("creator"):
        return [credential["verification"]["creator"]]
    if isinstance(issuer, str) and issuer.startswith("did:web:"):
        return [did_web_document(issuer)]
    if isinstance(issuer, str) and issuer.startswith("https://"):
        return [f"https://{urlsplit(issuer).netloc}/.well-known/jwks.json"]
    return []


def note_token(url, token):
    header, payload, _ = jwt_parts(token)
    credential = payload["vc"] if token_form(payload) == "vc-jwt-1.1" else payload
    credential_id = credential.get("id") or payload.get("jti")
    if credential_id:
        TOKENS[http_form(credential_id)] = token
    KEY_LINKS.setdefault(url, []).extend(token_key_urls(token))


def note_proofs(url, document):
    """Records the JSON credentials with an embedded proof, and the key documents their proofs name."""
    for obj in json_objects(document):
        proof = obj.get("proof")
        if not isinstance(proof, dict) or not isinstance(obj.get("id"), str):
            continue
        PROOFED[http_form(obj["id"])] = obj
        method = proof.get("verificationMethod")
        if isinstance(method, str) and method.startswith("did:web:"):
            KEY_LINKS.setdefault(url, []).append(did_web_document(method))
        elif isinstance(method, str) and method.startswith(("http://", "https://")):
            KEY_LINKS.setdefault(url, []).append(method.split("#")[0])


def read_file(path):
    url = url_of(path)
    text = path.read_text(encoding="utf-8")
    links = []
    if path.suffix in (".json", ".jsonld"):
        try:
            DOCS[url] = json.loads(text)
        except json.JSONDecodeError as error:
            problem(f"{path.relative_to(WEB)}: invalid JSON: {error}")
            return
        for key, string in walk_json(DOCS[url]):
            if key != "@context" and string.startswith(("http://", "https://")):
                links.append(string)
            elif key == "@context" and not string.startswith("https://"):
                problem(f"{path.relative_to(WEB)}: odd @context {string!r}")
            if key == "endorsementJwt":
                note_token(url, string)
        note_proofs(url, DOCS[url])
    elif path.suffix == ".jwt":
        try:
            header, payload, _ = jwt_parts(text.strip())
        except (ValueError, json.JSONDecodeError) as error:
            problem(f"{path.relative_to(WEB)}: not a compact JWS with JSON header and payload: {error}")
            return
        if not isinstance(header, dict) or not isinstance(payload, dict):
            problem(f"{path.relative_to(WEB)}: the JWS header and payload must be JSON objects")
            return
        DOCS[url] = payload["vc"] if token_form(payload) == "vc-jwt-1.1" else payload
        note_token(url, text.strip())
        for key, string in walk_json(payload):
            if key != "@context" and string.startswith(("http://", "https://")):
                links.append(string)
            elif key == "@context" and not string.startswith("https://"):
                problem(f"{path.relative_to(WEB)}: odd @context {string!r}")
    elif path.suffix == ".html":
        parser = PageParser()
        parser.feed(text)
        links += [urljoin(url, href) for href in parser.links]
        for number, script in enumerate(parser.scripts):
            try:
                embedded = json.loads(script)
            except json.JSONDecodeError as error:
                problem(f"{path.relative_to(WEB)}: invalid JSON-LD script: {error}")
                continue
            DOCS[f"{url}#ld+json-{number}"] = embedded
            links += [s for k, s in walk_json(embedded) if k != "@context" and s.startswith("http")]
    elif path.suffix == ".xml":
        namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
        links += [loc.text.strip() for loc in ET.fromstring(text).iter(f"{namespace}loc")]
    elif path.name == "robots.txt":
        links += [line.split(":", 1)[1].strip() for line in text.splitlines() if line.lower().startswith("sitemap:")]
    LINKS[url] = [link.split("#")[0] for link in links]


for path in sorted(WEB.rglob("*")):
    if not path.is_file():
        continue
    if path.name.startswith("_"):
        continue
    if path.suffix not in SERVED_EXTENSIONS:
        problem(f"{path.relative_to(WEB)}: extension {path.suffix!r} has no Content-Type on the loopback server")
        continue
    read_file(path)

EXPECTED = json.loads((SEEDS / "sample-web.expected.json").read_text(encoding="utf-8"))
DELIBERATE_404 = {entry["url"] for entry in EXPECTED["notFound"]}

# ---------------------------------------------------------------- every link resolves

for host, routes in ROUTES.items():
    for path, (status, location) in routes.items():
        if location:
            LINKS.setdefault(f"http://{host}/_routes.txt", []).append(urljoin(f"http://{host}{path}", location))

for source, links in list(LINKS.items()) + list(KEY_LINKS.items()):
    for link in links:
        host = urlsplit(link).hostname or ""
        if not host.endswith(".example"):
            problem(f"{source}: links to a real-world host: {link}")
            continue
        status, _, _ = resolve(link)
        if status == 0:
            problem(f"{source}: links to {link}, a host with no folder in sample-web")
        elif status == 404 and link not in DELIBERATE_404:
            problem(f"{source}: broken link {link} (404)")

for url, doc in DOCS.items():
    declared = doc.get("id") if isinstance(doc, dict) else None
    if "#ld+json" in url or not isinstance(declared, str) or not declared.startswith("http"):
        continue
    status, path, _ = resolve(declared)
    if status != 200 or url_of(path) != url:
        problem(f"{url}: declares id {declared}, which is not served from this file")

# ---------------------------------------------------------------- robots.txt and a walk from the seeds


def disallowed(url):
    host, path = urlsplit(url).hostname, urlsplit(url).path or "/"
    robots = WEB / host / "robots.txt"
    if not robots.exists():
        return False
    rules = [line.split(":", 1)[1].strip() for line in robots.read_text().splitlines() if line.lower().startswith("disallow:")]
    return any(rule and path.startswith(rule) for rule in rules)


def outlinks(url, doc_url):
    found = list(LINKS.get(doc_url, [])) + KEY_LINKS.get(doc_url, [])
    found += [link for key, link in LINKS.items() if key.startswith(doc_url + "#ld+json")]
    doc = DOCS.get(doc_url)
    if isinstance(doc, dict) and re.search(r"/public/issuers/[^/]+$", url):
        found.append(url + "/badges")
    return found


seeds = [line.strip() for line in (SEEDS / "sample-issuers.txt").read_text().splitlines() if line.strip() and not line.startswith("#")]
# URLs in `queue`, `seen` and `fetched` are in their http form: https://HOST/P is the page http://HOST/P.
queue, seen, fetched, fetched_files = [http_form(s) for s in seeds], {http_form(s) for s in seeds}, set(), set()
for seed in seeds:
    if resolve(seed)[0] != 200:
        problem(f"sample-issuers.txt: seed {seed} does not resolve")
while queue:
    url = queue.pop(0)
    host = urlsplit(url).hostname
    robots_url = f"http://{host}/robots.txt"
    next_urls = []
    if robots_url not in seen:
        seen.add(robots_url)
        next_urls += LINKS.get(robots_url, [])
    if disallowed(url):
        continue
    fetched.add(url)
    status, path, location = resolve(url)
    if location:
        next_urls.append(location)
    if path is not None:
        fetched_files.add(path)
        next_urls += outlinks(url, url_of(path))
    for link in map(http_form, next_urls):
        if link not in seen and (urlsplit(link).hostname or "").endswith(".example"):
            seen.add(link)
            queue.append(link)

for url in EXPECTED["neverFetched"]:
    if http_form(url) in fetched:
        problem(f"neverFetched {url} was fetched by the walk")
    if not disallowed(url):
        problem(f"neverFetched {url} is not disallowed by its host's robots.txt")
    if http_form(url) not in seen:
        problem(f"neverFetched {url} is linked from nowhere: the crawler would not even try it")
    if resolve(url)[0] != 200:
        problem(f"neverFetched {url} has no document behind it")
for url in sorted(seen - fetched):
    if disallowed(url) and url not in map(http_form, EXPECTED["neverFetched"]):
        problem(f"{url} is linked and robots-disallowed but missing from neverFetched")

# ---------------------------------------------------------------- profiles and badges


def fetched_doc(url):
    status, path, _ = resolve(url)
    return DOCS.get(url_of(path)) if status == 200 else None


for url in EXPECTED["profiles"]:
    doc = fetched_doc(url)
    if not isinstance(doc, dict) or doc.get("id") != url:
        problem(f"profile {url}: not served with that id")
    elif types_of(doc) - {""} and not types_of(doc) & {"Issuer", "Profile"}:
        problem(f"profile {url}: type {doc.get('type')} is not a profile")
    if http_form(url) not in fetched:
        problem(f"profile {url}: not reached by the walk from the seeds")

listed = {}
for url, doc in DOCS.items():
    if isinstance(doc, list):
        for badge in doc:
            listed[badge["id"]] = badge
for badge_id, badge in listed.items():
    if fetched_doc(badge_id) != badge:
        problem(f"listing entry {badge_id} differs from the badge's own document")
for entry in EXPECTED["badges"]:
    doc = fetched_doc(entry["id"])
    if not isinstance(doc, dict) or doc.get("id") != entry["id"]:
        problem(f"badge {entry['id']}: not served with that id")
    elif not types_of(doc) & {"BadgeClass", "Achievement"}:
        problem(f"badge {entry['id']}: type {doc.get('type')} is not a badge")
    if http_form(entry["id"]) not in fetched:
        problem(f"badge {entry['id']}: not reached by the walk from the seeds")

# ---------------------------------------------------------------- endorsements and their facts


def endorsement_facts(obj):
    if "claim" in obj:
        claim = obj["claim"]
        comment = claim.get("endorsementComment") if isinstance(claim, dict) else None
        return ref_id(obj.get("issuer")), ref_id(claim), comment, "2.0"
    subject = obj.get("credentialSubject", {})
    return ref_id(obj.get("issuer")), subject.get("id"), subject.get("endorsementComment"), "3.0"


def is_endorsement(obj):
    return bool(types_of(obj) & {"Endorsement", "EndorsementCredential"})


def same_id(a, b):
    return isinstance(a, str) and isinstance(b, str) and http_form(a) == http_form(b)


def occurrences(expected):
    """[(url of the fetched document carrying it, object)], only from documents the walk fetched."""
    found = []
    for url, doc in DOCS.items():
        page = url.split("#")[0]
        if page not in fetched:
            continue
        for obj in json_objects(doc):
            if not is_endorsement(obj):
                continue
            endorser, target, comment, _ = endorsement_facts(obj)
            if expected["id"] is not None and same_id(obj.get("id"), expected["id"]):
                found.append((page, obj))
            elif expected["id"] is None and obj.get("id") is None and (endorser, target, comment) == (
                expected["endorser"], expected["target"], expected["comment"]):
                found.append((page, obj))
    return found


def lists(target_doc, expected):
    for value in target_doc.get("endorsement", []) if isinstance(target_doc.get("endorsement"), list) else [target_doc.get("endorsement")]:
        if value is None:
            continue
        if isinstance(value, str) and same_id(value, expected["id"]):
            return True
        if isinstance(value, dict) and (same_id(value.get("id"), expected["id"]) or (
                expected["id"] is None and endorsement_facts(value)[:3] == (expected["endorser"], expected["target"], expected["comment"]))):
            return True
    for token in target_doc.get("endorsementJwt", []):
        payload = jwt_parts(token)[1]
        if same_id(payload.get("vc", payload).get("id"), expected["id"]):
            return True
    return False


# ---------------------------------------------------------------- signatures, as the Swift verifier reads them

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
except ImportError:
    print("check_sample_web: `cryptography` missing, JWT signatures not checked", file=sys.stderr)
    rsa = None
try:
    import pyld  # noqa: F401  (only to know whether Data Integrity proofs can be verified)
    sys.path.insert(0, str(SEEDS / "tools"))
    import make_data_integrity
    PINNED_LOADER = make_data_integrity.pinned_loader()
except ImportError:
    make_data_integrity = PINNED_LOADER = None
proofs_unverified = []  # refs whose proof was checked for consistency only (no pyld)

# Validity is judged at this instant: the sample's "now" is any time after 2026-06-30 (the one
# validUntil); the manifest's facts hold from then on.
NOW = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)
LEVELS = {"hosted", "issuer-embedded", "unverified"}
SIGNATURE_FIELDS = {"alg", "form", "keyBinding", "status", "validity", "outcome"}


def instant(value):
    if isinstance(value, (int, float)):
        return datetime.datetime.fromtimestamp(value, datetime.timezone.utc)
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    return None


def public_key_of(entry):
    """A `cryptography` public key from a JWK, a Multikey / JsonWebKey method or a CryptographicKey."""
    if "publicKeyPem" in entry:
        return serialization.load_pem_public_key(entry["publicKeyPem"].encode("ascii"))
    if "publicKeyJwk" in entry:
        return public_key_of(entry["publicKeyJwk"])
    if "publicKeyMultibase" in entry:
        text, number = entry["publicKeyMultibase"], 0
        if not text.startswith("z"):
            return None
        alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
        for char in text[1:]:
            number = number * 58 + alphabet.index(char)
        raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
        return ed25519.Ed25519PublicKey.from_public_bytes(raw[2:]) if raw[:2] == b"\xed\x01" and len(raw) == 34 else None
    kty, crv = entry.get("kty"), entry.get("crv")
    number = lambda name: int.from_bytes(b64url_decode(entry[name]), "big")
    if kty == "RSA":
        return rsa.RSAPublicNumbers(number("e"), number("n")).public_key()
    if kty == "EC" and crv == "P-256":
        return ec.EllipticCurvePublicNumbers(number("x"), number("y"), ec.SECP256R1()).public_key()
    if kty == "OKP" and crv == "Ed25519":
        return ed25519.Ed25519PublicKey.from_public_bytes(b64url_decode(entry["x"]))
    return None


def signature_valid(alg, key, token):
    signing_input, _, signature = token.rpartition(".")
    signing_input, signature = signing_input.encode("ascii"), b64url_decode(signature)
    try:
        if alg == "RS256" and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
        elif alg == "ES256" and isinstance(key, ec.EllipticCurvePublicKey) and len(signature) == 64:
            der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
            key.verify(der, signing_input, ec.ECDSA(hashes.SHA256()))
        elif alg == "EdDSA" and isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(signature, signing_input)
        else:
            return False
    except InvalidSignature:
        return False
    return True


def signer_key(header, form, credential, issuer):
    """(key entry, keyBinding) for the key the token names, or (None, why)."""
    kid = header.get("kid")
    if not (isinstance(kid, str) and kid.startswith(("did:", "http://", "https://"))) and issuer:
        if form == "ob2-signed" and isinstance(credential.get("verification"), dict):
            kid = credential["verification"].get("creator")
        elif issuer.startswith("did:"):
            kid = issuer + "#" + kid.lstrip("#") if kid else None
    if isinstance(kid, str) and kid.startswith("did:web:"):
        document = fetched_doc(did_web_document(kid))
        did = kid.split("#")[0]
        if not isinstance(document, dict) or document.get("id") != did:
            return None, f"no DID document for {did}"
        absolute = lambda ref: did + ref if ref.startswith("#") else ref
        methods = [m for m in document.get("verificationMethod", []) if isinstance(m, dict) and absolute(m.get("id", "")) == kid]
        if not methods:
            return None, f"{did_web_document(kid)} has no method {kid}"
        asserting = {absolute(ref if isinstance(ref, str) else ref.get("id", "")) for ref in document.get("assertionMethod", [])}
        if did != issuer:
            return methods[0], "boundToOther" if (issuer or "").startswith("did:") else "unbound"
        return methods[0], "bound" if kid in asserting else "unbound"
    if isinstance(kid, str) and kid.startswith(("http://", "https://")):
        document = fetched_doc(kid.split("#")[0])
        if not isinstance(document, dict):
            return None, f"no key document at {kid}"
        if "publicKeyPem" in document:
            owner = document.get("owner")
            if owner != issuer:
                return document, "boundToOther"
            profile = fetched_doc(issuer) or {}
            listed_keys = profile.get("publicKey", [])
            listed_keys = [ref_id(k) for k in (listed_keys if isinstance(listed_keys, list) else [listed_keys])]
            return document, "bound" if document.get("id", kid) in listed_keys else "unbound"
        if "keys" in document:
            choose = kid.split("#")[1] if "#" in kid else header.get("kid")
            return jwk_set_key(document, choose, kid.split("#")[0], issuer)
        if "kty" in document:
            return document, "unbound"
        return None, f"{kid} is not a key"
    if issuer and issuer.startswith("https://"):
        url = f"https://{urlsplit(issuer).netloc}/.well-known/jwks.json"
        return jwk_set_key(fetched_doc(url) or {"keys": []}, kid, url, issuer)
    return None, "the token names no key the sample can resolve"


def jwk_set_key(document, kid, url, issuer):
    keys = [k for k in document.get("keys", []) if kid is None or k.get("kid") == kid]
    if not keys:
        return None, f"no key {kid!r} in {url}"
    well_known = issuer.startswith("https://") and url == f"https://{urlsplit(issuer).netloc}/.well-known/jwks.json"
    return keys[0], "bound" if well_known else "unbound"


def signature_report(token):
    """The facts the manifest's `signature` block states, computed from the token and the published documents."""
    header, payload, _ = jwt_parts(token)
    form = token_form(payload)
    credential = payload["vc"] if form == "vc-jwt-1.1" else payload
    issuer = ref_id(credential.get("issuer")) or payload.get("iss")
    report = {"alg": header.get("alg"), "form": form}
    entry, binding = signer_key(header, form, credential, issuer)
    if entry is None:
        return dict(report, problem=binding)
    key = public_key_of(entry)
    if key is None:
        return dict(report, problem="the key cannot be read")
    valid = signature_valid(header.get("alg"), key, token)
    claims_agree = True
    if form != "ob2-signed":
        subject = credential.get("credentialSubject", {})
        subject = subject[0] if isinstance(subject, list) and subject else subject
        for claim, value in [("iss", issuer), ("sub", ref_id(subject)), ("jti", credential.get("id"))]:
            if claim in payload and value is not None and payload[claim] != value:
                claims_agree = False
        for claim, members in [("nbf", ("validFrom", "issuanceDate")), ("exp", ("validUntil", "expirationDate"))]:
            member = next((credential[m] for m in members if m in credential), None)
            if claim in payload and member is not None and instant(payload[claim]) != instant(member):
                claims_agree = False
    status = "none"
    if form == "ob2-signed":
        profile = fetched_doc(issuer) if issuer else None
        list_url = ref_id((profile or {}).get("revocationList"))
        if list_url:
            revoked_ids = [ref_id(e) for e in (fetched_doc(list_url) or {}).get("revokedAssertions", [])]
            status = "revoked" if any(same_id(i, credential.get("id")) for i in revoked_ids) else "active"
    elif credential.get("credentialStatus"):
        status = "unknown"
    return dict(report, **verdict(valid, claims_agree, binding, status, validity_of(credential, payload)))


def validity_of(credential, payload=None):
    """current, expired or notYetValid at NOW, from the credential's dates (and a JWT's nbf / exp)."""
    payload = payload or {}
    starts = [instant(credential.get(m)) for m in ("validFrom", "issuanceDate")] + [instant(payload.get("nbf"))]
    ends = [instant(credential.get(m)) for m in ("validUntil", "expirationDate", "expires")] + [instant(payload.get("exp"))]
    if any(end and end < NOW for end in ends):
        return "expired"
    if any(start and start > NOW for start in starts):
        return "notYetValid"
    return "current"


def verdict(valid, claims_agree, binding, status, validity):
    """keyBinding, status, validity and outcome as endorse reports them."""
    if not valid or not claims_agree or binding == "boundToOther":
        outcome = "invalid"
    elif binding == "bound" and status in ("active", "none") and validity == "current":
        outcome = "verified"
    else:
        outcome = "notVerified"
    # As endorse reports it: a signature that matches no key binds no key.
    if not valid:
        binding = "notApplicable"
    return {"keyBinding": binding, "status": status, "validity": validity, "outcome": outcome}


BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def proof_report(credential, stated_outcome):
    """The facts of a `signature` block for a credential with an embedded Data Integrity proof. The proof is
    verified when pyld is importable; otherwise its validity is taken from `stated_outcome` (invalid or not)
    and only the rest is checked."""
    proof = credential.get("proof")
    if not isinstance(proof, dict):
        return {"problem": "the credential carries no single proof object"}
    kind, suite = proof.get("type"), proof.get("cryptosuite")
    report = {"alg": f"{kind}/{suite}" if kind == "DataIntegrityProof" else kind, "form": "embedded-proof"}
    value, method = proof.get("proofValue"), proof.get("verificationMethod")
    if proof.get("proofPurpose") != "assertionMethod":
        return dict(report, problem=f"proofPurpose {proof.get('proofPurpose')!r}, not assertionMethod")
    if not isinstance(value, str) or not value.startswith("z") or len(value) < 2 or any(c not in BASE58_ALPHABET for c in value[1:]):
        return dict(report, problem="the proofValue is not base58btc multibase")
    if "@context" in proof:
        return dict(report, problem="the proof carries an @context (the signer puts it only in the proof configuration)")
    if instant(proof.get("created")) is None:
        return dict(report, problem=f"created {proof.get('created')!r} is not a date-time")
    if not isinstance(method, str):
        return dict(report, problem="the proof names no verificationMethod")
    issuer = ref_id(credential.get("issuer"))
    entry, binding = signer_key({"kid": method}, "embedded-proof", credential, issuer)
    if entry is None:
        return dict(report, problem=binding)
    key = public_key_of(entry)
    if key is None:
        return dict(report, problem="the key cannot be read")
    if make_data_integrity is not None and suite == "eddsa-rdfc-2022" and isinstance(key, ed25519.Ed25519PublicKey):
        valid = make_data_integrity.verify_proof(credential, key, PINNED_LOADER)
    elif make_data_integrity is not None:
        return dict(report, problem=f"the checker verifies eddsa-rdfc-2022 with an Ed25519 key only, not {report['alg']}")
    else:
        valid = stated_outcome != "invalid"
    status = "unknown" if credential.get("credentialStatus") else "none"
    return dict(report, **verdict(valid, True, binding, status, validity_of(credential)))


REFS = {}
for expected in EXPECTED["endorsements"]:
    name = expected["ref"]
    REFS[name] = expected
    found = occurrences(expected)
    status = resolve(expected["id"])[0] if expected["id"] else 0
    revoked = status == 410
    if not found and not revoked:
        problem(f"endorsement {name}: not found in any fetched document")
    for url, obj in found:
        endorser, target, comment, version = endorsement_facts(obj)
        if (endorser, target, comment, version) != (expected["endorser"], expected["target"], expected["comment"], expected["version"]):
            problem(f"endorsement {name} in {url}: document says endorser={endorser} target={target} version={version} comment={comment!r}")
    target_doc = fetched_doc(expected["target"])
    acknowledged = None if target_doc is None else lists(target_doc, expected)
    target_url = expected["target"]
    endorser_origin = origin(expected["endorser"]) if expected["endorser"] else None
    if endorser_origin and endorser_origin == origin(target_url):
        # Self-reported (Moodle): the endorser's profile lives on the endorsed object's own site, so
        # that site speaks for both sides; it vouches for nothing on the endorser's behalf.
        endorser_origin = None
    published = set()
    if acknowledged:
        published.add("issuer")
    for url, _ in found:
        if endorser_origin and origin(url) == endorser_origin:
            published.add("endorser")
        elif url != url_of(resolve(target_url)[1]) and not (origin(url) == origin(target_url) and acknowledged):
            published.add("third-party")
    if endorser_origin and any(origin(url) == endorser_origin for url, _ in found):
        verification = "hosted"
    elif found and all(origin(url) == origin(target_url) for url, _ in found):
        verification = "issuer-embedded"
    else:
        verification = "unverified"
    kind = "badge" if target_doc is not None and types_of(target_doc) & {"BadgeClass", "Achievement"} else "profile"
    # The rules give the provenance level; a signature block may raise it to signed or mark it invalid.
    if ("provenance" in expected) != (expected["verification"] in ("signed", "invalid")):
        problem(f"endorsement {name}: `provenance` is given exactly when verification is signed or invalid")
    if expected.get("provenance", expected["verification"]) not in LEVELS:
        problem(f"endorsement {name}: provenance level {expected.get('provenance', expected['verification'])!r} is not one of {sorted(LEVELS)}")
    signature = expected.get("signature")
    if expected["verification"] in ("signed", "invalid") and signature is None:
        problem(f"endorsement {name}: verification {expected['verification']} needs a `signature` block")
    if signature is not None:
        if set(signature) != SIGNATURE_FIELDS:
            problem(f"endorsement {name}: the signature block has {sorted(signature)}, expected {sorted(SIGNATURE_FIELDS)}")
        level = {"verified": "signed", "invalid": "invalid"}.get(signature.get("outcome"), expected.get("provenance", expected["verification"]))
        if level != expected["verification"]:
            problem(f"endorsement {name}: outcome {signature.get('outcome')} gives verification {level}, the manifest says {expected['verification']}")
        token = TOKENS.get(http_form(expected["id"] or ""))
        proofed = PROOFED.get(http_form(expected["id"] or ""))
        report = None
        if signature.get("form") == "embedded-proof":
            if proofed is None:
                problem(f"endorsement {name}: has an embedded-proof signature block but no fetched credential with a `proof` carries it")
            elif rsa is not None:
                report = proof_report(proofed, signature.get("outcome"))
                if make_data_integrity is None:
                    proofs_unverified.append(name)
        elif token is None:
            problem(f"endorsement {name}: has a signature block but no token (.jwt file or endorsementJwt) carries it")
        elif rsa is not None:
            report = signature_report(token)
        if report is not None:
            if "problem" in report:
                problem(f"endorsement {name}: its signature cannot be checked as the verifier would: {report['problem']}")
            for key in SIGNATURE_FIELDS:
                if key in report and report[key] != signature.get(key):
                    problem(f"endorsement {name}: manifest says signature.{key}={signature.get(key)}, the signed document and keys give {report[key]}")
    computed = {"acknowledged": acknowledged, "publishedBy": sorted(published), "verification": verification,
                "revoked": revoked, "targetKind": kind}
    stated = {"acknowledged": expected["acknowledged"], "publishedBy": sorted(expected["publishedBy"]),
              "verification": expected.get("provenance", expected["verification"]), "revoked": expected["revoked"],
              "targetKind": expected["targetKind"]}
    for key in computed:
        if computed[key] != stated[key]:
            label = "provenance" if key == "verification" and "provenance" in expected else key
            problem(f"endorsement {name}: manifest says {label}={stated[key]}, the documents give {computed[key]}")
    if expected["id"] and expected["id"].startswith("http") and not revoked and status != 200:
        problem(f"endorsement {name}: its id {expected['id']} answers {status}")

for entry in EXPECTED["mustNotBeFound"]:
    if http_form(entry["id"]) in fetched:
        problem(f"mustNotBeFound {entry['id']} was fetched by the walk")

# ---------------------------------------------------------------- the JWT signature

for expected in EXPECTED["endorsements"]:
    if "jwt" not in expected or rsa is None:
        continue
    tokens = [t for doc in DOCS.values() if isinstance(doc, dict) for t in doc.get("endorsementJwt", [])]
    jwks = fetched_doc(expected["jwt"]["jwks"]) or {"keys": []}
    for token in tokens:
        header, payload, signature = jwt_parts(token)
        if payload.get("vc", {}).get("id") != expected["id"]:
            continue
        keys = [k for k in jwks["keys"] if k.get("kid") == header.get("kid")]
        if header.get("alg") != "RS256" or header.get("kid") != expected["jwt"]["kid"] or not keys:
            problem(f"endorsement {expected['ref']}: JWT header {header} has no matching JWK in {expected['jwt']['jwks']}")
            continue
        n = int.from_bytes(b64url_decode(keys[0]["n"]), "big")
        e = int.from_bytes(b64url_decode(keys[0]["e"]), "big")
        signing_input = token.rsplit(".", 1)[0].encode("ascii")
        try:
            rsa.RSAPublicNumbers(e, n).public_key().verify(b64url_decode(signature), signing_input, padding.PKCS1v15(), hashes.SHA256())
        except Exception:
            problem(f"endorsement {expected['ref']}: JWT signature does not verify with the published JWK")

# ---------------------------------------------------------------- searches, redirects, 404, 410


def fold(text):
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))


for search in EXPECTED["searches"]:
    matches = sorted(e["ref"] for e in EXPECTED["endorsements"] if e["comment"] and fold(search["query"]) in fold(e["comment"]))
    if matches != sorted(search["commentMatches"]):
        problem(f"search {search['query']!r}: manifest says {search['commentMatches']}, comments give {matches}")

for redirect in EXPECTED["redirects"]:
    status, _, location = resolve(redirect["from"])
    if (status, location) != (redirect["status"], redirect["to"]) or resolve(redirect["to"])[0] != 200:
        problem(f"redirect {redirect['from']}: answers {status} -> {location}")
    if redirect["from"] not in LINKS.get(redirect["linkedFrom"], []):
        problem(f"redirect {redirect['from']}: not linked from {redirect['linkedFrom']}")
for entry in EXPECTED["notFound"]:
    if resolve(entry["url"])[0] != 404 or entry["url"] not in LINKS.get(entry["linkedFrom"], []):
        problem(f"notFound {entry['url']}: not a 404 linked from {entry['linkedFrom']}")
for entry in EXPECTED["gone"]:
    if resolve(entry["url"])[0] != entry["status"] or http_form(entry["url"]) not in seen:
        problem(f"gone {entry['url']}: does not answer {entry['status']} or is linked from nowhere")

unreached = sorted(url_of(p) for p in WEB.rglob("*") if p.is_file() and not p.name.startswith("_")
                   and p not in fetched_files and p.name != "robots.txt")
documents = sum(1 for p in WEB.rglob("*") if p.is_file())
print(f"check_sample_web: {len(HOSTS)} hosts, {documents} files, {len(fetched)} URLs fetched by the walk, "
      f"{len(EXPECTED['endorsements'])} endorsements checked")
for url in unreached:
    print(f"  not reached from the seeds (fine if intended): {url}")
if proofs_unverified:
    print(f"  note: pyld not importable, so the Data Integrity proofs of {', '.join(proofs_unverified)} were checked "
          "for consistency only, their signatures not verified (run with a Python that has pyld to verify them)")
for message in problems:
    print(f"PROBLEM: {message}")
sys.exit(1 if problems else 0)
