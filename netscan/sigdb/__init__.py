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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netscan.sigdb.selfcheck import CHECKS, check, check_vulns, run_checks
    from netscan.sigdb.signatures import Signatures, default_signatures, load_signatures
    from netscan.sigdb.vulns import VulnDB, load_vulns

#: Names imported from their module when first used: the self-check and the vulnerability records
#: are not needed to identify a device (a scan imports this package before its first packet).
_LAZY = {"CHECKS": "selfcheck", "check": "selfcheck", "check_vulns": "selfcheck", "run_checks": "selfcheck",
         "Signatures": "signatures", "default_signatures": "signatures", "load_signatures": "signatures",
         "VulnDB": "vulns", "load_vulns": "vulns"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib  # noqa: PLC0415

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


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
