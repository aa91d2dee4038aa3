"""Another software's or a part's version: the words that say a version is not the device's firmware.

The words live once, in signatures/families/generic.yaml ``other_software`` (the web UI and its
browser plug-in, a phone or PC client, the kernel and boot loader, the hardware, a radio, MCU, lens
or PTZ module, an SDK, and the version an update offers). Two readings are compiled from them:

* a label right before a version in a line or a value (``Web Version: V4.0.1 build 180313``,
  ``MCU firmware version: 1.0.3``, ``WEB版本：``, ``hw_ver=``): ``OtherSoftware.before``;
* a field name whose last part names one (``WebVersion``, ``plugin_version``, ``latestFirmware``):
  ``OtherSoftware.key``.

``offer_words`` (``latest``, ``new``...) count only right before a version word or in a key
(``Latest version: 5.7.3``, ``latestFirmwareVersion``): before a firmware word they describe the
device's own firmware as often as an offer (``running the latest firmware V4.82.000``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from netscan.errors import SignatureError

#: A firmware word between another software's word and the version (``MCU firmware version``,
#: ``client software version``, ``Wi-Fi FW``, ``boot 固件版本``), perhaps with a comma before the version word
#: (``Kernel Software, Version 5.10.0``: the layout of a product phrase, Cisco IOS's sysDescr).
_FIRMWARE_WORD = r"(?:firmware|firm|fw|f/w|software|soft|sw|system|sys|固件|软件|系统|韌體|軟體)"
#: A version word (``Version``, ``Ver.``, ``rev``, ``release``, ``版本``).
_VERSION_WORD = r"(?:(?:version|ver|vers|rev|revision|release)\.?|版本)"
#: What pages and posts put between a label and its version: blanks, a colon or an equals sign, Markdown
#: bold, an HTML tag, a non-breaking space entity, a dash between blanks, ``is``, an opening quote or bracket.
_SEPARATOR = (r"(?:[\s\xa0:=\uff1a*\"'`(]|</?[a-z]{1,6}(?:\s[^<>\n]{0,60})?>|&(?:nbsp|#160);"
              r"|\s[-\u2013\u2014]\s|\sis\s)")
_JOIN = r"[ _\-\xa0]?"
_LAST_PART = re.compile(r"[./]")


def _alternatives(words: tuple[str, ...]) -> str:
    """Words as one regex alternative, longest first; a blank in a word matches a blank, an
    underscore, a dash or nothing (``web ui``: ``WebUI``, ``web_ui``, ``Web UI``)."""
    return "|".join(re.escape(w).replace(r"\ ", _JOIN) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class OtherSoftware:
    """``other_software`` of signatures/families/generic.yaml, compiled."""

    words: tuple[str, ...]
    offer_words: tuple[str, ...]
    examples: tuple[dict[str, Any], ...] = ()
    _before: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _key: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _part_key: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _keys: dict[tuple[str, bool], bool] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parts, offers = _alternatives(self.words), _alternatives(self.offer_words)
        label = (rf"(?:(?:{parts}){_JOIN}(?:{_FIRMWARE_WORD}(?:,[ \t]{{0,3}}|{_JOIN}))?{_VERSION_WORD}?"
                 rf"|(?:{offers}){_JOIN}{_VERSION_WORD}?)")
        object.__setattr__(self, "_before", re.compile(rf"(?i)(?<![a-z0-9])(?:{label}){_SEPARATOR}{{0,12}}$"))
        key_tail = r"(?:(?=[A-Z_ .-])|$)(?=.{0,40}?(?i:ver|rev|firm|fw|soft|sw|build)|$)"
        key_start = r"(?:^|[./_ -]|(?<=[a-z])(?=[A-Z]))"
        object.__setattr__(self, "_key", re.compile(rf"{key_start}(?i:{parts}|{offers}){key_tail}"))
        object.__setattr__(self, "_part_key", re.compile(rf"{key_start}(?i:{parts}){key_tail}"))

    def before(self, text: str, version: str, start: int = 0) -> bool:
        """True when ``version``, first written in ``text`` at or after ``start``, follows another
        software's label in its line (``Web Version: V4.0.1 build 180313``, ``MCU firmware: 1.0.3``):
        a version, perhaps in a maker's firmware scheme, that is not the device's firmware."""
        i = text.find(version, start)
        if i <= 0:
            return False
        line_start = text.rfind("\n", 0, i) + 1
        return self._before.search(text, max(line_start, i - 64), i) is not None

    def key(self, name: str, *, offers: bool = True) -> bool:
        """True for a field whose last name part labels another software's or a part's version
        (``http.kv.WebVersion``, ``other.kv.PluginVersion``, ``json.hw_ver``) or, with ``offers``, a
        version offered for an update (``latestFirmware``). Without ``offers`` a TR-064 output argument
        (``NewSoftwareVersion``: the running version, its ``New`` is the protocol's prefix) is the device's."""
        memo = (name, offers)
        got = self._keys.get(memo)
        if got is None:
            got = (self._key if offers else self._part_key).search(_LAST_PART.split(name)[-1]) is not None
            if len(self._keys) < 1 << 16:
                self._keys[memo] = got
        return got


def _word_list(data: dict[str, Any], name: str, where: str) -> tuple[str, ...]:
    words = data.get(name)
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise SignatureError(f"{where}: other_software {name!r} must be a list of words")
    return tuple(w.strip().lower() for w in words)


def load_other_software(data: Any, where: str) -> OtherSoftware:
    """Compile ``other_software`` (``words``, ``offer_words``, ``examples``)."""
    if not isinstance(data, dict):
        raise SignatureError(f"{where}: other_software must be a mapping")
    examples = data.get("examples")
    if not isinstance(examples, list) or not examples or len(examples) > 40:
        raise SignatureError(f"{where}: other_software needs 1 to 40 examples")
    return OtherSoftware(_word_list(data, "words", where), _word_list(data, "offer_words", where), tuple(examples))


def other_software_problems(other: OtherSoftware | None, where: str = "families/generic.yaml") -> list[str]:
    """Every example gives its expected reading and carries a public source: ``text`` + ``version``
    (``before``) or ``field`` (``key``), with ``other: true/false``."""
    if other is None:
        return []
    out: list[str] = []
    for n, ex in enumerate(other.examples):
        tag = f"{where}: other_software example {n + 1}"
        if not isinstance(ex, dict) or not str(ex.get("source", "")).startswith(("http://", "https://")):
            out.append(f"{tag}: needs a 'source' URL")
            continue
        want = ex.get("other")
        if not isinstance(want, bool):
            out.append(f"{tag}: needs 'other: true' or 'other: false'")
            continue
        if "field" in ex:
            got = other.key(str(ex["field"]))
        elif "text" in ex and "version" in ex:
            got = other.before(str(ex["text"]), str(ex["version"]))
        else:
            out.append(f"{tag}: needs 'field', or 'text' and 'version'")
            continue
        if got is not want:
            out.append(f"{tag}: reads other={got} but expects {want}")
    return out
