#!/usr/bin/env python3
"""Make the sample web's Data Integrity endorsements: OB 3.0 EndorsementCredentials with an embedded
`eddsa-rdfc-2022` proof (vc-di-eddsa section 3.3), signed by the Regional Skills Alliance.

Run from anywhere:  .venv-bench/bin/python Seeds/tools/make_data_integrity.py  (any Python with pyld;
`make bench-deps` makes .venv-bench)

Needs `pyld` (JSON-LD and URDNA2015, the RDFC-1.0 canonicalisation) and `cryptography`
(pip install pyld cryptography). JSON-LD contexts are loaded only from endorse's pinned copies,
Sources/JSONLD/Resources/Contexts/, by the URL -> file table of
Sources/JSONLD/Loading/PinnedContexts+Index.swift (each file checked against its SHA-256 there);
any other context URL is an error, never a fetch.

The key is the alliance's sample Ed25519 key, Seeds/tools/sample-keys/skills-alliance-ed25519.pem,
published as did:web:skills-alliance.example#key-ed25519 (a Multikey listed in assertionMethod of
skills-alliance.example/.well-known/did.json, written by make_signed.py). Ed25519 is deterministic
and `created` is fixed, so a second run writes nothing.

Signing (vc-di-eddsa sections 3.3.1-3.3.6): the proof configuration is {type: DataIntegrityProof,
cryptosuite: eddsa-rdfc-2022, created, verificationMethod, proofPurpose: assertionMethod, @context:
the credential's @context}; the signed data is SHA-256(canonical N-Quads of the configuration) ||
SHA-256(canonical N-Quads of the credential without `proof`); proofValue is "z" + base58btc of the
Ed25519 signature of that; the proof is the configuration without @context, plus proofValue.

Writes (paths under Seeds/sample-web/):
  skills-alliance.example/endorsements/data-ethics-di.json
      eddsa-rdfc-2022, issuer the alliance's did:web -> the Open Skills Institute's Data Ethics for
      Practitioners; outside and unacknowledged (the achievement does not list it), linked from the
      alliance's homepage (the anchor is in make_signed.py's HOMEPAGE)
  badge-boosters.example/e/sa-tampered-di.json
      eddsa-rdfc-2022 by the alliance's key, issuer the alliance's did:web -> 3D Printer Safety, its
      endorsementComment changed after signing: the proof no longer matches (invalid)
And edits in place, preserving their formatting, only when something is missing or differs (a
second run leaves them untouched):
  open-skills-institute.example/achievements/welding-safety.json
      `endorsement` embeds the signed credential urn:uuid:8f3c2d1e-6a4b-4c7d-9e2f-1b0a3c5d7e92
      (eddsa-rdfc-2022, the alliance's did:web -> Welding Safety Fundamentals)
  badges.skillcanvas.example/public/badges/Tq3Lm9Kp.json and the listing
    public/issuers/hcm7Qx2/badges.json   `endorsement` lists sa-tampered-di.json

The facts of each are in Seeds/sample-web.expected.json; Seeds/tools/check_sample_web.py checks them
(and, when pyld is importable, verifies the proofs with verify_proof() below).
"""
import hashlib
import json
import pathlib
import re
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519
from pyld import jsonld

TOOLS = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))
import make_signed  # noqa: E402  (the sample web's paths, key files, writers and OB 3.0 endorsement shape)

ROOT = TOOLS.parent.parent
CONTEXTS = ROOT / "Sources" / "JSONLD" / "Resources" / "Contexts"
CONTEXT_INDEX = ROOT / "Sources" / "JSONLD" / "Loading" / "PinnedContexts+Index.swift"

CREATED = "2026-03-01T00:00:00Z"
BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


# ---------------------------------------------------------------- pinned contexts


def pinned_contexts() -> dict:
    """url -> (file path, sha256) from the Swift index: `Entry(url: "...", resource: "...", sha256: "...")`."""
    text = CONTEXT_INDEX.read_text(encoding="utf-8")
    entries = re.findall(r'url:\s*"([^"]+)",\s*resource:\s*"([^"]+)",\s*sha256:\s*"([0-9a-f]{64})"', text)
    if not entries:
        raise SystemExit(f"make_data_integrity: no context entries in {CONTEXT_INDEX}")
    return {url: (CONTEXTS / resource, sha256) for url, resource, sha256 in entries}


def pinned_loader():
    """A pyld document loader that serves the pinned contexts only (checked against their SHA-256) and refuses the rest."""
    table, cache = pinned_contexts(), {}

    def load(url, options=None):
        if url not in table:
            raise jsonld.JsonLdError(f"{url} is not a pinned context (never fetched)", "jsonld.LoadDocumentError",
                                     {"url": url}, code="loading document failed")
        if url not in cache:
            path, sha256 = table[url]
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() != sha256:
                raise jsonld.JsonLdError(f"{path.name} does not match its pinned SHA-256", "jsonld.LoadDocumentError",
                                         {"url": url}, code="loading document failed")
            cache[url] = json.loads(data)
        return {"contextUrl": None, "documentUrl": url, "document": cache[url]}

    return load


# ---------------------------------------------------------------- eddsa-rdfc-2022


def canonical(document, loader) -> bytes:
    """URDNA2015 (RDFC-1.0) canonical N-Quads of a JSON-LD document."""
    return jsonld.normalize(document, {"algorithm": "URDNA2015", "format": "application/n-quads",
                                       "documentLoader": loader}).encode("utf-8")


def hash_data(credential: dict, proof_options: dict, loader) -> bytes:
    """vc-di-eddsa 3.3.4: SHA-256 of the proof configuration's N-Quads || SHA-256 of the unsecured document's."""
    unsecured = {k: v for k, v in credential.items() if k != "proof"}
    configuration = {k: v for k, v in proof_options.items() if k != "proofValue"}
    configuration["@context"] = unsecured["@context"]
    return hashlib.sha256(canonical(configuration, loader)).digest() + hashlib.sha256(canonical(unsecured, loader)).digest()


def base58btc(data: bytes) -> str:
    number, digits = int.from_bytes(data, "big"), ""
    while number:
        number, remainder = divmod(number, 58)
        digits = BASE58[remainder] + digits
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + digits


def base58btc_decode(text: str) -> bytes:
    number = 0
    for char in text:
        number = number * 58 + BASE58.index(char)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def sign_credential(credential: dict, key, verification_method: str, loader, created: str = CREATED) -> dict:
    """`credential` with an eddsa-rdfc-2022 proof by the Ed25519 private `key` (vc-di-eddsa 3.3.1)."""
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    proof["proofValue"] = "z" + base58btc(key.sign(hash_data(credential, proof, loader)))
    return dict(credential, proof=proof)


def verify_proof(credential: dict, public_key, loader) -> bool:
    """True when the credential's single eddsa-rdfc-2022 proof is a valid Ed25519 signature by `public_key`."""
    proof = credential.get("proof")
    if not isinstance(proof, dict) or proof.get("cryptosuite") != "eddsa-rdfc-2022":
        return False
    value = proof.get("proofValue", "")
    if not value.startswith("z") or any(c not in BASE58 for c in value[1:]):
        return False
    try:
        public_key.verify(base58btc_decode(value[1:]), hash_data(credential, proof, loader))
    except InvalidSignature:
        return False
    return True


# ---------------------------------------------------------------- editing an embedded credential in place


def array_elements(text: str, open_at: int):
    """(start, end) of each top-level element of the JSON array whose `[` is at `open_at`."""
    close_at, spans, index = make_signed.matching_bracket(text, open_at), [], open_at + 1
    while True:
        while index < close_at and text[index] in " \t\r\n,":
            index += 1
        if index >= close_at:
            return spans
        if text[index] in "[{":
            end = make_signed.matching_bracket(text, index) + 1
        elif text[index] == '"':
            end = index + 1
            while text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            end += 1
        else:
            end = index
            while text[end] not in ",]\r\n \t":
                end += 1
        spans.append((index, end))
        index = end


def layout(value, indent: str, key: str = None) -> str:
    """JSON in the sample web's hand-written style: objects one member a line, arrays of scalars on one line
    (except `@context`, one entry a line), nested lines indented by two spaces from `indent`."""
    inner = indent + "  "
    if isinstance(value, dict):
        members = [f"{inner}{json.dumps(k)}: {layout(v, inner, k)}" for k, v in value.items()]
        return "{\n" + ",\n".join(members) + "\n" + indent + "}" if members else "{}"
    if isinstance(value, list):
        if value and (key == "@context" or any(isinstance(v, (dict, list)) for v in value)):
            return "[\n" + ",\n".join(inner + layout(v, inner) for v in value) + "\n" + indent + "]"
        return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def embed(relative: str, credential: dict) -> None:
    """Puts `credential` into the `endorsement` array of the badge file: appended when no element has its id,
    replaced when one has and differs, untouched when equal."""
    path = make_signed.WEB / relative
    text = path.read_text(encoding="utf-8")
    found = re.compile(r'"endorsement"\s*:\s*\[').search(text)
    if found is None:
        raise SystemExit(f"make_data_integrity: {relative} has no `endorsement` array")
    spans = array_elements(text, found.end() - 1)
    indent = re.search(r"([ \t]*)\S", text[text.rindex("\n", 0, spans[0][0]) + 1:]).group(1) if spans else "    "
    block = layout(credential, indent)
    for start, end in spans:
        element = json.loads(text[start:end])
        if isinstance(element, dict) and element.get("id") == credential["id"]:
            if element == credential:
                return
            edited = text[:start] + block + text[end:]
            break
    else:
        if not spans:
            raise SystemExit(f"make_data_integrity: {relative}: the `endorsement` array is empty (add the credential by hand once)")
        last = spans[-1][1]
        edited = text[:last] + ",\n" + indent + block + text[last:]
    document = json.loads(edited)
    if sum(1 for e in document["endorsement"] if isinstance(e, dict) and e == credential) != 1:
        raise SystemExit(f"make_data_integrity: editing {relative} did not give the expected document")
    make_signed.write(relative, edited)


# ---------------------------------------------------------------- the documents


def main() -> int:
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key((make_signed.KEYS / make_signed.KEY_FILES["alliance-ed25519"][0]).read_bytes(), password=None)
    if not isinstance(key, ed25519.Ed25519PrivateKey):
        raise SystemExit("make_data_integrity: the alliance's sample key is not Ed25519")
    loader = pinned_loader()
    method = make_signed.ALLIANCE_ED25519_KID
    did = make_signed.ALLIANCE_DID

    # The did:web document must publish this key in assertionMethod, as the verifier will check.
    document = json.loads((make_signed.WEB / make_signed.ALLIANCE_HOST / ".well-known" / "did.json").read_text(encoding="utf-8"))
    published = [m for m in document.get("verificationMethod", []) if m.get("id") == method]
    if not published or base58btc_decode(published[0]["publicKeyMultibase"][1:])[2:] != make_signed.raw_ed25519(key.public_key()):
        raise SystemExit(f"make_data_integrity: {method} in did.json is not the sample key (run make_signed.py first)")

    data_ethics = "http://open-skills-institute.example/achievements/data-ethics.json"
    welding = "http://open-skills-institute.example/achievements/welding-safety.json"
    tampered_url = "http://badge-boosters.example/e/sa-tampered-di.json"

    outside = sign_credential(make_signed.ob3_endorsement(
        f"http://{make_signed.ALLIANCE_HOST}/endorsements/data-ethics-di.json", did, data_ethics,
        "Our member employers ask every analyst who handles customer data to hold this badge: the ethics review of one's own project is what we expect before go-live."),
        key, method, loader)
    embedded = sign_credential(make_signed.ob3_endorsement(
        "urn:uuid:8f3c2d1e-6a4b-4c7d-9e2f-1b0a3c5d7e92", did, welding,
        "Our fabrication members accept this badge as the safety induction for new welders: fume extraction and fire watch are assessed in practice."),
        key, method, loader)
    genuine = sign_credential(make_signed.ob3_endorsement(
        tampered_url, did, make_signed.PRINTER_SAFETY,
        "Alliance members accept this badge as a printer safety induction for their workshops."),
        key, method, loader)
    tampered = json.loads(json.dumps(genuine))
    tampered["credentialSubject"]["endorsementComment"] = \
        "Required by every employer of the Regional Skills Alliance: holders are hired on the spot!"

    public_key = key.public_key()
    for name, credential, valid in [("data-ethics-di.json", outside, True), ("welding-safety embedded", embedded, True),
                                    ("sa-tampered-di.json before tampering", genuine, True), ("sa-tampered-di.json", tampered, False)]:
        if verify_proof(credential, public_key, loader) != valid:
            print(f"make_data_integrity: {name}: the proof {'does not verify' if valid else 'verifies'}; nothing written", file=sys.stderr)
            return 1
    # The comment must be part of what is signed, or the tampering would go unseen.
    if canonical({k: v for k, v in genuine.items() if k != "proof"}, loader) == canonical(
            {k: v for k, v in tampered.items() if k != "proof"}, loader):
        print("make_data_integrity: endorsementComment is not in the canonical N-Quads; nothing written", file=sys.stderr)
        return 1

    make_signed.write_json(f"{make_signed.ALLIANCE_HOST}/endorsements/data-ethics-di.json", outside)
    make_signed.write_json("badge-boosters.example/e/sa-tampered-di.json", tampered)
    embed("open-skills-institute.example/achievements/welding-safety.json", embedded)
    for relative, badge_id in [("badges.skillcanvas.example/public/badges/Tq3Lm9Kp.json", None),
                               ("badges.skillcanvas.example/public/issuers/hcm7Qx2/badges.json", make_signed.PRINTER_SAFETY)]:
        after = f'"id": "{badge_id}"' if badge_id else ""
        make_signed.edit_json(relative, lambda text, after=after: make_signed.append_to_array(text, "endorsement", tampered_url, after),
                              lambda doc, badge_id=badge_id: make_signed.listed(doc, tampered_url, badge_id))
    if f'href="/endorsements/data-ethics-di.json"' not in (make_signed.WEB / make_signed.ALLIANCE_HOST / "index.html").read_text(encoding="utf-8"):
        print("make_data_integrity: the alliance's index.html does not link data-ethics-di.json (run make_signed.py)", file=sys.stderr)
        return 1

    written = make_signed.written
    print(f"make_data_integrity: {len(written)} file(s) written" + "".join(f"\n  {name}" for name in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
