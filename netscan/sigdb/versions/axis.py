"""Axis firmware (AXIS OS) versions: ``10.12.114``, ``8.40.1``, ``6.50.2.3``, ``1.81.040.1``.

Plain dotted numbers, compared part by part (missing parts count as 0: ``8.20`` == ``8.20.0``).
Seen in VAPIX ``basicdeviceinfo`` ``Version``, ``param.cgi`` ``Properties.Firmware.Version`` and
ONVIF ``FirmwareVersion``.
"""

from __future__ import annotations

import re

from netscan.sigdb.versions.base import Version, dotted, match

SCHEME = "axis"

_RE = re.compile(r"^(?:firmware\s+)?v?(?P<nums>\d{1,4}(?:\.\d{1,5}){1,4})(?:\s*\(.*\))?$", re.IGNORECASE)


def parse(text: object) -> Version | None:
    """Parse an Axis version, or None when it does not have that shape."""
    hit = match(_RE, text)
    if hit is None:
        return None
    s, m = hit
    return Version(SCHEME, s, dotted(m))
