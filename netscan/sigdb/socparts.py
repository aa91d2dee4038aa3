"""SoC part numbers as a whole value (``soc_part_numbers`` of signatures/fingerprints/stacks-soc.yaml).

A chip maker's part number written as the whole of a model value (``Hi3518``, ``GK7205V300``,
``RV1126``) names the platform, not the device: netscan/identify/modelname.py ``model_extent`` drops it.
The part-number shapes live in the signature data beside the camera-SoC rule (one file for the chips),
are compiled once per database (``SignatureDB.soc_parts``), and their examples and negatives are checked
by ``netscan signatures check`` (``soc_parts_problems``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from netscan.errors import SignatureError
from netscan.sigdb.regexsafe import nested_quantifier

_FLAGS = {"ignorecase": re.IGNORECASE}


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


def load_soc_parts(data: Any, where: str) -> SocParts:
    """Compile ``soc_part_numbers`` (``pattern``, ``flags``, ``examples``, ``negatives``)."""
    if not isinstance(data, dict):
        raise SignatureError(f"{where}: soc_part_numbers must be a mapping")
    pattern, flags = data.get("pattern"), data.get("flags") or []
    if not isinstance(pattern, str) or not pattern:
        raise SignatureError(f"{where}: soc_part_numbers 'pattern' must be a non-empty string")
    if not isinstance(flags, list) or any(f not in _FLAGS for f in flags):
        raise SignatureError(f"{where}: soc_part_numbers 'flags' must be a list of {sorted(_FLAGS)}")
    f = 0
    for name in flags:
        f |= _FLAGS[name]
    match = _SAME.get((pattern, f))
    if match is None:
        try:
            compiled = re.compile(pattern, f)
        except (re.error, OverflowError, RecursionError) as exc:
            raise SignatureError(f"{where}: soc_part_numbers: bad pattern: {exc}") from None
        if nested_quantifier(pattern, f):
            raise SignatureError(f"{where}: soc_part_numbers: pattern can backtrack catastrophically")
        match = _SAME.setdefault((pattern, f), SocMatch(compiled))
    examples, negatives = data.get("examples"), data.get("negatives") or []
    if not isinstance(examples, list) or not examples or not isinstance(negatives, list):
        raise SignatureError(f"{where}: soc_part_numbers needs a list of examples (and a list of negatives)")
    return SocParts(match, tuple(examples), tuple(negatives))


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
