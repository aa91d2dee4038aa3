"""Self-signed certificates whose subject resembles the vendor's (from the profile's ``tls_subject``)."""

from __future__ import annotations

import datetime
import hashlib
import ssl
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

_OIDS = {
    "CN": NameOID.COMMON_NAME, "O": NameOID.ORGANIZATION_NAME, "OU": NameOID.ORGANIZATIONAL_UNIT_NAME,
    "L": NameOID.LOCALITY_NAME, "ST": NameOID.STATE_OR_PROVINCE_NAME, "C": NameOID.COUNTRY_NAME,
    "EMAILADDRESS": NameOID.EMAIL_ADDRESS,
}


def parse_subject(subject: str) -> x509.Name:
    """``CN=a,O=b`` in RFC 4514 order (most specific first, no escaped commas) -> x509.Name.

    RFC 4514 writes the RDN sequence last-to-first, so the ASN.1 sequence is built reversed: the
    certificate then reads ``C=..,O=..,CN=..`` on the wire like a real device's."""
    attrs = []
    for part in subject.split(","):
        if "=" not in part:
            continue
        key, value = part.split("=", 1)
        oid = _OIDS.get(key.strip().upper())
        if oid is None or not value.strip():
            continue
        value = value.strip()
        if oid == NameOID.COUNTRY_NAME:
            value = value[:2]
        attrs.append(x509.NameAttribute(oid, value[:64]))
    if not attrs:
        attrs = [x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]
    return x509.Name(list(reversed(attrs)))


def make_pem(subject: str, seed: str | None = None) -> tuple[str, str]:
    """A self-signed EC certificate for ``subject`` as (certificate PEM, key PEM).

    With ``seed`` the key is derived from it, so a profile generator gives the same key each run.
    """
    if seed is None:
        key = ec.generate_private_key(ec.SECP256R1())
    else:
        # P-256 order; any value in [1, n-1] is a valid private scalar
        n = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
        key = ec.derive_private_key(int.from_bytes(hashlib.sha256(seed.encode()).digest(), "big") % (n - 1) + 1, ec.SECP256R1())
    subj = parse_subject(subject)
    serial = int.from_bytes(hashlib.sha256(subject.encode()).digest()[:8], "big") | 1
    cert = (
        x509.CertificateBuilder()
        .subject_name(subj).issuer_name(subj).public_key(key.public_key()).serial_number(serial)
        .not_valid_before(datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc))
        .not_valid_after(datetime.datetime(2035, 1, 1, tzinfo=datetime.timezone.utc))
        .sign(key, hashes.SHA256(), ecdsa_deterministic=seed is not None)  # RFC 6979: same bytes every run
    )
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii"), key_pem.decode("ascii")


def write_pem(cert_pem: str, key_pem: str, directory: Path, name: str) -> tuple[Path, Path]:
    """Write a certificate and key given as PEM text; returns (cert, key) paths."""
    directory.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = directory / f"{name}.crt", directory / f"{name}.key"
    cert_path.write_text(cert_pem, encoding="ascii")
    key_path.write_text(key_pem, encoding="ascii")
    key_path.chmod(0o600)
    return cert_path, key_path


def make_cert(subject: str, directory: Path, name: str) -> tuple[Path, Path]:
    """Write a self-signed EC certificate and key for ``subject``; returns (cert, key) paths."""
    directory.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = directory / f"{name}.crt", directory / f"{name}.key"
    key = ec.generate_private_key(ec.SECP256R1())
    subj = parse_subject(subject)
    serial = int.from_bytes(hashlib.sha256(subject.encode()).digest()[:8], "big") | 1
    cert = (
        x509.CertificateBuilder()
        .subject_name(subj).issuer_name(subj).public_key(key.public_key()).serial_number(serial)
        .not_valid_before(datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc))
        .not_valid_after(datetime.datetime(2035, 1, 1, tzinfo=datetime.timezone.utc))
        .sign(key, hashes.SHA256())
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption(),
    ))
    key_path.chmod(0o600)
    return cert_path, key_path


def server_context(cert: Path, key: Path) -> ssl.SSLContext:
    """A TLS server context for one device (TLS 1.0+ like old firmware would accept)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(str(cert), str(key))
    return ctx
