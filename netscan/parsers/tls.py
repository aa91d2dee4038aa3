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


#: ``openssl s_client`` output: the server certificate's ``subject=`` / ``issuer=`` lines (OpenSSL
#: apps/lib/s_cb.c, 1.1 and 3.x ``C = CN, O = X``; 1.0 ``/C=CN/O=X``), and the first certificate of
#: its ``Certificate chain`` (`` 0 s:...`` / ``   i:...``).
_S_CLIENT = re.compile(r"^(?:(subject|issuer)=|0 (s|i):|(i):)[ \t]{0,4}(\S.{0,1000})$")


def _dump_lines(text: str) -> list[tuple[str, str]]:
    """``Subject: ...``, ``Issuer: ...``, ``Not After : ...`` lines of a text dump, and the server
    certificate's lines of ``openssl s_client`` output (``subject=...``, `` 0 s:...``), in order."""
    out = []
    chain_first = False  # inside the chain's first certificate (its "i:" line follows "0 s:")
    for line in text.splitlines()[:MAX_DUMP_LINES]:
        line = line.strip()
        if line[:1] in ("|", "_"):  # nmap's script output: "| ssl-cert: Subject: commonName=.../organizationName=..."
            line = line.lstrip("|_ ").removeprefix("ssl-cert:").strip()
        if line.startswith(("subject=", "issuer=")) or line[:4] in ("0 s:", "0 i:") or (chain_first and line[:2] == "i:"):
            m = _S_CLIENT.match(line)
            if m is not None:
                kind = m.group(1) or m.group(2) or m.group(3)
                out.append(("Subject" if kind in ("subject", "s") else "Issuer", m.group(4).strip()))
            chain_first = line[:4] == "0 s:"
            continue
        chain_first = False
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


#: Attribute names as OpenSSL's long form and nmap's ssl-cert print them, and their RFC 4514 short names.
_LONG_NAMES = {"commonname": "CN", "organizationname": "O", "organizationalunitname": "OU", "countryname": "C",
               "stateorprovincename": "ST", "localityname": "L", "emailaddress": "emailAddress"}
_SLASH_DN = re.compile(r"/?([A-Za-z][A-Za-z0-9.]{0,40})=")


def _short_attribute(part: str) -> str:
    """One ``name = value`` of a distinguished name as ``NAME=value``, a long attribute name
    (``commonName``) by its RFC 4514 short name (``CN``); a part without ``=`` as it is."""
    name, eq, value = part.partition("=")
    if not eq:
        return part
    name = name.strip()
    return f"{_LONG_NAMES.get(name.lower(), name)}={value.strip()}"


def _rfc4514_order(dump: str) -> str:
    """An openssl-style ``C = US, O = X, CN = y`` (most general first) in RFC 4514 order
    (``CN=y,O=X,C=US``), the order a PEM certificate's ``rfc4514_string()`` gives. OpenSSL 1.0's
    one-line ``/C=US/O=X/CN=y`` and nmap's ``commonName=y/organizationName=X`` are read too."""
    d = dump.strip()
    if "," not in d and d.count("=") >= 2 and "/" in d:
        marks = list(_SLASH_DN.finditer(d))
        items = [(m.group(1), d[m.end() : marks[k + 1].start() if k + 1 < len(marks) else len(d)]) for k, m in enumerate(marks[:32])]
        d = ", ".join(f"{_LONG_NAMES.get(name.lower(), name)}={value.strip()}" for name, value in items)
    parts = [_short_attribute(p.strip().replace(" = ", "=")) for p in d.split(",") if p.strip()]
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
    seen: set[str] = set()
    for key, value in _dump_lines(raw[:MAX_DUMP_CHARS]):
        found = True
        if key in seen:
            continue  # the server certificate's name; a chain's further certificates are its issuers'
        seen.add(key)
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
