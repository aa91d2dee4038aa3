"""Hikvision firmware versions: ``V5.4.5 build 170123``, ``V5.5.82build 190220``, ``V4.30.085 build 200916``.

The numbers are the release; the six digits after ``build`` are the build date (YYMMDD), which
orders builds of the same release. Firmware shown without ``build`` still parses, but an exact tie
with a bound that has a build is then undecidable. Seen in SADP ``SoftwareVersion``, ISAPI
``firmwareVersion`` + ``firmwareReleasedDate`` and ONVIF ``FirmwareVersion``.
"""

from __future__ import annotations

import re

from netscan.sigdb.versions.base import Version, dotted, match

SCHEME = "hikvision"

_RE = re.compile(
    r"^V?(?P<nums>\d{1,3}(?:\.\d{1,4}){1,3})"
    r"(?:\s*,?\s*build\s*(?P<build>\d{6}))?"
    r"(?:\s*\(.*\))?$",
    re.IGNORECASE,
)


def parse(text: object) -> Version | None:
    """Parse a Hikvision version, or None when it does not have that shape."""
    hit = match(_RE, text)
    if hit is None:
        return None
    s, m = hit
    nums = dotted(m)
    build = int(m.group("build")) if m.group("build") else None
    return Version(SCHEME, s, nums, build)
