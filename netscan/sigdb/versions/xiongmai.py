"""Xiongmai (XMEye / NetSurveillance) firmware versions: ``V5.00.R02.00030678.10010.346332.0000000``.

``V5.00`` is the platform release, ``R02`` the revision, the 8-hex-digit field the hardware /
product id; versions of different product ids do not compare. A trailing ``.YYYYMMDD`` or the
XMEye ``BuildDate`` (passed separately) orders builds. Source of the shape: johndoe31415/numenworld-ipcam
README and NVD entries for Xiongmai products.
"""

from __future__ import annotations

import re

from netscan.sigdb.versions.base import Version, match

SCHEME = "xiongmai"

_RE = re.compile(
    r"^V?(?P<maj>\d{1,2})\.(?P<min>\d{2})\.R(?P<rev>\d{2})\.(?P<hw>[0-9A-F]{8})"
    r"(?:\.[0-9A-Z]{1,10}){0,4}?(?:\.(?P<date>20\d{6}))?$",
    re.IGNORECASE,
)


def parse(text: object) -> Version | None:
    """Parse a Xiongmai version, or None when it does not have that shape."""
    hit = match(_RE, text)
    if hit is None:
        return None
    s, m = hit
    nums = (int(m.group("maj")), int(m.group("min")), int(m.group("rev")))
    build = int(m.group("date")[2:]) if m.group("date") else None
    return Version(SCHEME, s, nums, build, family=m.group("hw").upper())
