"""Firmware version schemes, one small module per vendor family.

``parse(scheme, text)`` returns a :class:`Version` or ``None`` (unparseable: the caller must treat
the version as *unknown*). ``compare(a, b)`` returns -1/0/1 or ``None`` when the two cannot be
ordered (different product families, or a tie that only a missing build date could break).
"""

from __future__ import annotations

from collections.abc import Callable

from netscan.sigdb.versions import axis, dahua, dotted, hikvision, uniview, xiongmai
from netscan.sigdb.versions.base import MAX_VERSION_CHARS, Version, compare

__all__ = ["MAX_VERSION_CHARS", "SCHEMES", "Version", "compare", "parse"]

#: Scheme name -> parser. Vulnerability files name one of these in ``scheme:``.
SCHEMES: dict[str, Callable[[object], Version | None]] = {
    hikvision.SCHEME: hikvision.parse,
    dahua.SCHEME: dahua.parse,
    axis.SCHEME: axis.parse,
    uniview.SCHEME: uniview.parse,
    xiongmai.SCHEME: xiongmai.parse,
    dotted.SCHEME: dotted.parse,
}


def parse(scheme: str, text: object) -> Version | None:
    """Parse ``text`` in ``scheme``; None when unknown scheme or unparseable text."""
    parser = SCHEMES.get(scheme)
    if parser is None:
        return None
    try:
        return parser(text)
    except (ValueError, TypeError):  # int() of a hostile digit run; never crash on device data
        return None
