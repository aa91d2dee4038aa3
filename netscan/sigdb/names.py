"""The one name normaliser of the signature data: vendor names, aliases, OUI registrants and the
vendor keys of vulnerability and end-of-life records are all compared through it."""

from __future__ import annotations

import functools
import re

_NORM = re.compile(r"[^0-9a-z]+")


@functools.lru_cache(maxsize=65536)
def normalise_name(name: str | None) -> str:
    """Casefold, punctuation to spaces, collapse spaces: 'Co.,Ltd.' and 'Co., Ltd' compare equal."""
    return " ".join(_NORM.sub(" ", (name or "").casefold()).split())


def vendor_key(name: str | None) -> str:
    """:func:`normalise_name` without the spaces: ``D-Link`` == ``dlink`` == ``D Link``."""
    return normalise_name(name).replace(" ", "")
