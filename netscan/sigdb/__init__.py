"""The signature database: vendors, the IEEE OUI registry and fingerprint rules (docs/signatures.md).

``load_db()`` reads and compiles everything once; a malformed file raises ``SignatureError`` naming
the file and rule. ``check(db)`` runs every embedded example and reports problems as strings.
"""

from __future__ import annotations

from netscan.sigdb.db import (
    DEFAULT_SIGNATURES_DIR,
    DEVICE_TYPES,
    EXTRACT_KEYS,
    Rule,
    SignatureDB,
    Vendor,
    load_db,
    normalise_name,
)
from netscan.sigdb.selfcheck import check

__all__ = [
    "DEFAULT_SIGNATURES_DIR",
    "DEVICE_TYPES",
    "EXTRACT_KEYS",
    "Rule",
    "SignatureDB",
    "Vendor",
    "check",
    "load_db",
    "normalise_name",
]
