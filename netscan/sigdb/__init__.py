"""The signature engine: everything netscan knows about vendors and devices, read from
``signatures/`` (docs/signatures.md, docs/findings.md).

- vendors, the IEEE OUI registry and fingerprint rules: :mod:`netscan.sigdb.db` (``load_db``);
- vulnerability records and their matching: :mod:`netscan.sigdb.vulns`, :mod:`netscan.sigdb.matching`;
- end-of-life models: :mod:`netscan.sigdb.eol`; firmware version schemes: :mod:`netscan.sigdb.versions`;
- one YAML loader, one root and one error policy: :mod:`netscan.sigdb.files`; one name
  normaliser: :mod:`netscan.sigdb.names`;
- all of it as one value: :func:`load_signatures` -> :class:`Signatures`;
- the self-check of all of it: :mod:`netscan.sigdb.selfcheck` (``check``, ``run_checks``).
"""

from __future__ import annotations

from netscan.model import DEVICE_TYPES
from netscan.sigdb.db import (
    EXTRACT_KEYS,
    Rule,
    SignatureDB,
    Vendor,
    default_db,
    load_db,
)
from netscan.sigdb.files import DEFAULT_SIGNATURES_DIR
from netscan.sigdb.names import normalise_name, vendor_key
from netscan.sigdb.selfcheck import CHECKS, check, check_vulns, run_checks
from netscan.sigdb.signatures import Signatures, default_signatures, load_signatures
from netscan.sigdb.vulns import VulnDB, load_vulns

__all__ = [
    "CHECKS",
    "DEFAULT_SIGNATURES_DIR",
    "DEVICE_TYPES",
    "EXTRACT_KEYS",
    "Rule",
    "SignatureDB",
    "Signatures",
    "Vendor",
    "VulnDB",
    "check",
    "check_vulns",
    "default_db",
    "default_signatures",
    "load_db",
    "load_signatures",
    "load_vulns",
    "normalise_name",
    "run_checks",
    "vendor_key",
]
