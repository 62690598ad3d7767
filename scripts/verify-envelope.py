#!/usr/bin/env python3
"""Checks an Accord sealed envelope or reveal without Accord, as docs/envelope-format.md says.

    verify-envelope.py FILE SENDER_CARD [--envelope ENVELOPE]

FILE is an `accord.envelope` or `accord.reveal` file, SENDER_CARD the sender's
`accord.contact-card`. The script recomputes the card's fingerprint from its two keys, checks
that FILE names it as sender, rebuilds the signed bytes from FILE's fields and verifies the
Ed25519 signature with the card's key; for an envelope it also checks that the ciphertext
hashes to the commitment. With --envelope, a reveal must also name that envelope's binding
and commitment (the envelope is checked as well, against the same card).

Independent of Accord's Rust code: it uses only the standard library and the `cryptography`
package from PyPI (scripts/install.sh puts it in .venv). Prints one line starting with "ok:"
and exits 0, or prints the reason on stderr and exits 1 (2 for a wrong command line).
"""

import base64
import binascii
import hashlib
import json
import sys

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
except ImportError:
    sys.exit(
        "verify-envelope: the Python package 'cryptography' is missing; "
        "run scripts/install.sh and use .venv/bin/python"
    )

CARD_FORMAT = "accord.contact-card"
ENVELOPE_FORMAT = "accord.envelope"
REVEAL_FORMAT = "accord.reveal"
VERSION = 1
BINDING = ("alliance", "round", "party", "questions")


class Refused(Exception):
    """The file is not what it claims; the message says why."""


def load(path, what):
    try:
        with open(path, "rb") as f:
            doc = json.loads(f.read().decode("utf-8"))
    except OSError as e:
        raise Refused(f"cannot read the {what} {path}: {e.strerror}")
    except (UnicodeDecodeError, ValueError) as e:
        raise Refused(f"the {what} {path} is not JSON: {e}")
    if not isinstance(doc, dict):
        raise Refused(f"the {what} {path} is not a JSON object")
    return doc


def text(doc, field, where):
    value = doc.get(field)
    if not isinstance(value, str):
        raise Refused(f"{where}: \"{field}\" is missing or not a string")
    if "\n" in value or "\r" in value:
        raise Refused(f"{where}: \"{field}\" holds a line break")
    return value


def b64(doc, field, where, length=None):
    value = text(doc, field, where)
    try:
        raw = base64.b64decode(value, validate=True)
    except binascii.Error:
        raise Refused(f"{where}: \"{field}\" is not base64")
    # The Rust reader accepts only canonical padded base64; so does this one.
    if base64.b64encode(raw).decode("ascii") != value:
        raise Refused(f"{where}: \"{field}\" is not canonical padded base64")
    if length is not None and len(raw) != length:
        raise Refused(f"{where}: \"{field}\" is {len(raw)} bytes, expected {length}")
    return raw


def check_header(doc, expected_format, where):
    found = doc.get("format")
    if found != expected_format:
        raise Refused(f"{where}: \"format\" is {found!r}, expected {expected_format!r}")
    version = doc.get("version")
    if type(version) is not int or version != VERSION:
        raise Refused(f"{where}: \"version\" is {version!r}; this verifier reads version {VERSION}")


def fingerprint(encryption, signing):
    """SHA-256(encryption key text, 0x00, signing key bytes): first 10 bytes, upper-case hex
    in five groups of four digits joined by '-'."""
    digest = hashlib.sha256(encryption.encode("utf-8") + b"\0" + signing).hexdigest()
    return "-".join(digest[i : i + 4] for i in range(0, 20, 4)).upper()


def read_card(path):
    card = load(path, "contact card")
    where = f"card {path}"
    check_header(card, CARD_FORMAT, where)
    name = text(card, "name", where)
    encryption = text(card, "encryption", where)
    if not encryption.startswith("age1"):
        raise Refused(f"{where}: \"encryption\" is not an age public key (age1...)")
    signing = b64(card, "signing", where, 32)
    expected = fingerprint(encryption, signing)
    if text(card, "fingerprint", where) != expected:
        raise Refused(
            f"{where}: fingerprint {card['fingerprint']} does not match its keys ({expected}); "
            "the card was altered"
        )
    return name, expected, Ed25519PublicKey.from_public_bytes(signing)


def signed_bytes(doc, fmt, where, payload):
    """The exact bytes the Ed25519 signature covers (docs/envelope-format.md)."""
    alliance, party, questions = (text(doc, f, where) for f in ("alliance", "party", "questions"))
    round_ = doc.get("round")
    if type(round_) is not int or not 0 <= round_ < 2**32:
        raise Refused(f"{where}: \"round\" is {round_!r}, not a whole number 0 to 2^32-1")
    lines = [
        f"{fmt}.v{VERSION}",
        f"alliance:{alliance}",
        f"round:{round_}",
        f"party:{party}",
        f"questions:{questions}",
        f"sender:{text(doc, 'sender', where)}",
        f"commitment:{text(doc, 'commitment', where)}",
        f"payload:{hashlib.sha256(payload).hexdigest()}",
    ]
    return "".join(line + "\n" for line in lines).encode("utf-8")


def verify(path, card_path, envelope_path=None):
    name, card_fingerprint, key = read_card(card_path)
    doc = load(path, "file")
    where = str(path)
    fmt = doc.get("format")
    if fmt == ENVELOPE_FORMAT:
        payload_field = "ciphertext"
    elif fmt == REVEAL_FORMAT:
        payload_field = "key"
    else:
        raise Refused(f"{where}: \"format\" is {fmt!r}, not {ENVELOPE_FORMAT!r} or {REVEAL_FORMAT!r}")
    check_header(doc, fmt, where)
    payload = b64(doc, payload_field, where)
    commitment = text(doc, "commitment", where)
    if fmt == ENVELOPE_FORMAT and hashlib.sha256(payload).hexdigest() != commitment:
        raise Refused(f"{where}: the ciphertext does not hash to the commitment; the file was altered")
    sender = text(doc, "sender", where)
    if sender != card_fingerprint:
        raise Refused(f"{where}: signed by {sender}, but the card {card_path} is {card_fingerprint}")
    signature = b64(doc, "signature", where, 64)
    try:
        key.verify(signature, signed_bytes(doc, fmt, where, payload))
    except InvalidSignature:
        raise Refused(
            f"{where}: the signature does not verify with {name}'s key; "
            "the file was altered or signed by someone else"
        )
    if envelope_path is not None:
        if fmt != REVEAL_FORMAT:
            raise Refused("--envelope goes with a reveal")
        verify(envelope_path, card_path)
        envelope = load(envelope_path, "envelope")
        for field in BINDING + ("commitment",):
            if doc.get(field) != envelope.get(field):
                raise Refused(f"{where}: \"{field}\" differs from the envelope {envelope_path}'s")
    kind = "envelope" if fmt == ENVELOPE_FORMAT else "reveal"
    opens = f", opens {envelope_path}" if envelope_path else ""
    return (
        f"ok: {kind} signed by {name} ({sender}); alliance {doc['alliance']}, "
        f"round {doc['round']}, party {doc['party']}, commitment {commitment}{opens}"
    )


def main(argv):
    args = list(argv)
    envelope = None
    if "--envelope" in args:
        i = args.index("--envelope")
        if i + 1 >= len(args):
            return usage()
        envelope = args[i + 1]
        del args[i : i + 2]
    if len(args) != 2 or any(a.startswith("-") for a in args):
        return usage()
    try:
        print(verify(args[0], args[1], envelope))
    except Refused as e:
        print(f"verify-envelope: FAILED: {e}", file=sys.stderr)
        return 1
    return 0


def usage():
    print("usage: verify-envelope.py FILE SENDER_CARD [--envelope ENVELOPE]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
