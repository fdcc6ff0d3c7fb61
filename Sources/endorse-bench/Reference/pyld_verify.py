#!/usr/bin/env python3
"""The reference for `endorse-bench proofs`: verify eddsa-rdfc-2022 credentials with pyld (the JSON-LD
reference implementation in Python, RDFC-1.0 as URDNA2015) and `cryptography`, the way endorse does:
contexts only from a local map (never fetched), key from the did:key of the verificationMethod.

usage: pyld_verify.py CONTEXTS.json ROUNDS FILE...
Prints one line per file: `<file> <valid|invalid> <CPU microseconds per verification>`.
"""
import hashlib
import json
import sys
import time

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyld import jsonld

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58(text):
    number = 0
    for char in text:
        number = number * 58 + ALPHABET.index(char)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def loader_over(contexts):
    cache = {}

    def load(url, options=None):
        if url not in contexts:
            raise jsonld.JsonLdError("unknown context", "jsonld.LoadDocumentError", {"url": url})
        if url not in cache:
            with open(contexts[url], "rb") as handle:
                cache[url] = json.loads(handle.read())
        return {"contextUrl": None, "documentUrl": url, "document": cache[url]}

    return load


def canonical(document, loader):
    return jsonld.normalize(
        document, {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader}
    ).encode()


def verify(credential, loader):
    document = dict(credential)
    proof = dict(document.pop("proof"))
    value = proof.pop("proofValue")
    proof["@context"] = document["@context"]
    data = hashlib.sha256(canonical(proof, loader)).digest() + hashlib.sha256(canonical(document, loader)).digest()
    did = proof["verificationMethod"].split("#")[0]
    key = base58(did[len("did:key:z"):])[2:]
    try:
        Ed25519PublicKey.from_public_bytes(key).verify(base58(value[1:]), data)
        return True
    except InvalidSignature:
        return False


def main():
    with open(sys.argv[1]) as handle:
        loader = loader_over(json.load(handle))
    rounds = int(sys.argv[2])
    for path in sys.argv[3:]:
        with open(path) as handle:
            credential = json.load(handle)
        valid = verify(credential, loader)  # warm: contexts parsed once, as endorse caches them
        start = time.process_time()
        for _ in range(rounds):
            valid = verify(credential, loader) and valid
        micros = 1e6 * (time.process_time() - start) / rounds
        print(f"{path} {'valid' if valid else 'invalid'} {micros:.1f}")


if __name__ == "__main__":
    main()
