"""Generic dotted versions (Reolink, Hanwha, AVTECH, most others): ``v3.0.0.136_20121102``, ``1.41.00``.

Reolink also writes ``1120_16070108_v1.0.0.30`` (hardware id, build date, version).

An optional ``v`` prefix, 2 to 5 dot-separated numbers, then optionally a build number or date
after ``_``, ``-``, a space or the word ``build``. Anything else is not a version.
"""

from __future__ import annotations

import re

from netscan.sigdb.versions.base import Version, dotted, match

SCHEME = "dotted"

_RE = re.compile(
    r"^(?:\d{1,6}_(?P<pre>\d{8})_)?v?(?P<nums>\d{1,5}(?:\.\d{1,6}){1,4})"
    r"(?:(?:[_ -]|\s*build\s*)(?P<build>\d{1,10}))?$",
    re.IGNORECASE,
)


def parse(text: object) -> Version | None:
    """Parse a dotted version, or None when it does not have that shape."""
    hit = match(_RE, text)
    if hit is None:
        return None
    s, m = hit
    nums = dotted(m)
    b = m.group("build") or m.group("pre")
    build = int(b) if b else None
    return Version(SCHEME, s, nums, build)
