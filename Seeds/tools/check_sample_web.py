#!/usr/bin/env python3
"""Check the offline sample web (Seeds/sample-web) and its ground truth (Seeds/sample-web.expected.json).

Run from anywhere:  python3 Seeds/tools/check_sample_web.py
Exit status 0 when everything holds, 1 with one line per problem otherwise.

It resolves URLs exactly as the loopback server does (HOST/PATH, then PATH.json, then
PATH/index.html and PATH/index.json; `_routes.txt` first; files starting with `_` never served),
and checks:
  - every .json file, every <script type="application/ld+json"> and every JWT payload parses;
  - every served file has a known extension (.json .jsonld .html .txt .xml .jwt);
  - every http URL on an .example host found in any document, page, sitemap, robots.txt or
    route resolves (200, or the route's status), except the deliberate 404s listed in the manifest;
  - no URL names a real-world host, except JSON-LD `@context` values;
  - a breadth-first walk from the seeds (links, homepages, robots.txt Sitemap lines, sitemaps,
    Badgr listings; robots.txt Disallow honoured) reaches every profile, badge and hosted
    endorsement of the manifest and never one of its `neverFetched` URLs;
  - each endorsement's endorser, target and comment match the documents, and its acknowledged /
    publishedBy / verification / revoked facts match those recomputed from the documents by the
    manifest's rules;
  - the JWT endorsement's RS256 signature verifies with the published JWK (needs `cryptography`);
  - the manifest's searches, redirects, 404s and 410s.
"""
import base64
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
    if parts.scheme != "http" or host not in HOSTS:
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


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else None


# ---------------------------------------------------------------- reading documents

def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def jwt_parts(token):
    header, payload, signature = token.split(".")
    return json.loads(b64url_decode(header)), json.loads(b64url_decode(payload)), signature


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


DOCS = {}    # url -> parsed JSON (files and page-embedded JSON-LD)
LINKS = {}   # url -> [absolute linked URLs]


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

for source, links in LINKS.items():
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
    found = list(LINKS.get(doc_url, []))
    found += [link for key, link in LINKS.items() if key.startswith(doc_url + "#ld+json")]
    doc = DOCS.get(doc_url)
    if isinstance(doc, dict) and re.search(r"/public/issuers/[^/]+$", url):
        found.append(url + "/badges")
    return found


seeds = [line.strip() for line in (SEEDS / "sample-issuers.txt").read_text().splitlines() if line.strip() and not line.startswith("#")]
queue, seen, fetched, fetched_files = list(seeds), set(seeds), set(), set()
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
    for link in next_urls:
        if link not in seen and (urlsplit(link).hostname or "").endswith(".example"):
            seen.add(link)
            queue.append(link)

for url in EXPECTED["neverFetched"]:
    if url in fetched:
        problem(f"neverFetched {url} was fetched by the walk")
    if not disallowed(url):
        problem(f"neverFetched {url} is not disallowed by its host's robots.txt")
    if url not in seen:
        problem(f"neverFetched {url} is linked from nowhere: the crawler would not even try it")
    if resolve(url)[0] != 200:
        problem(f"neverFetched {url} has no document behind it")
for url in sorted(seen - fetched):
    if disallowed(url) and url not in EXPECTED["neverFetched"]:
        problem(f"{url} is linked and robots-disallowed but missing from neverFetched")

# ---------------------------------------------------------------- profiles and badges


def types_of(obj):
    value = obj.get("type", obj.get("@type", []))
    return set(value if isinstance(value, list) else [value])


def fetched_doc(url):
    status, path, _ = resolve(url)
    return DOCS.get(url_of(path)) if status == 200 else None


for url in EXPECTED["profiles"]:
    doc = fetched_doc(url)
    if not isinstance(doc, dict) or doc.get("id") != url:
        problem(f"profile {url}: not served with that id")
    elif types_of(doc) - {""} and not types_of(doc) & {"Issuer", "Profile"}:
        problem(f"profile {url}: type {doc.get('type')} is not a profile")
    if url not in fetched:
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
    if entry["id"] not in fetched:
        problem(f"badge {entry['id']}: not reached by the walk from the seeds")

# ---------------------------------------------------------------- endorsements and their facts


def ref_id(value):
    if isinstance(value, dict):
        return value.get("id")
    return value


def endorsement_facts(obj):
    if "claim" in obj:
        claim = obj["claim"]
        comment = claim.get("endorsementComment") if isinstance(claim, dict) else None
        return ref_id(obj.get("issuer")), ref_id(claim), comment, "2.0"
    subject = obj.get("credentialSubject", {})
    return ref_id(obj.get("issuer")), subject.get("id"), subject.get("endorsementComment"), "3.0"


def is_endorsement(obj):
    return bool(types_of(obj) & {"Endorsement", "EndorsementCredential"})


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
            if expected["id"] is not None and obj.get("id") == expected["id"]:
                found.append((page, obj))
            elif expected["id"] is None and obj.get("id") is None and (endorser, target, comment) == (
                expected["endorser"], expected["target"], expected["comment"]):
                found.append((page, obj))
    return found


def lists(target_doc, expected):
    for value in target_doc.get("endorsement", []) if isinstance(target_doc.get("endorsement"), list) else [target_doc.get("endorsement")]:
        if value is None:
            continue
        if isinstance(value, str) and value == expected["id"]:
            return True
        if isinstance(value, dict) and (value.get("id") == expected["id"] or (
                expected["id"] is None and endorsement_facts(value)[:3] == (expected["endorser"], expected["target"], expected["comment"]))):
            return True
    for token in target_doc.get("endorsementJwt", []):
        payload = jwt_parts(token)[1]
        if payload.get("vc", payload).get("id") == expected["id"]:
            return True
    return False


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
    computed = {"acknowledged": acknowledged, "publishedBy": sorted(published), "verification": verification,
                "revoked": revoked, "targetKind": kind}
    stated = {"acknowledged": expected["acknowledged"], "publishedBy": sorted(expected["publishedBy"]),
              "verification": expected["verification"], "revoked": expected["revoked"], "targetKind": expected["targetKind"]}
    for key in computed:
        if computed[key] != stated[key]:
            problem(f"endorsement {name}: manifest says {key}={stated[key]}, the documents give {computed[key]}")
    if expected["id"] and expected["id"].startswith("http") and not revoked and status != 200:
        problem(f"endorsement {name}: its id {expected['id']} answers {status}")

for entry in EXPECTED["mustNotBeFound"]:
    if entry["id"] in fetched:
        problem(f"mustNotBeFound {entry['id']} was fetched by the walk")

# ---------------------------------------------------------------- the JWT signature

try:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding, rsa
except ImportError:
    print("check_sample_web: `cryptography` missing, JWT signatures not checked", file=sys.stderr)
    rsa = None
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
    if resolve(entry["url"])[0] != entry["status"] or entry["url"] not in seen:
        problem(f"gone {entry['url']}: does not answer {entry['status']} or is linked from nowhere")

unreached = sorted(url_of(p) for p in WEB.rglob("*") if p.is_file() and not p.name.startswith("_")
                   and p not in fetched_files and p.name != "robots.txt")
documents = sum(1 for p in WEB.rglob("*") if p.is_file())
print(f"check_sample_web: {len(HOSTS)} hosts, {documents} files, {len(fetched)} URLs fetched by the walk, "
      f"{len(EXPECTED['endorsements'])} endorsements checked")
for url in unreached:
    print(f"  not reached from the seeds (fine if intended): {url}")
for message in problems:
    print(f"PROBLEM: {message}")
sys.exit(1 if problems else 0)
