"""Uniview firmware versions: ``B6103.16.10.B25.201218``, ``IPC_G6103-B6103.16.10.B25.201218``.

The leading letter + four digits name the platform (``B6103``); versions compare only within one
platform. Then come the release numbers, an optional build (``B25``) and the build date (YYMMDD).
The notice for CVE-2021-45039 quotes ``IPC_G6103 B6103.16.10.B25.201218``.
"""

from __future__ import annotations

import re

from netscan.sigdb.versions.base import Version, dotted, match

SCHEME = "uniview"

_RE = re.compile(
    r"^(?:[A-Z0-9_]+[\s-])?(?P<platform>[A-Z]\d{4})\.(?P<nums>\d{1,3}(?:\.\d{1,3}){0,3})"
    r"(?:\.[A-Z](?P<bld>\d{1,4}))?\.(?P<date>\d{6})$",
    re.IGNORECASE,
)


def parse(text: object) -> Version | None:
    """Parse a Uniview version, or None when it does not have that shape."""
    hit = match(_RE, text)
    if hit is None:
        return None
    s, m = hit
    nums = dotted(m)
    if m.group("bld"):
        nums = nums + (int(m.group("bld")),)
    return Version(SCHEME, s, nums, int(m.group("date")), family=m.group("platform").upper())
