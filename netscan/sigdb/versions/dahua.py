"""Dahua firmware versions (also Lorex, Amcrest and other Dahua-platform OEMs).

Shapes seen: ``2.800.0000000.29.R.210630`` (NVD/advisory form, date YYMMDD at the end),
``V2.800.0000000.5.R, Build Date: 2021-02-08`` and ``2.460.0001.5.R, Build Date 2017-08-11``
(ONVIF ``FirmwareVersion``), ``2.622.0000000.31.R`` (bare), ``2.400.0.8`` (DHIP ``Version`` as some units report it). The four numbers are the release
(baseline, branch, spec, patch); the letter is the release type (R release, T test, B beta);
the date orders otherwise equal builds. A third field with letters is an OEM customisation
code (Amcrest ``V2.420.AC00.18.R.20200217``, NVD CVE-2020-5735): such builds compare only with
builds of the same code.
"""

from __future__ import annotations

import re

from netscan.sigdb.versions.base import Version, match

SCHEME = "dahua"

_RE = re.compile(
    r"^V?(?P<a>\d{1,2})\.(?P<b>\d{3})\.(?P<c>[0-9A-F]{1,7})\.(?P<d>\d{1,4})"
    r"(?:\.(?P<kind>[A-Z]))?"
    r"(?:\.(?:20)?(?P<yymmdd>\d{6})"
    r"|\s*,?\s*Build\s*Date\s*:?\s*(?P<y>\d{4})-(?P<m>\d{2})-(?P<dd>\d{2}))?"
    r"\s*$",
    re.IGNORECASE,
)


def parse(text: object) -> Version | None:
    """Parse a Dahua version, or None when it does not have that shape."""
    hit = match(_RE, text)
    if hit is None:
        return None
    s, m = hit
    spec = m.group("c").upper()
    family = ""
    if spec.isdigit():
        nums = (int(m.group("a")), int(m.group("b")), int(spec), int(m.group("d")))
    else:
        # An OEM customisation code (Amcrest ``00AC000``): its builds only compare with each other.
        family = spec
        nums = (int(m.group("a")), int(m.group("b")), 0, int(m.group("d")))
    build: int | None = None
    if m.group("yymmdd"):
        build = int(m.group("yymmdd"))
    elif m.group("y"):
        build = int(m.group("y")[2:] + m.group("m") + m.group("dd"))
    return Version(SCHEME, s, nums, build, family=family)
