"""TLS server certificates (PEM, or an ``openssl x509 -text``-like dump) -> tls.* fields."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from netscan.parsers._util import Fields, add

if TYPE_CHECKING:
    from cryptography import x509

_BEGIN = "-----BEGIN CERTIFICATE-----"
_END = "-----END CERTIFICATE-----"
_BASE64 = re.compile(r"[A-Za-z0-9+/=\s]{16,65536}")
#: Longest text looked at for a certificate, and for a text dump.
MAX_PEM_SEARCH = 200_000
MAX_DUMP_CHARS = 65536
MAX_DUMP_LINES = 2000
_KEYS = ("Subject", "Issuer", "Not After")


def find_pem(text: str) -> str | None:
    """The first PEM certificate block: the last BEGIN line before the first END line after a
    BEGIN, with a base64 body. Found with ``find`` (the lazy regex this replaces rescanned up to
    64 KiB from every unclosed BEGIN line)."""
    b = text.find(_BEGIN)
    while b >= 0:
        e = text.find(_END, b + len(_BEGIN))
        if e < 0:
            return None
        last = text.rfind(_BEGIN, b, e)
        body = text[last + len(_BEGIN) : e]
        if _BASE64.fullmatch(body):
            return text[last : e + len(_END)]
        b = text.find(_BEGIN, e)
    return None


def _dump_lines(text: str) -> list[tuple[str, str]]:
    """``Subject: ...``, ``Issuer: ...``, ``Not After : ...`` lines of a text dump, in order."""
    out = []
    for line in text.splitlines()[:MAX_DUMP_LINES]:
        line = line.strip()
        for key in _KEYS:
            if line.startswith(key):
                rest = line[len(key) :].lstrip()
                if rest.startswith(":"):
                    value = rest[1:].strip()
                    if value:
                        out.append((key, value))
                break
    return out


def _name_fields(fields: Fields, prefix: str, name: x509.Name) -> None:
    from cryptography.x509.oid import NameOID  # noqa: PLC0415 (imported when a certificate is read: start-up time)

    add(fields, f"tls.{prefix}", name.rfc4514_string())
    if prefix == "subject":
        for oid, key in ((NameOID.COMMON_NAME, "cn"), (NameOID.ORGANIZATION_NAME, "o"), (NameOID.ORGANIZATIONAL_UNIT_NAME, "ou")):
            for attr in name.get_attributes_for_oid(oid):
                add(fields, f"tls.{key}", attr.value)


def _rfc4514_order(dump: str) -> str:
    """An openssl-style ``C = US, O = X, CN = y`` (most general first) in RFC 4514 order
    (``CN=y,O=X,C=US``), the order a PEM certificate's ``rfc4514_string()`` gives."""
    parts = [p.strip().replace(" = ", "=") for p in dump.split(",") if p.strip()]
    if parts and parts[0].upper().startswith(("C=", "DC=")) and not parts[-1].upper().startswith("C="):
        parts.reverse()
    return ",".join(parts)


def tls_fields(raw: str, request: str = "") -> Fields:
    """Subject, issuer, validity and self-signedness of the first certificate."""
    fields: Fields = {}
    pem = find_pem(raw[:MAX_PEM_SEARCH])
    if pem:
        from cryptography import x509  # noqa: PLC0415 (imported when a certificate is read: start-up time)

        try:
            cert = x509.load_pem_x509_certificate(pem.encode("ascii"))
        except Exception as exc:  # noqa: BLE001 - ValueError, x509.InvalidVersion (not a ValueError), ...
            return {"tls.unreadable": [f"bad certificate: {type(exc).__name__}"]}
        # the cryptography library parses names and times lazily: each access may raise
        try:
            _name_fields(fields, "subject", cert.subject)
            _name_fields(fields, "issuer", cert.issuer)
            add(fields, "tls.self_signed", "true" if cert.subject == cert.issuer else "false")
        except Exception:  # noqa: BLE001 - ValueError, TypeError (odd attribute types), ... from a lazy parse
            add(fields, "tls.unreadable", "bad name")
        try:
            add(fields, "tls.not_after", cert.not_valid_after_utc.strftime("%Y-%m-%dT%H:%M:%SZ"))
            add(fields, "tls.not_before", cert.not_valid_before_utc.strftime("%Y-%m-%dT%H:%M:%SZ"))
        except Exception:  # noqa: BLE001 - any failure of the lazy parse of the validity
            add(fields, "tls.unreadable", "bad validity")
        return fields
    found = False
    for key, value in _dump_lines(raw[:MAX_DUMP_CHARS]):
        found = True
        if key == "Subject":
            v = _rfc4514_order(value)
            add(fields, "tls.subject", v)
            for part in v.split(","):
                k, _, val = part.partition("=")
                if k.strip().upper() in ("CN", "O", "OU"):
                    add(fields, f"tls.{k.strip().lower()}", val.strip())
        elif key == "Issuer":
            add(fields, "tls.issuer", _rfc4514_order(value))
        else:
            add(fields, "tls.not_after", value)
    if found:
        subj, iss = fields.get("tls.subject"), fields.get("tls.issuer")
        if subj and iss:
            add(fields, "tls.self_signed", "true" if subj == iss else "false")
        return fields
    return {"tls.unreadable": ["no certificate"]}
