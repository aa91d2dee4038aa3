"""TLS server certificates (PEM, or an ``openssl x509 -text``-like dump) -> tls.* fields."""

from __future__ import annotations

import re

from cryptography import x509
from cryptography.x509.oid import NameOID

from netscan.parsers._util import Fields, add

_PEM = re.compile(r"-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]{16,65536}?-----END CERTIFICATE-----")
_TEXT_LINE = re.compile(r"^\s*(Subject|Issuer|Not After)\s*:\s*(.+?)\s*$", re.M)


def _name_fields(fields: Fields, prefix: str, name: x509.Name) -> None:
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
    m = _PEM.search(raw[:200000])
    if m:
        try:
            cert = x509.load_pem_x509_certificate(m.group(0).encode("ascii"))
        except (ValueError, TypeError) as exc:
            return {"tls.unreadable": [f"bad certificate: {type(exc).__name__}"]}
        try:
            _name_fields(fields, "subject", cert.subject)
            _name_fields(fields, "issuer", cert.issuer)
        except ValueError:
            add(fields, "tls.unreadable", "bad name")
        add(fields, "tls.not_after", cert.not_valid_after_utc.strftime("%Y-%m-%dT%H:%M:%SZ"))
        add(fields, "tls.not_before", cert.not_valid_before_utc.strftime("%Y-%m-%dT%H:%M:%SZ"))
        add(fields, "tls.self_signed", "true" if cert.subject == cert.issuer else "false")
        return fields
    found = False
    for key, value in _TEXT_LINE.findall(raw[:65536]):
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
