"""SoC part numbers as a whole value (``soc_part_numbers`` of signatures/fingerprints/stacks-soc.yaml).

A chip maker's part number written as the whole of a model value (``Hi3518``, ``GK7205V300``,
``RV1126``) names the platform, not the device: netscan/identify/modelname.py ``model_extent`` drops it.
The part-number shapes live in the signature data beside the camera-SoC rule (one file for the chips),
are read by the database's rule loader as a rule's pattern is (``SignatureDB.soc_parts``), and their
examples and negatives are checked by ``netscan signatures check`` (``soc_parts_problems``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


class SocMatch:
    """A compiled part-number pattern, one object per pattern and flags in a process (``_SAME``): hashed and
    compared by identity, so a memo keyed on it (``model_extent``'s) is cheap, is shared by every database
    loaded from the same data, and holds this small object, never a database."""

    __slots__ = ("pattern",)

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def whole(self, value: str) -> bool:
        """True when all of ``value`` is a SoC's part number."""
        return self.pattern.fullmatch(value) is not None


#: (pattern, flags) -> its one SocMatch (a database's data holds one pattern: a few entries per process at most).
_SAME: dict[tuple[str, int], SocMatch] = {}


@dataclass(frozen=True)
class SocParts:
    """``soc_part_numbers``, compiled."""

    match: SocMatch
    examples: tuple[dict[str, Any], ...] = field(default=(), repr=False)
    negatives: tuple[dict[str, Any], ...] = field(default=(), repr=False)

    def whole(self, value: str) -> bool:
        """True when all of ``value`` is a SoC's part number."""
        return self.match.whole(value)


def soc_match(pattern: re.Pattern[str]) -> SocMatch:
    """The process's one ``SocMatch`` for ``pattern`` (its text and flags; compiled by the database's rule loader)."""
    key = (pattern.pattern, int(pattern.flags))
    match = _SAME.get(key)
    return match if match is not None else _SAME.setdefault(key, SocMatch(pattern))


def soc_parts_problems(parts: SocParts | None, where: str = "fingerprints/stacks-soc.yaml") -> list[str]:
    """Every example is a part number whole, no negative is, and each carries a public source URL."""
    if parts is None:
        return []
    out: list[str] = []
    for kind, items, want in (("example", parts.examples, True), ("negative", parts.negatives, False)):
        for n, ex in enumerate(items):
            tag = f"{where}: soc_part_numbers {kind} {n + 1}"
            if not isinstance(ex, dict) or not isinstance(ex.get("value"), str):
                out.append(f"{tag}: needs a 'value'")
                continue
            if not str(ex.get("source", "")).startswith(("http://", "https://")):
                out.append(f"{tag}: needs a 'source' URL")
            if parts.whole(ex["value"]) is not want:
                out.append(f"{tag}: {ex['value']!r} {'is not' if want else 'is'} read as a SoC's part number")
    return out
