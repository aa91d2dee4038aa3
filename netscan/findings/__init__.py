"""Findings: Identification + Observation + vulnerability data -> what is wrong, how bad, what to do.

Pure: no sockets, no files (the databases are loaded once by the caller), no clock (``now`` is
passed in). Finding types are listed in :data:`FINDING_TYPES` and documented in docs/findings.md.
"""

from __future__ import annotations

from netscan.findings.assess import assess
from netscan.findings.catalogue import FINDING_TYPES
from netscan.findings.context import Context, PortMapping, network_context
from netscan.findings.credentials import DEFAULTS, default_credentials
from netscan.findings.severity import FAIL_ON_LEVELS, severity_at_least, summarise

# The vulnerability data and its matching live in the signature engine (netscan.sigdb); findings
# take a VulnDB as input, so these names are re-exported here for callers of assess().
from netscan.sigdb.matching import match_record, match_vulns
from netscan.sigdb.selfcheck import check_vulns
from netscan.sigdb.vulns import VulnDB, VulnMatch, VulnRecord, load_vulns

__all__ = [
    "DEFAULTS",
    "FAIL_ON_LEVELS",
    "FINDING_TYPES",
    "Context",
    "PortMapping",
    "VulnDB",
    "VulnMatch",
    "VulnRecord",
    "assess",
    "check_vulns",
    "default_credentials",
    "load_vulns",
    "match_record",
    "match_vulns",
    "network_context",
    "severity_at_least",
    "summarise",
]
