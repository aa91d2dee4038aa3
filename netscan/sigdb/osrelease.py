"""The field names of an os-release record (``os_release`` of signatures/families/fields-conventions.yaml).

os-release(5) (https://www.freedesktop.org/software/systemd/man/latest/os-release.html) names the keys every such
file holds (``NAME=``, ``ID=``) and asks an OS vendor who adds its own to prefix them with its name
(``XIAOMI_VERSION=``, ``OPENIPC_VERSION=``). Which keys mark a record as an os-release file, which readers record a
text's ``KEY=value`` lines (``<protocol>.kv.KEY``), which suffixes a vendor's version key ends in and which prefixes
are the format's own or a build system's (naming no maker) are data, read by the database's rule loader as a
rule's pattern is (``SignatureDB.os_release``); netscan/identify/keymakers.py reads the vendor key's prefix, and
``netscan signatures check`` checks the examples and negatives (``os_release_problems``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from netscan.errors import SignatureError

__all__ = ["OsRelease", "load_os_release", "os_release_problems"]

#: A key word of the convention: capitals, digits and underscores, as os-release(5) writes keys.
_KEY_WORD = re.compile(r"^[A-Z][A-Z0-9_]{0,31}$")
#: A protocol of a reader's field names.
_PROTOCOL = re.compile(r"^[a-z]{2,8}$")


@dataclass(frozen=True)
class OsRelease:
    """``os_release``, compiled."""

    #: per protocol whose reader records ``KEY=value`` lines, the field names of the keys every os-release file holds
    marks: dict[str, tuple[str, ...]]
    #: a vendor key's field name; group 1 is its prefix
    vendor_key: re.Pattern[str]
    examples: tuple[dict[str, Any], ...] = field(default=(), repr=False)
    negatives: tuple[dict[str, Any], ...] = field(default=(), repr=False)

    def record(self, fields: dict[str, list[str]], protocol: str) -> bool:
        """True when the fields a ``protocol`` reader recorded hold an os-release file's keys."""
        keys = self.marks.get(protocol)
        return keys is not None and all(k in fields for k in keys)

    def vendor_prefix(self, name: str) -> str | None:
        """The prefix of the vendor key the field ``name`` is (``other.kv.XIAOMI_VERSION`` -> ``XIAOMI``), else None."""
        m = self.vendor_key.match(name)
        return m.group(1) if m is not None else None


def _words(data: dict[str, Any], key: str, where: str) -> list[str]:
    words = data.get(key)
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and _KEY_WORD.match(w) for w in words):
        raise SignatureError(f"{where}: '{key}' must be a list of keys in capitals")
    return words


def load_os_release(data: Any, where: str) -> OsRelease:
    """A file's ``os_release`` mapping: ``keys`` (every os-release file's), ``protocols`` (readers recording
    ``KEY=value`` lines as ``<protocol>.kv.KEY``), ``vendor_suffixes`` and ``standard_prefixes``, examples, negatives."""
    if not isinstance(data, dict):
        raise SignatureError(f"{where}: must be a mapping")
    keys = _words(data, "keys", where)
    protocols = data.get("protocols")
    if not isinstance(protocols, list) or not protocols or not all(isinstance(p, str) and _PROTOCOL.match(p) for p in protocols):
        raise SignatureError(f"{where}: 'protocols' must be a list of protocol names")
    suffixes = _words(data, "vendor_suffixes", where)
    standard = _words(data, "standard_prefixes", where)
    examples, negatives = data.get("examples"), data.get("negatives") or []
    if not isinstance(examples, list) or not examples or not isinstance(negatives, list):
        raise SignatureError(f"{where}: needs a list of examples (and a list of negatives)")
    # <proto>.kv. (perhaps under a section), a prefix in capitals that is no standard one, then a vendor suffix
    pattern = re.compile(r"^[a-z]{2,8}\.kv\.(?:[^ ]{0,80}\.)?(?!(?:" + "|".join(map(re.escape, standard)) + r")_)"
                         r"([A-Z][A-Z0-9]{2,23})_(?:" + "|".join(map(re.escape, suffixes)) + r")$")
    marks = {p: tuple(f"{p}.kv.{k}" for k in keys) for p in protocols}
    return OsRelease(marks=marks, vendor_key=pattern, examples=tuple(examples), negatives=tuple(negatives))


def os_release_problems(osr: OsRelease | None, where: str = "families/fields-conventions.yaml") -> list[str]:
    """Every example's key is a vendor key with the prefix it names, no negative's is, each with a public source."""
    if osr is None:
        return []
    out: list[str] = []
    for kind, items in (("example", osr.examples), ("negative", osr.negatives)):
        for n, ex in enumerate(items):
            tag = f"{where}: os_release {kind} {n + 1}"
            if not isinstance(ex, dict) or not isinstance(ex.get("field"), str):
                out.append(f"{tag}: needs a 'field'")
                continue
            if not str(ex.get("source", "")).startswith(("http://", "https://")):
                out.append(f"{tag}: needs a 'source' URL")
            got = osr.vendor_prefix(ex["field"])
            want = ex.get("prefix") if kind == "example" else None
            if got != want:
                out.append(f"{tag}: {ex['field']!r} is read as prefix {got!r}, expected {want!r}")
    return out
